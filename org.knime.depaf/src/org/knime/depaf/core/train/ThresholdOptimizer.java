package org.knime.depaf.core.train;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import org.knime.depaf.core.detect.Detector;
import org.knime.depaf.core.detect.FrameMaps;
import org.knime.depaf.core.detect.ThresholdSearch;
import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.FramePreparer;
import org.knime.depaf.core.preprocess.NonFinitePixels;
import org.knime.depaf.core.preprocess.PatchSize;
import org.knime.depaf.core.util.MemoryBudget;
import org.knime.depaf.core.util.Monitor;

/**
 * Chooses a network's detection threshold (depaf-method.md §11): runs the network in prediction mode on patches,
 * then lets {@link ThresholdSearch} find the threshold whose detections best re-draw the network's own
 * reconstruction. The trainer uses it on its training patches; the Threshold Optimizer ({@link #refit}) on patches
 * cut at random from any stack, prepared with the model's own constants.
 *
 * <p>Seeded: the same seed, stack and model give the same patches and threshold. Not thread-safe (the network is
 * not).
 */
public final class ThresholdOptimizer {

    /** Largest patch side on the upsampled grid (the size of the CPU preset's training patches is 64). */
    static final int PATCH_CAP = 128;

    private static final int CHUNK = 8;

    private ThresholdOptimizer() {
    }

    /**
     * @param model the trained model (not closed)
     * @param source the stack (not closed)
     * @param patches number of patches, ≥ 1
     * @param seed seed of the frame and position choice
     * @param monitor progress and cancellation
     * @return the search's result: threshold, loss curves, warnings
     * @throws IOException if the stack cannot be read
     * @throws IllegalArgumentException if the frames are smaller than the network's patch multiple or
     *             {@code patches} is not positive
     */
    public static ThresholdSearchResult refit(final DepafModel model, final FrameSource source, final int patches,
        final long seed, final Monitor monitor) throws IOException {
        return refit(model, source, patches, seed, Double.NaN, Double.NaN, monitor);
    }

    /**
     * As {@link #refit(DepafModel, FrameSource, int, long, Monitor)}, on a search range of the user's choice.
     *
     * @param low lower end of the threshold search range, NaN for automatic (0.01th percentile)
     * @param high upper end, NaN for automatic (99.99th percentile)
     */
    public static ThresholdSearchResult refit(final DepafModel model, final FrameSource source, final int patches,
        final long seed, final double low, final double high, final Monitor monitor) throws IOException {
        if (patches < 1) {
            throw new IllegalArgumentException("Number of patches must be ≥ 1 (e.g. 128); it is " + patches);
        }
        final FramePreparer preparer = new FramePreparer(source.height(), source.width(), model.poi().ratios(),
            model.poi().method(), model.normalization());
        final NetworkConfig config = model.network().config();
        final int upH = preparer.outputHeight();
        final int upW = preparer.outputWidth();
        final int ph = PatchSize.largestValid(PATCH_CAP, upH, config.encoderDepth());
        final int pw = config.oneDimensional() ? 1 : PatchSize.largestValid(PATCH_CAP, upW, config.encoderDepth());
        // the patches, and per patch pixel the network's maps kept for the search (amplitudes, signal, residual)
        final double values = (double)patches * ph * pw;
        MemoryBudget.require("A threshold search on " + patches + " patches of " + ph + " × " + pw + " px",
            values * Float.BYTES * (3 + config.poiChannels()), values, "use fewer patches");
        final float[] patchPixels = new float[patches * ph * pw];
        final NonFinitePixels nonFinite = cutPatches(source, preparer, (float)model.normalization().normMin(),
            patchPixels, patches, ph, pw, seed, monitor.subTask(0, 0.1));

        return search(model.network(), model.poi(), new ImageStack(patchPixels, patches, ph, pw, Double.NaN,
            "threshold-search patches from " + source.source()), low, high, monitor.subTask(0.1, 1))
            .withWarning(nonFinite.warning());
    }

    /**
     * Runs the network on the patches and searches the threshold.
     *
     * @param network the trained network (inference mode: all channels, full POI)
     * @param poi the preprocessed POI and interpolation the detections use
     * @param patches prepared (normalised, upsampled) patches
     * @param monitor progress and cancellation
     * @return the optimal threshold with the loss curves and warnings
     */
    public static ThresholdSearchResult search(final DepafNetwork network, final PreprocessedPoi poi,
        final ImageStack patches, final Monitor monitor) {
        return search(network, poi, patches, Double.NaN, Double.NaN, monitor);
    }

