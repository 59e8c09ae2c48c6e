package org.knime.depaf.core.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;

class EvaluationToolsTest {

    private static final DepafPaperEvaluator PAPER = new DepafPaperEvaluator(100, 1);

    private static LocalisationTable gt() {
        return LocalisationTable.builder(100).add(1, 500, 500).intensity(1000).add(1, 560, 500).intensity(500)
            .add(2, 1000, 1000).intensity(700).build();
    }

    @Test
    void paperProtocolMatchesBrightestPredictionsFirstToTheNearestGroundTruth() {
        // frame 1: p1 (brighter) takes B (20 nm, nearer than A at 40 nm); p2 is 120 nm from A: a false positive.
        // frame 2: one pair at 50 nm.
        final LocalisationTable pred = LocalisationTable.builder(100).add(1, 540, 500).amplitude(0.9)
            .add(1, 620, 500).amplitude(0.5).add(2, 1000, 1050).amplitude(1).build();
        final DepafPaperEvaluator.Result r = PAPER.evaluate(gt(), pred, null);
        assertEquals((1.0 / 3 + 1) / 2, r.jaccard(), 1e-12);
        assertEquals((0.2 + 0.5) / 2, r.meanDistancePx(), 1e-12);
        assertEquals(35, r.meanDistanceNm(), 1e-9);
        assertEquals(100 - Math.hypot(100 - 100 * (2.0 / 3), 35), r.efficiency(), 1e-9);
        assertEquals(2, r.frames());
        assertEquals(2, r.tp());
    }

    @Test
    void paperProtocolDependsOnTheBrightnessOrder() {
        // now p2 is brighter: it takes B (60 nm) first, p1 then takes A (40 nm): frame 1 is perfect
        final LocalisationTable pred = LocalisationTable.builder(100).add(1, 540, 500).amplitude(0.9)
            .add(1, 620, 500).amplitude(0.95).add(2, 1000, 1050).amplitude(1).build();
        final DepafPaperEvaluator.Result r = PAPER.evaluate(gt(), pred, null);
        assertEquals(1, r.jaccard(), 1e-12);
        assertEquals(((0.6 + 0.4) / 2 + 0.5) / 2, r.meanDistancePx(), 1e-12);
    }

    @Test
    void paperProtocolCanRankByTheRawImage() {
        // a raw frame brighter at the right: the prediction at 620 nm ranks first, as in the previous test
        final float[] raw = new float[2 * 20 * 20];
        for (int f = 0; f < 2; f++) {
            for (int y = 0; y < 20; y++) {
                for (int x = 0; x < 20; x++) {
                    raw[(f * 20 + y) * 20 + x] = x;
                }
            }
        }
        final LocalisationTable pred = LocalisationTable.builder(100).add(1, 540, 500).amplitude(0.9)
            .add(1, 620, 500).amplitude(0.5).add(2, 1000, 1050).amplitude(1).build();
        final DepafPaperEvaluator.Result r =
            PAPER.evaluate(gt(), pred, new ImageStack(raw, 2, 20, 20, 100, "ramp"));
        assertEquals(1, r.jaccard(), 1e-12);
    }

    @Test
    void randomBaselineKeepsTheCountPerFrameAndIsSeeded() {
        final SimulationResult sim = SmlmSimulator.simulate(SimulationConfig.astigmatic3d().withFrames(5));
        final LocalisationTable gt = sim.groundTruth();
        final LocalisationTable a = RandomBaseline.generate(gt, 6400, 6400, 42);
        assertEquals(a, RandomBaseline.generate(gt, 6400, 6400, 42));
        assertFalse(a.equals(RandomBaseline.generate(gt, 6400, 6400, 43)));
        for (int f = 1; f <= 5; f++) {
            assertEquals(gt.frameIndex().count(f), a.frameIndex().count(f));
        }
        for (int i = 0; i < a.size(); i++) {
            assertTrue(a.x(i) >= 0 && a.x(i) < 6400 && a.y(i) >= 0 && a.y(i) < 6400);
            assertTrue(a.z(i) >= -500 && a.z(i) <= 500);
        }
    }

    @Test
    void groundTruthBeatsTheRandomBaselineOnSimulatedData() {
        final SimulationResult sim = SmlmSimulator.simulate(SimulationConfig.default2d().withFrames(10));
        final LocalisationTable gt = sim.groundTruth();
        final EpflMatcher m = EpflMatcher.lateral(100).withBorder(450, 6400, 6400);
        final Metrics random = m.evaluate(gt, RandomBaseline.generate(gt, 6400, 6400, 1));
        assertTrue(random.jaccardPercent() < 20, "random Jaccard " + random.jaccardPercent());
        assertEquals(100, m.evaluate(gt, gt).jaccardPercent());
    }

    @Test
    void textTableAlignsAndFormatsMetrics() {
        final TextTable t = TextTable.forMetrics();
        t.addMetrics("perfect", Metrics.of(10, 0, 0, 0, Double.NaN));
        t.addMetrics("half", Metrics.of(2, 1, 1, Math.sqrt(6250), Double.NaN));
        final String text = t.toText();
        assertTrue(text.contains("Jaccard %"), text);
        assertTrue(text.contains("100.0") && text.contains("50.0") && text.contains("79.1") && text.contains("–"),
            text);
        final String md = t.toMarkdown();
        assertTrue(md.startsWith("| method "), md);
        assertTrue(md.contains("---:"), md);
        assertEquals(4, md.split("\n").length);
        assertThrows(IllegalArgumentException.class, () -> t.add("too", "few"));
        assertEquals("–", TextTable.number(Double.NaN, 2));
        assertEquals("3.14", TextTable.number(Math.PI, 2));
    }
}
