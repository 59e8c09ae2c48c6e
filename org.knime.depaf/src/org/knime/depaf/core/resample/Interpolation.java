package org.knime.depaf.core.resample;

import java.util.Locale;

/**
 * The interpolation methods of DEPAF's {@code interpMethod} parameter, with MATLAB's semantics.
 *
 * <p>All methods are separable (tensor products of 1-D rules) and exact at the grid nodes.
 */
public enum Interpolation {
    /** MATLAB {@code 'spline'}: not-a-knot cubic spline through all nodes (2 nodes: linear, 3 nodes: parabola). */
    SPLINE,
    /** MATLAB {@code 'linear'}: piecewise linear between neighbouring nodes. */
    LINEAR,
    /** MATLAB {@code 'nearest'}: value of the nearest node; a query exactly half-way takes the higher node. */
    NEAREST,
    /**
     * MATLAB {@code 'cubic'} on uniform grids: Keys cubic convolution with a = −0.5. Beyond each end one extra
     * node is extrapolated with Keys' boundary rule {@code f(−1) = 3 f(0) − 3 f(1) + f(2)}, as MATLAB's
     * uniform-grid cubic interpolation does.
     */
    CUBIC;

    /** Number of nodes per axis that one interpolated value depends on (for the local methods). */
    int taps() {
        switch (this) {
            case NEAREST:
                return 1;
            case LINEAR:
                return 2;
            default:
                return 4;
        }
    }

    /**
     * Parses a MATLAB-style name ("spline", "linear", "nearest", "cubic"), case-insensitive.
     *
     * @throws IllegalArgumentException naming the parameter and the accepted values
     */
    public static Interpolation parse(final String name) {
        if (name != null) {
            for (final Interpolation m : values()) {
                if (m.name().equalsIgnoreCase(name.trim())) {
                    return m;
                }
            }
        }
        throw new IllegalArgumentException("Interpolation method \"" + name
            + "\" is unknown: expected one of spline, linear, nearest, cubic");
    }

    /** @return the MATLAB name, lower case */
    public String matlabName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
