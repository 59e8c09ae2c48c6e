/**
 * Detection and threshold optimisation (depaf-method.md §10–§12): from the network's maps to localisations.
 *
 * <p>{@link org.knime.depaf.core.detect.Detector} thresholds the summed amplitude map, splits 8-connected
 * components into ≤ 2 × 2 groups and measures each group's centroid, z and amplitude;
 * {@link org.knime.depaf.core.detect.ThresholdSearch} chooses the threshold after training;
 * {@link org.knime.depaf.core.detect.CoordinateMapping} maps detections from the upsampled grid back to
 * camera pixels and POI slices; {@link org.knime.depaf.core.detect.TileGrid} and
 * {@link org.knime.depaf.core.detect.TileAccumulator} tile a frame for inference and blend the tiles' maps.
 *
 * <p>Coordinates are 0-based with pixel centres at integers ({@code x} = column, {@code y} = row); z is the
 * 0-based fractional POI-channel index. Maps are row-major {@code float[]}, channel-major for stacks.
 */
package org.knime.depaf.core.detect;
