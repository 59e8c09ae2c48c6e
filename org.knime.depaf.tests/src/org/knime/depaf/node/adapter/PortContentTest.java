package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.train.TrainingProgress;

/** The plain contents of the ports and tables: properties texts, model descriptions, history rows. */
class PortContentTest {

    @Test
    void writesPropertiesTextDeterministicallyAndReadsItBack() throws IOException {
        final Map<String, String> a = new LinkedHashMap<>();
        a.put("z", "ünïcode = and : and \\ and #");
        a.put("a", "");
        final Map<String, String> b = new LinkedHashMap<>();
        b.put("a", "");
        b.put("z", "ünïcode = and : and \\ and #");
        assertArrayEquals(PropertiesText.write(a), PropertiesText.write(b));
        assertEquals(a, PropertiesText.read(PropertiesText.write(a)));
    }

    @Test
    void roundTripsAModelDescription() throws IOException {
        final ModelInfo info = new ModelInfo(Poi.Kind.Z_STACK, 41, 31, 31, 0.02, 0.137, 2, true, 95.5, 1234.0,
            "/data/beads.tif", "2025-11-21T10:00:00Z", "0.1.0", "POI: 41 × 31 × 31\nλ: 0.02");
        assertEquals(info, ModelInfo.fromMap(PropertiesText.read(PropertiesText.write(info.toMap()))));
        assertEquals(true, info.isZStack());
    }

    @Test
    void refusesADamagedModelDescriptionNamingTheEntry() {
        final IOException e = assertThrows(IOException.class, () -> ModelInfo.fromMap(Map.of("poi.kind", "PATTERN_2D")));
        assertEquals("DEPAF model description: the entry 'poi.channels' is missing", e.getMessage());
    }

    @Test
    void makesAHistoryRowPerIterationWithMissingValidationLoss() {
        final Object[] row = TrainingHistoryRows.row(new TrainingProgress(5, 1, 0.5, 0.4, 0.1, Double.NaN, 2e-4,
            1e-3, 1, 3.5));
        assertEquals(TrainingHistoryRows.COLUMNS.size(), row.length);
        assertEquals(5L, row[0]);
        assertEquals(1, row[1]);
        assertNull(row[5]);
        final Object[] validated = TrainingHistoryRows.row(new TrainingProgress(21, 2, 0.5, 0.4, 0.1, 0.45, 2e-4,
            1e-3, 1, 3.5));
        assertEquals(0.45, validated[5]);
    }
}
