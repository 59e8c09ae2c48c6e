/**
 * Interpolation and the centre-keeping resampler of DEPAF (method spec §3.3).
 *
 * <p>Coordinates are 0-based with pixel (voxel) centres at integers. Every method works on the input padded
 * by one voxel of edge replication on each side, as the reference does before calling MATLAB {@code interp3};
 * {@link org.knime.depaf.core.resample.VolumeInterpolator} evaluates that interpolant at arbitrary points and
 * {@link org.knime.depaf.core.resample.CenterKeepResampler} on the centre-keeping output grid. The not-a-knot
 * cubic spline is implemented here ({@code SplineLine}); no external interpolation library is used.
 */
package org.knime.depaf.core.resample;
