package org.knime.depaf.core.sim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Arrays;
import java.util.SplittableRandom;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

class SmlmSimulatorTest {

    private static final long SEED = 20240611L;

    @Test
    void meanPhotonsOfEmittedSpotsMatchesTheParameter() {
        final SimulationConfig d = SimulationConfig.default2d().withSeed(SEED).withFrames(200);
        for (final SimulationConfig.Photons kind : SimulationConfig.Photons.values()) {
            final SimulationConfig c = d.withEmitters(d.emitters().withPhotons(kind, 1500, 0.4));
            final LocalisationTable gt = SmlmSimulator.simulate(c).groundTruth();
            double sum = 0;
            for (int i = 0; i < gt.size(); i++) {
                sum += gt.intensity(i);
            }
            assertTrue(gt.size() > 5000, "enough emitters for a 3% test: " + gt.size());
            assertEquals(1500, sum / gt.size(), 1500 * 0.03, kind + " photons");
        }
    }

    @Test
    void meanNumberOfEmittersPerFrameMatchesDensityTimesArea() {
        final SimulationConfig c = SimulationConfig.default2d().withSeed(SEED).withFrames(300)
            .withEmitters(SimulationConfig.default2d().emitters().withDensityPerUm2(2));
        final LocalisationTable gt = SmlmSimulator.fromConfig(c).simulate(c.frames(), c.seed(), Monitor.NONE)
            .groundTruth();
        final double expected = 2 * 6.4 * 6.4;
        assertEquals(expected, (double)gt.size() / c.frames(), expected * 0.02);
        assertEquals(c.frames(), gt.maxFrame());
    }

    @Test
    void blinkingPopulationKeepsTheMeanNumberOfEmittersPerFrame() {
        final SimulationConfig c = SimulationConfig.filaments2d().withSeed(SEED).withFrames(600);
        final LocalisationTable gt = SmlmSimulator.simulate(c).groundTruth();
        final double expected = c.expectedEmittersPerFrame();
        assertEquals(expected, (double)gt.size() / c.frames(), expected * 0.05);
        // a fixed population: ids are fluorophore numbers, reused across frames at the same position
        final int population = (int)Math.round(20 * c.areaUm2());
        for (int i = 0; i < gt.size(); i++) {
            assertTrue(gt.id(i) >= 1 && gt.id(i) <= population);
        }
    }

    @Test
    void markovBlinkingHasTheRequestedStationaryFractionAndOnTime() {
        final BlinkingModel m = BlinkingModel.markov(4);
        final boolean[] on = new boolean[2000];
        final SplittableRandom rng = new SplittableRandom(SEED);
        long onCount = 0;
        long switchesOff = 0;
        final int frames = 400;
        for (int f = 0; f < frames; f++) {
            final boolean[] before = on.clone();
            m.next(on, f == 0, 0.1, rng);
            for (int i = 0; i < on.length; i++) {
                onCount += on[i] ? 1 : 0;
                switchesOff += f > 0 && before[i] && !on[i] ? 1 : 0;
            }
        }
        assertEquals(0.1, (double)onCount / (frames * on.length), 0.005);
        // mean on-time = on-frames / number of on-periods that ended
        assertEquals(4, (double)onCount / switchesOff, 0.25);
    }

    @Test
    void totalAduMinusBaselineEqualsPhotonsTimesGain() {
        // emitters kept away from the borders so no photons fall outside the frame
        final EmitterPlacement inner = (rng, xyz) -> {
            xyz[0] = 1000 + rng.nextDouble() * 4400;
            xyz[1] = 1000 + rng.nextDouble() * 4400;
            xyz[2] = 0;
        };
        final EmitterGenerator gen = new EmitterGenerator(inner, 30, 0, BlinkingModel.independent(),
            PhotonDistribution.logNormal(3000, 0.3), false, 100);
        final EmccdCamera camera = new EmccdCamera(0.9, 300, 100, 74.4, 45, false);
        final SmlmSimulator sim = new SmlmSimulator(64, 64, 100, gen, new IntegratedGaussianPsf(1.2, 100),
            BackgroundModel.flat(20), camera);
        final SimulationResult r = sim.simulate(50, SEED, Monitor.NONE);
        double adu = 0;
        for (final float v : r.stack().pixels()) {
            adu += v - 100;
        }
        double photons = 20.0 * r.stack().pixels().length;
        for (int i = 0; i < r.groundTruth().size(); i++) {
            photons += r.groundTruth().intensity(i);
        }
        assertEquals(photons * camera.aduPerPhoton(), adu, photons * camera.aduPerPhoton() * 0.01);
        assertEquals(6.0, camera.aduPerPhoton(), 1e-12);
    }

    @Test
    void sameSeedGivesIdenticalPixelsAndGroundTruth() {
        final SimulationConfig c = SimulationConfig.dense2d().withSeed(SEED).withFrames(6);
        final SimulationResult a = SmlmSimulator.simulate(c);
        final SimulationResult b = SmlmSimulator.simulate(c);
        assertArrayEquals(a.stack().pixels(), b.stack().pixels());
        assertEquals(a.groundTruth(), b.groundTruth());
    }

