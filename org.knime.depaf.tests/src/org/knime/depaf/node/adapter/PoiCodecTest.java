package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.poi.AstigmaticPoi;
import org.knime.depaf.core.poi.Poi;

class PoiCodecTest {

    private static Poi roundTrip(final Poi poi) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        PoiCodec.write(poi, out);
        return PoiCodec.read(new ByteArrayInputStream(out.toByteArray()));
    }

    @Test
    void storesAZStackPoiExactly() throws IOException {
        final Poi poi = new AstigmaticPoi(1.3, 300, 400).zStack(7, 50, 11, 107.5);
        final Poi back = roundTrip(poi);
        assertArrayEquals(poi.values(), back.values());
        assertEquals(poi.kind(), back.kind());
        assertEquals(poi.channels(), back.channels());
        assertEquals(poi.pixelSizeNm(), back.pixelSizeNm());
        assertEquals(poi.zStepNm(), back.zStepNm());
        assertEquals(poi.source(), back.source());
    }

    @Test
    void refusesBytesThatAreNoPoi() {
        assertEquals("Not a DEPAF POI (wrong signature)", assertThrows(IOException.class,
            () -> PoiCodec.read(new ByteArrayInputStream(new byte[] {1, 2, 3, 4, 5, 6, 7, 8}))).getMessage());
    }

    @Test
    void describesKindSizeAndPixelSize() throws IOException {
        final Poi poi = new Poi(new float[] {0, 1, 0, 1, 2, 1, 0, 1, 0}, 1, 3, 3, Poi.Kind.PATTERN_2D, 100,
            Double.NaN, "test");
        final Map<String, String> d = PoiCodec.describe(poi);
        assertEquals(Poi.Kind.PATTERN_2D, PoiCodec.kind(d));
        assertEquals("2-D POI, 3 × 3 px, 100.0 nm/px, test", PoiCodec.summary(d));
    }
}
