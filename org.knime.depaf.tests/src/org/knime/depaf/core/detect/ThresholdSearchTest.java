package org.knime.depaf.core.detect;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.forward.TestPois;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.preprocess.Percentiles;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.Monitor;

class ThresholdSearchTest {

    private static PoiSampler sampler;
    private static List<SimulatedMaps> sims;
    private static List<FrameMaps> patches;

    /**
     * Simulated network outputs: 8 patches of 64 × 64 with 20 emitters each (amplitudes 0.5–2) spread over
     * ≤ 2 × 2 nodes, 5 % of pixels with positive clutter up to 0.015, Dsum = A ⊛ P, and Xbg = Dsum + Gaussian
     * noise of 0.012 (about a fifth of the peak of a unit-amplitude spot). The clutter stays below the scale
     * of the residual on the amplitude scale (noise / max P ≈ 0.2), the regime in which DEPAF's objective
     * separates noise fits from emitters. (Clutter well above that scale is "worth" detecting for the
     * objective, since it is part of Dsum.)
     */
    @BeforeAll
    static void simulate() {
        final Poi poi = TestPois.asymmetric(15, 1.5);
        sampler = new PoiSampler(poi, Interpolation.SPLINE);
        sims = new ArrayList<>();
        patches = new ArrayList<>();
        for (int p = 0; p < 8; p++) {
            final SimulatedMaps s = SimulatedMaps.make(poi, 64, 64, 20, 1, 0.05, 0.015, 0.012, 100 + p);
            sims.add(s);
            patches.add(s.maps);
        }
    }

    private static ThresholdSearch search(final int threads) {
        return new ThresholdSearch(new Detector(sampler), new SpotSynthesizer(sampler),
            ThresholdSearch.DEFAULT_COARSE_POINTS, threads);
    }

    private static double jaccard(final double tau) {
        final Detector detector = new Detector(sampler);
        double j = 0;
        for (final SimulatedMaps s : sims) {
            j += s.jaccard(detector.detect(s.maps, tau));
        }
        return j / sims.size();
    }