    @Test
    void resultDoesNotDependOnTheNumberOfThreads() throws Exception {
        final SimulationConfig c = SimulationConfig.default2d().withSeed(SEED).withFrames(8);
        final SimulationResult parallel = SmlmSimulator.simulate(c);
        final java.util.concurrent.ForkJoinPool one = new java.util.concurrent.ForkJoinPool(1);
        try {
            final SimulationResult single = one.submit(() -> SmlmSimulator.simulate(c)).get();
            assertArrayEquals(parallel.stack().pixels(), single.stack().pixels());
            assertEquals(parallel.groundTruth(), single.groundTruth());
        } finally {
            one.shutdown();
        }
    }

    @Test
    void differentSeedsGiveDifferentData() {
        final SimulationConfig c = SimulationConfig.default2d().withFrames(3);
        final SimulationResult a = SmlmSimulator.simulate(c.withSeed(1));
        final SimulationResult b = SmlmSimulator.simulate(c.withSeed(2));
        assertFalse(Arrays.equals(a.stack().pixels(), b.stack().pixels()));
        assertFalse(a.groundTruth().equals(b.groundTruth()));
    }

    @Test
    void filamentsPlaceEmittersNearTheCurves() {
        final SplittableRandom rng = new SplittableRandom(SEED);
        final FilamentPlacement placement = FilamentPlacement.random(rng, 5, 6400, 6400, 0, 0, 6000, 3000, 15);
        final double[] xyz = new double[3];
        double sum = 0;
        final int n = 4000;
        for (int i = 0; i < n; i++) {
            placement.sample(rng, xyz);
            final double d = placement.lateralDistance(xyz[0], xyz[1]);
            assertTrue(d < 5 * 15, "emitter " + i + " is " + d + " nm from the nearest filament");
            assertTrue(xyz[0] >= 0 && xyz[0] < 6400 && xyz[1] >= 0 && xyz[1] < 6400);
            sum += d;
        }
        // distance to the curve of a 2-D Gaussian offset: at most the Rayleigh mean σ·√(π/2) (less where
        // filaments cross or bend)
        assertTrue(sum / n < 15 * Math.sqrt(Math.PI / 2) * 1.1 && sum / n > 15 * 0.5, "mean distance " + sum / n);
    }

    @Test
    void filamentsAreSmoothAndStayInTheField() {
        final Filament f = Filament.randomWalk(new SplittableRandom(SEED), 6400, 6400, -300, 300, 10000, 3000, 20);
        assertEquals(10000, f.length(), 30);
        final double[] p = new double[3];
        for (double s = 0; s <= f.length(); s += 50) {
            f.pointAt(s, p);
            assertTrue(p[0] >= 0 && p[0] < 6400 && p[1] >= 0 && p[1] < 6400 && p[2] >= -300 && p[2] <= 300);
        }
    }

    @Test
    void groundTruthCarriesUnitsBackgroundAndSigma() {
        final SimulationConfig c = SimulationConfig.astigmatic3d().withSeed(SEED).withFrames(4);
        final SimulationResult r = SmlmSimulator.simulate(c);
        final LocalisationTable gt = r.groundTruth();
        assertTrue(gt.has(LocalisationTable.Column.Z) && gt.has(LocalisationTable.Column.BACKGROUND)
            && gt.has(LocalisationTable.Column.SIGMA) && gt.has(LocalisationTable.Column.ID));
        assertTrue(gt.isSortedByFrame());
        assertEquals(100, gt.pixelSizeNm());
        assertEquals(100, r.stack().pixelSizeNm());
        for (int i = 0; i < gt.size(); i++) {
            assertTrue(gt.z(i) >= -500 && gt.z(i) <= 500);
            assertTrue(gt.background(i) >= 50 * 0.7 - 1e-3 && gt.background(i) <= 50 * 1.3 + 1e-3);
            assertTrue(gt.sigma(i) >= 110);
        }
        assertFalse(SmlmSimulator.simulate(SimulationConfig.default2d().withFrames(2)).groundTruth()
            .has(LocalisationTable.Column.Z));
    }

