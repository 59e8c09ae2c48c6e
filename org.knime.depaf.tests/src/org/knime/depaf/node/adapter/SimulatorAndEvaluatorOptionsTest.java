package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.eval.MetricsReport;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationOverrides;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;

/**
 * The SMLM Simulator's and the Localisation Evaluator's options: the same simulation and the same numbers as the
 * command line, ground-truth columns known before the simulation runs, and messages that name the option.
 */
class SimulatorAndEvaluatorOptionsTest {

    @Test
    void defaultsAreThePresetAsItIs() {
        assertEquals(SimulationConfig.default2d(), SimulatorOptions.defaults().toConfig());
    }

    @Test
    void zeroAndNegativeKeepThePresetsValuesAndTheRestOverridesThem() {
        final SimulationConfig c = new SimulatorOptions("astigmatic-3d", 7, 40, 0, 0, 0, 500, -1, 3).toConfig();
        final SimulationConfig preset = SimulationConfig.astigmatic3d();
        assertEquals(7, c.frames());
        assertEquals(40, c.widthPx());
        assertEquals(preset.heightPx(), c.heightPx());
        assertEquals(preset.pixelSizeNm(), c.pixelSizeNm());
        assertEquals(0, c.emitters().densityPerUm2(), "a density of 0 is meant: no emitters");
        assertEquals(500, c.emitters().meanPhotons());
        assertEquals(preset.background(), c.background());
        assertEquals(3, c.seed());
        // the command line builds the same configuration from the same settings
        assertEquals(c, new SimulationOverrides(7, 40, null, null, 0.0, 500.0, null, 3L).applyTo("astigmatic-3d"));
    }

    @Test
    void groundTruthColumnsAreKnownBeforeTheSimulationAndMatchIt() {
        for (final String preset : SimulationConfig.PRESETS) {
            final SimulatorOptions o = new SimulatorOptions(preset, 3, 32, 32, 0, -1, 0, -1, 5);
            final SimulationResult r = SmlmSimulator.simulate(o.toConfig());
            assertTrue(r.groundTruth().size() > 0, preset);
            assertEquals(LocalisationRows.columns(r.groundTruth()), o.groundTruthColumns(), preset);
        }
        // no emitter drawn: the columns are the same all the same
        final SimulatorOptions empty = new SimulatorOptions("astigmatic-3d", 2, 16, 16, 0, 0, 0, -1, 5);
        assertEquals(0, SmlmSimulator.simulate(empty.toConfig()).groundTruth().size());
        assertTrue(empty.groundTruthColumns().contains(LocalisationRows.descriptor(LocalisationTable.Column.Z)));
    }

    @Test
    void badSimulatorOptionsNameTheOption() {
        assertEquals("Number of frames must be ≥ 1, or 0 for the preset's; it is -2", assertThrows(
            IllegalArgumentException.class, new SimulatorOptions("default-2d", -2, 0, 0, 0, -1, 0, -1, 1)::validate)
            .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class,
            new SimulatorOptions("confocal", 0, 0, 0, 0, -1, 0, -1, 1)::validate).getMessage()
            .startsWith("Preset must be one of default-2d, sparse-2d"));
        assertEquals("Pixel size must be a number of nm > 0, or 0 for the preset's; it is NaN", assertThrows(
            IllegalArgumentException.class, new SimulatorOptions("default-2d", 0, 0, 0, Double.NaN, -1, 0, -1, 1)
                ::validate).getMessage());
    }

    @Test
    void evaluatorRowsAreTheMetricsReportsNumbers() {
        final SimulationResult sim = SmlmSimulator.simulate(SimulationConfig.default2d().withFrames(3));
        final LocalisationTable truth = sim.groundTruth();
        // localisations: the truth shifted by 60 nm in x, and every fifth emitter missed
        final LocalisationTable.Builder b = LocalisationTable.builder(truth.pixelSizeNm());
        for (int i = 0; i < truth.size(); i++) {
            if (i % 5 != 0) {
                b.add(truth.frame(i), truth.x(i) + 60, truth.y(i));
            }
        }
        final LocalisationTable found = b.build();
        final EvaluatorOptions o = new EvaluatorOptions("250; 100 50", 0, 0, 0, 0);
        final List<Object[]> rows = o.evaluate(found, truth);
        final List<double[]> expected = MetricsReport.evaluate(truth, found, new double[] {250, 100, 50}, Double.NaN,
            0, null).values();
        assertEquals(3, rows.size());
        for (int r = 0; r < rows.size(); r++) {
            final double[] e = expected.get(r);
            for (int c = 0; c < e.length; c++) {
                final Object v = rows.get(r)[c];
                if (Double.isNaN(e[c])) {
                    assertNull(v, "row " + r + " column " + EvaluatorOptions.COLUMNS.get(c).name());
                } else {
                    assertEquals(e[c], ((Number)v).doubleValue(), 0, EvaluatorOptions.COLUMNS.get(c).name());
                }
            }
        }
        // at 50 nm a 60 nm shift matches only by chance (another emitter nearby); at 100 nm nearly everything does
        assertTrue((Integer)rows.get(2)[3] <= 0.05 * found.size(), "TP at 50 nm " + rows.get(2)[3]);
        assertTrue((Integer)rows.get(1)[3] >= 0.95 * found.size(), "TP at 100 nm " + rows.get(1)[3]);
        assertEquals(Integer.class, rows.get(0)[3].getClass(), "TP is a count");
        assertArrayEquals(new double[] {250, 100, 50}, o.tolerances());
    }

    @Test
    void badEvaluatorOptionsNameTheOption() {
        assertEquals("Tolerances: 'near' is not a number of nm; enter numbers separated by commas (e.g. 250, 100)",
            assertThrows(IllegalArgumentException.class, new EvaluatorOptions("250, near", 0, 0, 0, 0)::validate)
                .getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, new EvaluatorOptions("250", 0, 450, 0, 0)::validate)
            .getMessage().startsWith("A border of 450.0 nm needs the field's width and height"));
        assertEquals("250, 100", EvaluatorOptions.defaults().tolerancesNm());
    }

    @Test
    void aStackFileNotChosenYetIsValidSettingsButNotAValidConfiguration() {
        final StackReaderOptions notChosen = StackReaderOptions.defaults();
        notChosen.validateSettings();
        assertEquals("Stack file: enter the path of a TIFF (.tif, .tiff) or MATLAB (.mat) file",
            assertThrows(IllegalArgumentException.class, notChosen::validate).getMessage());
        assertThrows(IllegalArgumentException.class,
            new StackReaderOptions("notes.txt", 1, 0, 0)::validateSettings, "a wrong kind of file is wrong at once");
        final PoiRecipe d = PoiRecipe.defaults();
        final PoiRecipe fileNotChosen = new PoiRecipe(PoiRecipe.Source.FILE, "", 0, 0, d.sigmaPx(), d.fwhmNm(),
            d.sizePx(), d.sigmaYPx(), d.sigmaXPx(), 0, d.tauSamples(), 0, 15, 0);
        fileNotChosen.validateSettings();
        assertThrows(IllegalArgumentException.class, fileNotChosen::validate);
        assertTrue(fileNotChosen.generated().isEmpty(), "a POI file is described only once read");
        assertTrue(d.generated().isPresent(), "a generated POI is described before the node runs");
    }
}
