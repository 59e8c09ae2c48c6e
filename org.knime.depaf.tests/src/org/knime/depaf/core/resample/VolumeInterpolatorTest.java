package org.knime.depaf.core.resample;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class VolumeInterpolatorTest {

    private static float[] randomVolume(final int n, final long seed) {
        final SplittableRandom r = new SplittableRandom(seed);
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float)r.nextDouble(-1, 3);
        }
        return v;
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void returnsTheDataAtEveryNode(final Interpolation method) {
        final int nz = 4;
        final int ny = 5;
        final int nx = 7;
        final float[] v = randomVolume(nz * ny * nx, 1);
        final VolumeInterpolator vi = new VolumeInterpolator(v, nz, ny, nx, method);
        for (int z = 0; z < nz; z++) {
            for (int y = 0; y < ny; y++) {
                for (int x = 0; x < nx; x++) {
                    assertEquals(v[(z * ny + y) * nx + x], vi.value(z, y, x), 1e-5, "node " + z + "," + y + "," + x);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void isZeroOutsideThePaddedGridAndEdgeValuedOnItsBorder(final Interpolation method) {
        final float[] v = randomVolume(3 * 4 * 5, 2);
        final VolumeInterpolator vi = new VolumeInterpolator(v, 3, 4, 5, method);
        assertEquals(0, vi.value(1, 1, -1.01), 0);
        assertEquals(0, vi.value(1, 4.01, 1), 0);
        assertEquals(0, vi.value(3.5, 1, 1), 0);
        assertEquals(0, vi.value(Double.NaN, 1, 1), 0);
        // padded nodes replicate the edge
        assertEquals(v[(1 * 4 + 2) * 5], vi.value(1, 2, -1), 1e-5);
        assertEquals(v[(1 * 4 + 2) * 5 + 4], vi.value(1, 2, 5), 1e-5);
        assertEquals(v[(2 * 4 + 3) * 5 + 4], vi.value(3, 4, 5), 1e-5);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void isConstantAlongASingletonAxis(final Interpolation method) {
        final float[] v = randomVolume(6 * 5, 3);
        final VolumeInterpolator vi = new VolumeInterpolator(v, 1, 6, 5, method);
        for (final double z : new double[] {-1, -0.3, 0, 0.7, 1}) {
            assertEquals(vi.value(0, 2.3, 1.6), vi.value(z, 2.3, 1.6), 1e-12);
        }
        assertEquals(0, vi.value(1.2, 2.3, 1.6), 0);
    }

    @Test
    void splineMatchesATextbookNotAKnotSplineOfThePaddedLine() {
        final int n = 9;
        final float[] v = randomVolume(n, 4);
        final double[] line = new double[n];
        for (int i = 0; i < n; i++) {
            line[i] = v[i];
        }
        final VolumeInterpolator vi = new VolumeInterpolator(v, 1, 1, n, Interpolation.SPLINE);
        for (double x = -1; x <= n; x += 0.137) {
            assertEquals(NotAKnotReference.evalPadded(line, x), vi.value(0, 0, x), 1e-6, "x = " + x);
        }
    }

    @Test
    void splineIsTheTensorProductOfOneDimensionalSplines() {
        final int nz = 4;
        final int ny = 5;
        final int nx = 6;
        final float[] v = randomVolume(nz * ny * nx, 5);
        final VolumeInterpolator vi = new VolumeInterpolator(v, nz, ny, nx, Interpolation.SPLINE);
        final double z = 1.37;
        final double y = 3.61;
        final double x = -0.4;
        // interpolate along x, then y, then z with the oracle
        final double[] zs = new double[nz];
        for (int a = 0; a < nz; a++) {
            final double[] ys = new double[ny];
            for (int b = 0; b < ny; b++) {
                final double[] row = new double[nx];
                for (int c = 0; c < nx; c++) {
                    row[c] = v[(a * ny + b) * nx + c];
                }
                ys[b] = NotAKnotReference.evalPadded(row, x);
            }
            zs[a] = NotAKnotReference.evalPadded(ys, y);
        }
        assertEquals(NotAKnotReference.evalPadded(zs, z), vi.value(z, y, x), 1e-6);
    }

    @Test
    void splineReproducesACubicPolynomialExactlyOnAnUnpaddedLine() {
        final int n = 12;
        final double[] f = new double[n];
        for (int i = 0; i < n; i++) {
            f[i] = i * i * i - 2.0 * i;
        }
        final SplineLine s = new SplineLine(n);
        final double[] coef = new double[n + 2];
        s.coefficients(f, coef, 0, new double[n]);
        final double[] w = new double[4];
        for (double u = 0; u <= n - 1; u += 0.05) {
            final int i = Math.min((int)Math.floor(u), n - 2);
            SplineLine.bsplineWeights(u - i, w, 0);
            final double val = w[0] * coef[i] + w[1] * coef[i + 1] + w[2] * coef[i + 2] + w[3] * coef[i + 3];
            assertEquals(u * u * u - 2 * u, val, 1e-9, "u = " + u);
        }
    }

    @Test
    void splineDegradesToParabolaAndLineForFewNodes() {
        final double[] three = {1, 4, 2};
        final SplineLine s3 = new SplineLine(3);
        final double[] c3 = new double[5];
        s3.coefficients(three, c3, 0, new double[3]);
        final double[] w = new double[4];
        SplineLine.bsplineWeights(0.5, w, 0);
        // parabola through (0,1), (1,4), (2,2): p(0.5) = 3.125
        assertEquals(3.125, w[0] * c3[0] + w[1] * c3[1] + w[2] * c3[2] + w[3] * c3[3], 1e-12);
        final double[] two = {1, 3};
        final double[] c2 = new double[4];
        new SplineLine(2).coefficients(two, c2, 0, new double[2]);
        SplineLine.bsplineWeights(0.25, w, 0);
        assertEquals(1.5, w[0] * c2[0] + w[1] * c2[1] + w[2] * c2[2] + w[3] * c2[3], 1e-12);
    }

    @Test
    void linearReproducesLinearFunctionsInsideTheData() {
        final int ny = 6;
        final int nx = 7;
        final float[] v = new float[ny * nx];
        for (int y = 0; y < ny; y++) {
            for (int x = 0; x < nx; x++) {
                v[y * nx + x] = 2 * y - 3 * x + 1;
            }
        }
        final VolumeInterpolator vi = new VolumeInterpolator(v, 1, ny, nx, Interpolation.LINEAR);
        for (double y = 0; y <= ny - 1; y += 0.31) {
            for (double x = 0; x <= nx - 1; x += 0.29) {
                assertEquals(2 * y - 3 * x + 1, vi.value(0, y, x), 1e-5);
            }
        }
    }

    @Test
    void cubicConvolutionReproducesQuadraticsAwayFromTheBorder() {
        final int n = 12;
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float)(0.5 * i * i - i + 2);
        }
        final VolumeInterpolator vi = new VolumeInterpolator(v, 1, 1, n, Interpolation.CUBIC);
        for (double x = 2; x <= n - 3; x += 0.13) {
            assertEquals(0.5 * x * x - x + 2, vi.value(0, 0, x), 1e-4, "x = " + x);
        }
    }

    @Test
    void nearestTakesTheHigherNodeAtHalfway() {
        final float[] v = {1, 2, 3};
        final VolumeInterpolator vi = new VolumeInterpolator(v, 1, 1, 3, Interpolation.NEAREST);
        assertEquals(2, vi.value(0, 0, 0.5), 0);
        assertEquals(1, vi.value(0, 0, 0.49), 0);
        assertEquals(3, vi.value(0, 0, 2.9), 0);
    }

    @ParameterizedTest
    @EnumSource(Interpolation.class)
    void sampleGridAgreesWithValue(final Interpolation method) {
        final float[] v = randomVolume(3 * 9 * 8, 6);
        final VolumeInterpolator vi = new VolumeInterpolator(v, 3, 9, 8, method);
        final float[] out = new float[10 * 11];
        vi.sampleGrid(1.3, -1.7, -1.2, 10, 11, out);
        for (int i = 0; i < 10; i++) {
            for (int j = 0; j < 11; j++) {
                assertEquals(vi.value(1.3, -1.7 + i, -1.2 + j), out[i * 11 + j], 1e-5);
            }
        }
    }

    @Test
    void rejectsSizesThatDoNotMatchTheArray() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> new VolumeInterpolator(new float[10], 2, 2, 2, Interpolation.SPLINE));
        assertTrue(e.getMessage().contains("2 × 2 × 2"), e.getMessage());
    }
}
