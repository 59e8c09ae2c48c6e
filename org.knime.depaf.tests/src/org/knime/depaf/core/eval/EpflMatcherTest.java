package org.knime.depaf.core.eval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.loc.LocalisationTable;

class EpflMatcherTest {

    private static final EpflMatcher M250 = EpflMatcher.lateral(250);

    private static LocalisationTable table(final double[][] rows) {
        final LocalisationTable.Builder b = LocalisationTable.builder(100);
        for (final double[] r : rows) {
            b.add((int)r[0], r[1], r[2]);
            if (r.length > 3) {
                b.z(r[3]);
            }
        }
        return b.build();
    }

    @Test
    void perfectMatchGivesJaccardHundredAndZeroError() {
        final SplittableRandom rng = new SplittableRandom(1);
        final LocalisationTable.Builder b = LocalisationTable.builder(100);
        for (int i = 0; i < 500; i++) {
            b.add(1 + i % 10, rng.nextDouble() * 6400, rng.nextDouble() * 6400);
        }
        final LocalisationTable t = b.build();
        final Metrics m = M250.evaluate(t, t);
        assertEquals(500, m.tp());
        assertEquals(0, m.fp() + m.fn());
        assertEquals(100, m.jaccardPercent());
        assertEquals(0, m.rmseLateralNm());
        assertEquals(100, m.efficiencyLateral());
        assertEquals(1, m.recall());
        assertEquals(1, m.precision());
    }

    @Test
    void framesFarApartAreMatchedVisitingOnlyTheFramesThatOccur() {
        final int far = 2_000_000_000;
        final LocalisationTable gt = table(new double[][] {{1, 1000, 1000}, {far, 3000, 3000}, {far, 5000, 5000}});
        final LocalisationTable loc = table(new double[][] {{far, 3030, 3040}, {1, 1000, 1100}, {7, 0, 0}});
        final MatchResult r = M250.match(gt, loc);
        assertEquals(2, r.pairs());
        assertEquals(3, r.gtCount());
        assertEquals(3, r.locCount());
        final Metrics m = r.metrics();
        assertEquals(1, m.fp());
        assertEquals(1, m.fn());
        assertEquals(Math.sqrt((100.0 * 100 + 50.0 * 50) / 2), m.rmseLateralNm(), 1e-9);
        for (int k = 0; k < r.pairs(); k++) {
            assertEquals(gt.frame(r.gtRow(k)), loc.frame(r.locRow(k)), "pairs lie in one frame");
        }

        final LocalisationTable random = RandomBaseline.generate(gt, 6400, 6400, 1);
        assertArrayEquals(gt.frameIndex().framesPresent(), random.frameIndex().framesPresent());
        assertEquals(2, random.frameIndex().count(far));
        final DepafPaperEvaluator.Result paper = new DepafPaperEvaluator(100, 1).evaluate(gt, loc, null);
        assertEquals(3, paper.frames(), "frames 1, 7 and 2 000 000 000");
        assertEquals(2, paper.tp());
    }

    @Test
    void handComputedCaseGivesJaccardRmseAndEfficiency() {
        final LocalisationTable gt = table(new double[][] {{1, 0, 0}, {1, 1000, 0}, {2, 200, 200}});
        final LocalisationTable loc = table(new double[][] {{1, 30, 40}, {1, 1000, 100}, {1, 5000, 5000}});
        final Metrics m = M250.evaluate(gt, loc);
        assertEquals(2, m.tp());
        assertEquals(1, m.fp());
        assertEquals(1, m.fn());
        assertEquals(50, m.jaccardPercent(), 1e-12);
        // RMSE = √((50² + 100²) / 2) = √6250
        assertEquals(Math.sqrt(6250), m.rmseLateralNm(), 1e-9);
        // E = 100 − √(50² + 6250) = 100 − √8750
        assertEquals(100 - Math.sqrt(8750), m.efficiencyLateral(), 1e-9);
        assertEquals(2.0 / 3, m.recall(), 1e-12);
        assertEquals(2.0 / 3, m.precision(), 1e-12);
        assertTrue(Double.isNaN(m.rmseAxialNm()) && Double.isNaN(m.efficiencyAxial()));
    }

    @Test
    void globallyNearestPairIsTakenFirst() {
        // g1–l0 (10 nm) beats g0–l0 (90 nm); g0–l1 is beyond the tolerance, so only one pair forms
        final LocalisationTable gt = table(new double[][] {{1, 0, 0}, {1, 100, 0}});
        final LocalisationTable loc = table(new double[][] {{1, 90, 0}, {1, 300, 0}});
        final MatchResult r = M250.match(gt, loc);
        assertEquals(1, r.pairs());
        assertEquals(1, r.gtRow(0));
        assertEquals(0, r.locRow(0));
        assertEquals(10, r.lateralNm(0), 1e-12);
        assertEquals(1, r.metrics().fp());
        assertEquals(1, r.metrics().fn());
    }

    @Test
    void tiesGoToTheLowerGroundTruthThenTheLowerLocalisationIndex() {
        final MatchResult a = M250.match(table(new double[][] {{1, 0, 0}, {1, 200, 0}}),
            table(new double[][] {{1, 100, 0}}));
        assertEquals(0, a.gtRow(0));
        final MatchResult b = M250.match(table(new double[][] {{1, 0, 0}}),
            table(new double[][] {{1, 0, 100}, {1, 100, 0}}));
        assertEquals(0, b.locRow(0));
        // the same when the tied rows come in another table order: lower index still wins
        final MatchResult c = M250.match(table(new double[][] {{1, 200, 0}, {1, 0, 0}}),
            table(new double[][] {{1, 100, 0}}));
        assertEquals(0, c.gtRow(0));
    }