    @Test
    void searchesOnlyInsideARangeTheUserGives() {
        final ThresholdSearchResult auto = search(1).search(patches.subList(0, 4), Monitor.NONE);
        final double lo = auto.threshold() * 0.5;
        final double hi = auto.threshold() * 2;
        final ThresholdSearchResult r = search(1).search(patches.subList(0, 4), lo, hi, Monitor.NONE);
        assertEquals(lo, r.rangeLow());
        assertEquals(hi, r.rangeHigh());
        assertTrue(r.threshold() >= lo && r.threshold() <= hi);
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> search(1).search(patches.subList(0, 4), hi, lo, Monitor.NONE));
        assertTrue(e.getMessage().contains("search range"), e.getMessage());
    }

    @Test
    void chosenThresholdGivesNearlyTheBestJaccard() {
        final ThresholdSearchResult r = search(1).search(patches, Monitor.NONE);
        assertTrue(r.threshold() >= r.rangeLow() && r.threshold() <= r.rangeHigh());
        assertEquals(100, r.coarseThresholds().length);
        assertEquals(r.rangeLow(), r.coarseThresholds()[0], 0);
        assertEquals(r.rangeHigh(), r.coarseThresholds()[99], 0);
        assertEquals((r.rangeHigh() - r.rangeLow()) / 3000, r.fineStep(), 1e-15);
        final double[] fine = r.fineThresholds();
        final double[] loss = r.fineLosses();
        assertTrue(fine.length >= 50 && fine.length <= 100, "fine window of " + fine.length);
        double min = Double.POSITIVE_INFINITY;
        for (final double l : loss) {
            min = Math.min(min, l);
        }
        assertEquals(min, loss[java.util.Arrays.binarySearch(fine, r.threshold())], 0);
        assertEquals(search(1).objective(patches, r.threshold()), min, 1e-9 * min);

        double best = 0;
        for (final double t : r.coarseThresholds()) {
            best = Math.max(best, jaccard(t));
        }
        final double chosen = jaccard(r.threshold());
        assertTrue(chosen >= best - 0.02, "Jaccard " + chosen + " at the chosen threshold " + r.threshold()
            + ", best " + best);
        assertTrue(r.warnings().isEmpty(), r.warnings().toString());
    }

    @Test
    void sameInputsGiveTheSameThresholdWithAnyNumberOfThreads() {
        final ThresholdSearchResult a = search(1).search(patches.subList(0, 4), Monitor.NONE);
        final ThresholdSearchResult b = search(1).search(patches.subList(0, 4), Monitor.NONE);
        final ThresholdSearchResult c = search(3).search(patches.subList(0, 4), Monitor.NONE);
        for (final ThresholdSearchResult o : new ThresholdSearchResult[] {b, c}) {
            assertEquals(a.threshold(), o.threshold(), 0);
            assertArrayEquals(a.coarseLosses(), o.coarseLosses(), 0);
            assertArrayEquals(a.fineThresholds(), o.fineThresholds(), 0);
            assertArrayEquals(a.fineLosses(), o.fineLosses(), 0);
        }
    }

    @Test
    void cancellationStopsTheSearch() {
        for (final int threads : new int[] {1, 2}) {
            final AtomicInteger calls = new AtomicInteger();
            final Monitor cancelling = new Monitor() {
                @Override
                public void progress(final double fraction, final String message) {
                    calls.incrementAndGet();
                }

                @Override
                public boolean isCancelled() {
                    return calls.get() >= 3;
                }
            };
            assertThrows(CancelledException.class, () -> search(threads).search(patches, cancelling));
            assertTrue(calls.get() < 3 + 2 * threads, "stopped soon after cancellation: " + calls.get());
        }
    }

    @Test
    void reportsProgressUpToOne() {
        final List<Double> fractions = new ArrayList<>();
        final Monitor recording = new Monitor() {
            @Override
            public synchronized void progress(final double fraction, final String message) {
                fractions.add(fraction);
            }

            @Override
            public boolean isCancelled() {
                return false;
            }
        };
        search(1).search(patches.subList(0, 2), recording);
        assertEquals(1.0, fractions.get(fractions.size() - 1), 0);
        for (int i = 1; i < fractions.size(); i++) {
            assertTrue(fractions.get(i) >= fractions.get(i - 1), "progress never goes back");
        }
    }

    @Test
    void fineStageRecentresTowardsAMinimumOutsideItsFirstWindow() {
        // Coarse grid 0, 0.25, ..., 1 picks 0.25; the fine windows then walk up by 89 steps per attempt
        // and reach 0.37 in the fifth.
        final ThresholdSearchResult r = ThresholdSearch.search(0, 1, 5, (t, from, to, s) -> {
            final double[] out = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                out[k] = (t[k] - 0.37) * (t[k] - 0.37);
            }
            return out;
        }, Monitor.NONE);
        assertEquals(5, r.fineAttempts());
        assertTrue(r.fineWindowConverged());
        assertEquals(0.37, r.threshold(), 0.5 / 3000 + 1e-12);
        assertEquals(100, r.fineThresholds().length);
    }

    @Test
    void warnsWhenTheFineWindowNeverReachesTheMinimum() {
        // Coarse grid 0, 0.5, 1 picks 0.5; five windows walk down only to about 0.5 - 406 steps = 0.365.
        final ThresholdSearchResult r = ThresholdSearch.search(0, 1, 3, (t, from, to, s) -> {
            final double[] out = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                out[k] = Math.abs(t[k] - 0.3);
            }
            return out;
        }, Monitor.NONE);
        assertEquals(5, r.fineAttempts());
        assertFalse(r.fineWindowConverged());
        assertEquals(1, r.warnings().size());
        assertTrue(r.warnings().get(0).contains("fine threshold search"), r.warnings().get(0));
    }

    @Test
    void tiesGoToTheLargestThresholdAndAnOptimumAtTheRangeEndIsFlagged() {
        // Plateau of zeros on (0.49, 0.51): the coarse grid (101 points) picks 0.5, the fine window contains
        // the whole plateau, and the largest zero wins.
        final ThresholdSearchResult r = ThresholdSearch.search(0, 1, 101, (t, from, to, s) -> {
            final double[] out = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                out[k] = Math.abs(t[k] - 0.5) < 0.01 ? 0 : Math.abs(t[k] - 0.5);
            }
            return out;
        }, Monitor.NONE);
        assertTrue(r.threshold() < 0.51 && r.threshold() > 0.51 - 1.01 / 3000, "threshold " + r.threshold());
        assertFalse(r.atRangeEdge());

        final ThresholdSearchResult edge = ThresholdSearch.search(0, 1, 20, (t, from, to, s) -> {
            final double[] out = new double[t.length];
            for (int k = 0; k < t.length; k++) {
                out[k] = 1 - t[k];
            }
            return out;
        }, Monitor.NONE);
        assertEquals(1, edge.threshold(), 0);
        assertTrue(edge.atRangeEdge());
        assertTrue(edge.warnings().get(0).contains("edge of the search range"), edge.warnings().get(0));
    }

    @Test
    void rangeIsTheExtremePercentilesOfTheSummedAmplitudes() {
        final double[] range = search(1).range(patches);
        final float[] all = new float[patches.size() * 64 * 64];
        for (int p = 0; p < patches.size(); p++) {
            System.arraycopy(patches.get(p).summedAmplitude(), 0, all, p * 64 * 64, 64 * 64);
        }
        assertArrayEquals(new double[] {Percentiles.prctile(all, 0.01), Percentiles.prctile(all, 99.99)}, range, 0);
        assertThrows(IllegalArgumentException.class, () -> search(1).search(List.of(), Monitor.NONE));
    }
}
