package org.knime.depaf.core.loc;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class GaussianIntegralTest {

    @Test
    void erfMatchesTabulatedValues() {
        // Abramowitz & Stegun table 7.1
        assertEquals(0, GaussianIntegral.erf(0), 1e-7);
        assertEquals(0.5204998778, GaussianIntegral.erf(0.5), 2e-7);
        assertEquals(0.8427007929, GaussianIntegral.erf(1), 2e-7);
        assertEquals(-0.9953222650, GaussianIntegral.erf(-2), 2e-7);
        assertEquals(1.5374597944e-12, GaussianIntegral.erfc(5), 1.5374597944e-12 * 2e-7);
    }

    @Test
    void pixelMassesSumToOneAndKeepTheMean() {
        final double[] m = new double[41];
        GaussianIntegral.pixelMasses(20.3, 2.5, 0, m, m.length);
        double s = 0;
        double c = 0;
        for (int i = 0; i < m.length; i++) {
            s += m[i];
            c += i * m[i];
        }
        assertEquals(1, s, 1e-9);
        assertEquals(20.3, c / s, 1e-6);
        assertEquals(GaussianIntegral.mass(19.5, 20.5, 20.3, 2.5), m[20], 1e-12);
    }

    @Test
    void massOfTheWholeLineIsOneAndOfAHalfLineOneHalf() {
        assertEquals(1, GaussianIntegral.mass(-50, 50, 0.7, 3), 1e-12);
        assertEquals(0.5, GaussianIntegral.mass(0.7, 1e9, 0.7, 3), 1e-7);
        assertEquals(GaussianIntegral.mass(1, 2, 0, 1), GaussianIntegral.mass(-2, -1, 0, 1), 1e-15);
    }
}
