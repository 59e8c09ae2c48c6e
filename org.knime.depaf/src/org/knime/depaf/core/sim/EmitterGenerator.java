package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

/**
 * Decides which emitters shine in which frame, where and how brightly: the ground truth of a simulation.
 *
 * <p>Two regimes:
 * <ul>
 * <li><b>fresh</b> ({@code population = 0}): each frame draws Poisson(expectedPerFrame) new positions from the
 * placement; ids count emitters from 1.</li>
 * <li><b>population</b> ({@code population = N > 0}): N fluorophores are placed once; each frame the blinking
 * model switches them with stationary on-fraction expectedPerFrame / N, so the mean number on per frame is
 * expectedPerFrame; the id is the fluorophore number (1..N), the same in every frame it is on.</li>
 * </ul>
 * Photons are drawn per emitter per frame. Immutable, thread-safe.
 */
public final class EmitterGenerator {

    /** A dense frame of millions of emitters still checks for cancellation well within a second. */
    private static final long CANCEL_EVERY = (1 << 16) - 1;

    private final EmitterPlacement placement;
    private final double expectedPerFrame;
    private final int population;
    private final BlinkingModel blinking;
    private final PhotonDistribution photons;
    private final boolean threeD;
    private final double pixelSizeNm;

    /**
     * @param placement where emitters sit
     * @param expectedPerFrame mean number of emitters per frame (density × area), ≥ 0
     * @param population fixed fluorophore population (≥ expectedPerFrame), or 0 for fresh positions every frame
     * @param blinking switching model (used with a population)
     * @param photons photons per emitter per frame
     * @param threeD whether the table gets a z column
     * @param pixelSizeNm the camera pixel size recorded in the table
     */
    public EmitterGenerator(final EmitterPlacement placement, final double expectedPerFrame, final int population,
        final BlinkingModel blinking, final PhotonDistribution photons, final boolean threeD,
        final double pixelSizeNm) {
        if (!(expectedPerFrame >= 0) || Double.isInfinite(expectedPerFrame)) {
            throw new IllegalArgumentException("Expected emitters per frame must be a finite number ≥ 0, got "
                + expectedPerFrame);
        }
        if (population < 0 || population > 0 && population < expectedPerFrame) {
            throw new IllegalArgumentException("Fluorophore population must be 0 (fresh emitters each frame) or ≥ "
                + "the expected emitters per frame " + expectedPerFrame + ", got " + population);
        }
        this.placement = placement;
        this.expectedPerFrame = expectedPerFrame;
        this.population = population;
        this.blinking = blinking;
        this.photons = photons;
        this.threeD = threeD;
        this.pixelSizeNm = pixelSizeNm;
    }

    /** @return the mean number of emitters per frame */
    public double expectedPerFrame() {
        return expectedPerFrame;
    }

    /** @return the fixed fluorophore population, 0 for fresh positions every frame */
    public int population() {
        return population;
    }

    /**
     * @param frames number of frames
     * @param rng the source of randomness (used sequentially)
     * @param monitor cancellation, checked once per frame and every 65 536 emitters of a frame
     * @return the emitters, sorted by frame: frame, x, y (nm), z (nm, 3-D only), intensity (photons), id
     */
    public LocalisationTable generate(final int frames, final SplittableRandom rng, final Monitor monitor) {
        final LocalisationTable.Builder b = LocalisationTable.builder(pixelSizeNm);
        final double[] xyz = new double[3];
        if (population == 0) {
            int id = 0;
            for (int f = 1; f <= frames; f++) {
                monitor.checkCancelled();
                final long n = Sampling.poisson(rng, expectedPerFrame);
                for (long k = 0; k < n; k++) {
                    if ((k & CANCEL_EVERY) == CANCEL_EVERY) {
                        monitor.checkCancelled();
                    }
                    placement.sample(rng, xyz);
                    add(b, f, xyz, photons.sample(rng), ++id);
                }
            }
            return b.build();
        }
        final double[] px = new double[population];
        final double[] py = new double[population];
        final double[] pz = new double[population];
        for (int i = 0; i < population; i++) {
            placement.sample(rng, xyz);
            px[i] = xyz[0];
            py[i] = xyz[1];
            pz[i] = xyz[2];
        }
        final boolean[] on = new boolean[population];
        final double onFraction = expectedPerFrame / population;
        for (int f = 1; f <= frames; f++) {
            monitor.checkCancelled();
            blinking.next(on, f == 1, onFraction, rng);
            for (int i = 0; i < population; i++) {
                if (on[i]) {
                    xyz[0] = px[i];
                    xyz[1] = py[i];
                    xyz[2] = pz[i];
                    add(b, f, xyz, photons.sample(rng), i + 1);
                }
            }
        }
        return b.build();
    }

    private void add(final LocalisationTable.Builder b, final int frame, final double[] xyz, final double n,
        final int id) {
        b.add(frame, xyz[0], xyz[1]);
        if (threeD) {
            b.z(xyz[2]);
        }
        b.intensity(n).id(id);
    }
}