    /**
     * As {@link #search(DepafNetwork, PreprocessedPoi, ImageStack, Monitor)}, on a search range of the user's
     * choice (NaN ends are automatic).
     */
    public static ThresholdSearchResult search(final DepafNetwork network, final PreprocessedPoi poi,
        final ImageStack patches, final double low, final double high, final Monitor monitor) {
        final int n = patches.frames();
        final int ph = patches.height();
        final int pw = patches.width();
        final int size = ph * pw;
        final List<FrameMaps> maps = new ArrayList<>(n);
        for (int from = 0; from < n; from += CHUNK) {
            monitor.checkCancelled();
            final int count = Math.min(CHUNK, n - from);
            final float[] x = Arrays.copyOfRange(patches.pixels(), from * size, (from + count) * size);
            final NetworkOutput out = network.infer(new ImageStack(x, count, ph, pw, Double.NaN,
                "threshold-search patches"));
            final int c = out.channels();
            for (int p = 0; p < count; p++) {
                final float[] a = Arrays.copyOfRange(out.amplitudes(), p * c * size, (p + 1) * c * size);
                final float[] dsum = Arrays.copyOfRange(out.signal(), p * size, (p + 1) * size);
                final float[] xbg = new float[size];
                for (int i = 0; i < size; i++) {
                    xbg[i] = x[p * size + i] - out.background()[p * size + i];
                }
                maps.add(new FrameMaps(a, c, ph, pw, dsum, xbg));
            }
            monitor.progress(0.3 * (from + count) / n, "inferred " + (from + count) + " of " + n + " patches");
        }
        final PoiSampler sampler = new PoiSampler(poi.poi(), poi.method());
        final ThresholdSearch search = new ThresholdSearch(new Detector(sampler), new SpotSynthesizer(sampler),
            ThresholdSearch.DEFAULT_COARSE_POINTS, Math.max(1, Runtime.getRuntime().availableProcessors()));
        return search.search(maps, low, high, monitor.subTask(0.3, 1));
    }

    /**
     * Cuts patches spread over up to {@code patches} random frames, several per frame when the stack is short,
     * from frames whose NaN/Inf pixels are replaced as prediction replaces them.
     *
     * @param out receives the patches
     * @return the NaN/Inf pixels met
     */
    private static NonFinitePixels cutPatches(final FrameSource source, final FramePreparer preparer,
        final float normMin, final float[] out, final int patches, final int ph, final int pw, final long seed,
        final Monitor monitor) throws IOException {
        final SplittableRandom random = new SplittableRandom(seed);
        final int frames = Math.min(patches, source.frames());
        final int[] chosen = random.ints(0, source.frames()).distinct().limit(frames).sorted().toArray();
        final int upH = preparer.outputHeight();
        final int upW = preparer.outputWidth();
        final float[] prepared = new float[upH * upW];
        NonFinitePixels nonFinite = NonFinitePixels.NONE;
        int done = 0;
        for (int k = 0; k < chosen.length; k++) {
            monitor.checkCancelled();
            final ImageStack raw = source.read(chosen[k], 1);
            float[] px = raw.pixels();
            if (NonFinitePixels.first(px, 0, px.length) >= 0) {
                px = px.clone(); // a source may share its array
                nonFinite = nonFinite.plus(NonFinitePixels.repair(px, 0, raw.height(), raw.width(), chosen[k] + 1,
                    normMin));
            }
            preparer.prepare(px, 0, prepared, 0);
            final int here = (patches - done) / (chosen.length - k);
            for (int p = 0; p < here; p++, done++) {
                final int y0 = random.nextInt(upH - ph + 1);
                final int x0 = random.nextInt(upW - pw + 1);
                for (int y = 0; y < ph; y++) {
                    System.arraycopy(prepared, (y0 + y) * upW + x0, out, (done * ph + y) * pw, pw);
                }
            }
            monitor.progress((k + 1.0) / chosen.length, "read frame " + (chosen[k] + 1));
        }
        return nonFinite;
    }
}