    @Test
    void rendersGivenEmittersAtTheirPositions() {
        final LocalisationTable emitters = LocalisationTable.builder(100).addPx(1, 20, 30).intensity(5000)
            .addPx(2, 40.3, 10.6).intensity(5000).build();
        final SmlmSimulator sim = new SmlmSimulator(64, 48, 100,
            new EmitterGenerator((r, p) -> { }, 0, 0, BlinkingModel.independent(), PhotonDistribution.constant(1),
                false, 100),
            new IntegratedGaussianPsf(1.0, 100), BackgroundModel.flat(0),
            new EmccdCamera(1, 1, 0, 0, 1, false));
        final SimulationResult r = sim.render(emitters, 2, SEED, Monitor.NONE);
        assertEquals(2, r.stack().frames());
        assertEquals(48, r.stack().height());
        // brightest pixel of frame 1 at (x 20, y 30), of frame 2 at (x 40, y 11)
        assertArrayEquals(new int[] {20, 30}, argmax(r.stack().frame(0), 64));
        assertArrayEquals(new int[] {40, 11}, argmax(r.stack().frame(1), 64));
        double total = 0;
        for (final float v : r.stack().frame(0)) {
            total += v;
        }
        assertEquals(5000, total, 5 * Math.sqrt(5000));
    }

    private static int[] argmax(final float[] frame, final int width) {
        int best = 0;
        for (int i = 1; i < frame.length; i++) {
            if (frame[i] > frame[best]) {
                best = i;
            }
        }
        return new int[] {best % width, best / width};
    }

    @ParameterizedTest
    @ValueSource(strings = {"default-2d", "sparse-2d", "dense-2d", "filaments-2d", "astigmatic-3d", "scmos-2d"})
    void presetsSimulateSixteenBitData(final String name) {
        final SimulationConfig c = SimulationConfig.preset(name).withFrames(2);
        final SimulationResult r = SmlmSimulator.simulate(c);
        for (final float v : r.stack().pixels()) {
            assertTrue(v >= 0 && v <= 65535 && v == Math.rint(v));
        }
        assertEquals(64, r.stack().width());
    }

    @Test
    void unknownPresetAndBadParametersAreRejectedWithTheirNames() {
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> SimulationConfig.preset("fancy"));
        assertTrue(e.getMessage().contains("fancy") && e.getMessage().contains("default-2d"), e.getMessage());
        final IllegalArgumentException d = assertThrows(IllegalArgumentException.class,
            () -> SimulationConfig.default2d().emitters().withDensityPerUm2(-1));
        assertTrue(d.getMessage().contains("densityPerUm2"), d.getMessage());
        final IllegalArgumentException l = assertThrows(IllegalArgumentException.class,
            () -> SimulationConfig.default2d().emitters().withDensityPerUm2(5).withBlinking(2,
                SimulationConfig.Blinking.MARKOV, 3));
        assertTrue(l.getMessage().contains("labelDensityPerUm2"), l.getMessage());
        assertThrows(IllegalArgumentException.class, () -> SimulationConfig.default2d().withFrames(0));
    }

    @Test
    void aStackThatCannotFitIsRefusedBeforeAnythingIsAllocatedNamingItsSettings() {
        // 20 frames of 100 000 × 100 000 px: 1.6 TB of pixels and 10⁸ emitters per frame
        final SimulationConfig huge = SimulationConfig.default2d().withSizePx(100_000, 100_000);
        final IllegalArgumentException e =
            assertThrows(IllegalArgumentException.class, () -> SmlmSimulator.fromConfig(huge));
        assertTrue(e.getMessage().contains("20 frames of 100000 × 100000 px") && e.getMessage().contains("TB")
            && e.getMessage().contains("frame size"), e.getMessage());

        // beyond what one Java array holds, whatever the heap: 1 frame of 50 000 × 50 000 px
        final IllegalArgumentException a = assertThrows(IllegalArgumentException.class, () -> SmlmSimulator
            .fromConfig(SimulationConfig.default2d().withFrames(1).withSizePx(50_000, 50_000)));
        assertTrue(a.getMessage().contains("more than Java can hold"), a.getMessage());

        // the components of a small configuration refuse a huge number of frames before drawing any emitter
        final SmlmSimulator small = SmlmSimulator.fromConfig(SimulationConfig.default2d());
        final IllegalArgumentException f = assertThrows(IllegalArgumentException.class,
            () -> small.simulate(Integer.MAX_VALUE, 1, Monitor.NONE));
        assertTrue(f.getMessage().contains(Integer.MAX_VALUE + " frames of 64 × 64 px"), f.getMessage());

        // a very dense field: the ground truth alone would not fit
        final SimulationConfig dense = SimulationConfig.default2d()
            .withEmitters(SimulationConfig.default2d().emitters().withDensityPerUm2(1e9));
        final IllegalArgumentException d =
            assertThrows(IllegalArgumentException.class, () -> SmlmSimulator.fromConfig(dense));
        assertTrue(d.getMessage().contains("density") && d.getMessage().contains("emitters per frame"),
            d.getMessage());
    }

    @Test
    void cancellationStopsTheSimulation() {
        final Monitor cancelled = new Monitor() {
            @Override
            public void progress(final double fraction, final String message) {
            }

            @Override
            public boolean isCancelled() {
                return true;
            }
        };
        assertThrows(org.knime.depaf.core.util.CancelledException.class,
            () -> SmlmSimulator.fromConfig(SimulationConfig.default2d()).simulate(5, 1, cancelled));
    }
}
