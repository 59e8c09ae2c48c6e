/**
 * A seeded, deterministic SMLM simulator for tests, demos and benchmarks.
 *
 * <p>{@link org.knime.depaf.core.sim.SmlmSimulator} chains small components, each an interface with plain
 * constructors: {@link org.knime.depaf.core.sim.EmitterPlacement} (uniform or along
 * {@link org.knime.depaf.core.sim.Filament filaments}), {@link org.knime.depaf.core.sim.BlinkingModel},
 * {@link org.knime.depaf.core.sim.PhotonDistribution} (assembled by
 * {@link org.knime.depaf.core.sim.EmitterGenerator}), {@link org.knime.depaf.core.sim.Psf} (integrated Gaussian,
 * astigmatic, or any POI), {@link org.knime.depaf.core.sim.BackgroundModel} (flat, gradient, Perlin) and
 * {@link org.knime.depaf.core.sim.CameraModel} (EMCCD, sCMOS). {@link org.knime.depaf.core.sim.SimulationConfig}
 * is the typed configuration with presets; only {@code SmlmSimulator.fromConfig} reads it.
 *
 * <p>Units: positions in nm (origin at the top-left corner of the first pixel), photons before quantum
 * efficiency, camera output in ADU. The ground truth is a {@link org.knime.depaf.core.loc.LocalisationTable}
 * with frames 1-based.
 */
package org.knime.depaf.core.sim;
