package org.knime.depaf.core.forward;

/**
 * Read access to a list of spots to re-synthesise: positions on the (upsampled) map grid and amplitudes.
 *
 * <p>Coordinates are 0-based with pixel centres at integers: {@code x} is the column, {@code y} the row,
 * {@code z} the fractional POI-channel index (0 for a single-channel POI). The amplitude is the peak height
 * of the spot in map units (normalised intensity). Implemented by the detection results of the detect
 * package, so that re-synthesis needs no copy and the forward package does not depend on detection.
 */
public interface SpotList {

    /** @return number of spots */
    int size();

    /** @return column coordinate of spot i, in grid pixels */
    double x(int i);

    /** @return row coordinate of spot i, in grid pixels */
    double y(int i);

    /** @return POI-channel coordinate of spot i (0-based, fractional) */
    double z(int i);

    /** @return peak amplitude of spot i */
    double amplitude(int i);
}
