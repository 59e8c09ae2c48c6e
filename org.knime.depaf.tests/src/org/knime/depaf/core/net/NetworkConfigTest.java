package org.knime.depaf.core.net;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class NetworkConfigTest {

    @Test
    void baseWidthGrowsWithTheNumberOfPoiChannels() {
        assertEquals(64, NetworkConfig.builder(1).build().baseWidth());
        assertEquals(152, NetworkConfig.builder(151).build().baseWidth());
        assertEquals(151, NetworkConfig.builder(151).learnBackground(false).build().baseWidth());
        assertEquals(16, NetworkConfig.builder(151).baseWidth(16).build().baseWidth());
    }

    @Test
    void parameterCountMatchesTheReferenceUNet() {
        // depaf-method.md §5: 1,861,632 plus the head 64·C_out + C_out
        final NetworkConfig c = NetworkConfig.builder(1).build();
        assertEquals(1_861_632L + 64 * 2 + 2, c.parameterCount());
    }

    @Test
    void flopsCountEveryConvolutionOfTheUNet() {
        final NetworkConfig c = NetworkConfig.builder(1).baseWidth(16).build();
        // hand count for 64 × 64, F = 16, D = 2 (multiply-adds): encoder, bridge, decoder, head
        final double macs = 4096.0 * 9 * (16 + 256) + 1024.0 * 9 * (16 * 32 + 32 * 32) + 256.0 * 9 * (32 * 64 + 64
            * 64) + 256.0 * 4 * 64 * 32 + 1024.0 * 9 * (64 * 32 + 32 * 32) + 1024.0 * 4 * 32 * 16 + 4096.0 * 9 * (32
                * 16 + 16 * 16) + 4096.0 * 16 * 2;
        assertEquals(2 * macs, c.flopsPerFrame(64, 64), 1e-6 * macs);
    }

    @Test
    void equalConfigurationsAreEqual() {
        final NetworkConfig a = NetworkConfig.builder(3).baseWidth(8).seed(4).build();
        assertEquals(a, NetworkConfig.builder(3).baseWidth(8).seed(4).build());
        assertFalse(a.equals(NetworkConfig.builder(3).baseWidth(8).seed(5).build()));
        assertTrue(a.toString().contains("base width 8"));
    }

    @Test
    void rejectsInvalidSettingsWithTheirName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> NetworkConfig.builder(0).build());
        assertTrue(e.getMessage().contains("POI channels"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder(1).encoderDepth(0).build());
        assertTrue(e.getMessage().contains("Encoder depth"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder(1).dropout(1).build());
        assertTrue(e.getMessage().contains("Dropout"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> NetworkConfig.builder(1).baseWidth(-2));
        assertTrue(e.getMessage().contains("Base width"), e.getMessage());
    }
}