    @Test
    void toleranceIsInclusive() {
        final Metrics m = M250.evaluate(table(new double[][] {{1, 0, 0}, {1, 1000, 0}}),
            table(new double[][] {{1, 150, 200}, {1, 1000, 250.0001}}));
        assertEquals(1, m.tp(), "250 nm pairs, 250.0001 nm does not");
    }

    @Test
    void pairsOnlyWithinTheSameFrame() {
        final Metrics m = M250.evaluate(table(new double[][] {{1, 0, 0}}), table(new double[][] {{2, 0, 0}}));
        assertEquals(0, m.tp());
        assertEquals(0, m.jaccardPercent());
    }

    @Test
    void borderExclusionDropsPointsOfBothSetsNearTheEdge() {
        final EpflMatcher m = M250.withBorder(EpflMatcher.CHALLENGE_BORDER_NM, 6400, 6400);
        final LocalisationTable gt = table(new double[][] {{1, 300, 3000}, {1, 3000, 3000}, {1, 6000, 6000}});
        final LocalisationTable loc = table(new double[][] {{1, 320, 3000}, {1, 3010, 3000}, {1, 6000, 100}});
        final MatchResult r = m.match(gt, loc);
        assertEquals(1, r.gtCount());
        assertEquals(1, r.locCount());
        final Metrics x = r.metrics();
        assertEquals(1, x.tp());
        assertEquals(0, x.fp() + x.fn());
        // without the border the edge pair counts and the two unpaired points are errors
        final Metrics all = M250.evaluate(gt, loc);
        assertEquals(2, all.tp());
        assertEquals(1, all.fp());
        assertEquals(1, all.fn());
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> M250.withBorder(450, 800, 6400));
        assertTrue(e.getMessage().contains("450"), e.getMessage());
    }

    @Test
    void axialToleranceRejectsPairsTooFarInZ() {
        final EpflMatcher m3 = M250.withAxialTolerance(EpflMatcher.DEFAULT_AXIAL_TOLERANCE_NM);
        final LocalisationTable gt = table(new double[][] {{1, 0, 0, 0}, {1, 2000, 0, 100}});
        final LocalisationTable loc = table(new double[][] {{1, 10, 0, 600}, {1, 2000, 30, -300}});
        final Metrics m = m3.evaluate(gt, loc);
        assertEquals(1, m.tp());
        assertEquals(1, m.fp());
        assertEquals(1, m.fn());
        assertEquals(30, m.rmseLateralNm(), 1e-12);
        assertEquals(400, m.rmseAxialNm(), 1e-12);
        // E_ax = 100 − √((100 − 100/3)² + (0.5 · 400)²)
        assertEquals(100 - Math.hypot(100 - 100.0 / 3, 200), m.efficiencyAxial(), 1e-9);
        // without the axial gate both pairs form; z errors are still reported
        assertEquals(2, M250.evaluate(gt, loc).tp());
        assertEquals(Math.sqrt((600 * 600 + 400 * 400) / 2.0), M250.evaluate(gt, loc).rmseAxialNm(), 1e-9);
        assertThrows(IllegalArgumentException.class, () -> m3.evaluate(gt, table(new double[][] {{1, 0, 0}})));
    }

    @Test
    void emptySetsGiveZeroOrUndefinedRatios() {
        final LocalisationTable none = LocalisationTable.empty(100);
        final LocalisationTable three = table(new double[][] {{1, 0, 0}, {1, 500, 0}, {2, 0, 0}});
        final Metrics onlyLoc = M250.evaluate(none, three);
        assertEquals(3, onlyLoc.fp());
        assertEquals(0, onlyLoc.jaccardPercent());
        assertEquals(0, onlyLoc.precision());
        assertTrue(Double.isNaN(onlyLoc.recall()));
        final Metrics onlyGt = M250.evaluate(three, none);
        assertEquals(3, onlyGt.fn());
        assertEquals(0, onlyGt.recall());
        final Metrics nothing = M250.evaluate(none, none);
        assertEquals(0, nothing.tp() + nothing.fp() + nothing.fn());
        assertTrue(Double.isNaN(nothing.jaccardPercent()));
        assertTrue(Double.isNaN(nothing.efficiencyLateral()));
    }

    @Test
    void matchingIsDeterministicAndOrderIndependentInItsCounts() {
        final SplittableRandom rng = new SplittableRandom(9);
        final LocalisationTable.Builder g = LocalisationTable.builder(100);
        final LocalisationTable.Builder l = LocalisationTable.builder(100);
        for (int i = 0; i < 2000; i++) {
            g.add(1 + i % 8, rng.nextDouble() * 6400, rng.nextDouble() * 6400);
            l.add(1 + i % 8, rng.nextDouble() * 6400, rng.nextDouble() * 6400);
        }
        final LocalisationTable gt = g.build();
        final LocalisationTable loc = l.build();
        final Metrics a = M250.evaluate(gt, loc);
        assertEquals(a, M250.evaluate(gt, loc));
        final Metrics sorted = M250.evaluate(gt.sortedByFrame(), loc.sortedByFrame());
        assertEquals(a.tp(), sorted.tp());
        assertEquals(a.rmseLateralNm(), sorted.rmseLateralNm(), 1e-9);
    }

    @Test
    void badParametersAreRejectedWithTheirNames() {
        assertTrue(assertThrows(IllegalArgumentException.class, () -> EpflMatcher.lateral(0)).getMessage()
            .contains("Lateral tolerance"));
        assertTrue(assertThrows(IllegalArgumentException.class, () -> M250.withAxialTolerance(-1)).getMessage()
            .contains("Axial tolerance"));
    }
}
