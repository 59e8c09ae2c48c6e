package org.knime.depaf.core.predict;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;

import org.knime.depaf.core.detect.CoordinateMapping;
import org.knime.depaf.core.detect.Detections;
import org.knime.depaf.core.detect.Detector;
import org.knime.depaf.core.detect.FrameMaps;
import org.knime.depaf.core.detect.TileGrid;
import org.knime.depaf.core.fit.LocalisationRefiner;
import org.knime.depaf.core.fit.PoiPsfModel;
import org.knime.depaf.core.forward.PoiSampler;
import org.knime.depaf.core.forward.SpotSynthesizer;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.preprocess.FramePreparer;
import org.knime.depaf.core.preprocess.NonFinitePixels;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.CancelledException;
import org.knime.depaf.core.util.MemoryBudget;
import org.knime.depaf.core.util.Monitor;

/**
 * DEPAF prediction (depaf-method.md §12, with §10 and §13): a trained model applied to a stack, frame batch by
 * frame batch, so that memory depends on the batch size and the frame size, never on the stack length.
 *
 * <p>For each batch of {@link PredictionOptions#batchSize()} frames:
 * <ol>
 * <li>read the frames from the {@link FrameSource} (only this batch's range); replace NaN/Inf pixels by the
 * median of their frame's finite pixels, and predict a frame without any finite pixel as empty
 * ({@link NonFinitePixels}; counted in {@link PredictionSummary#nonFiniteWarning()});</li>
 * <li>prepare them with the model's constants ({@link FramePreparer}: − normMin, resample by r, clamp, / normMax —
 * the code training uses);</li>
 * <li>tiled inference with Gaussian blending ({@link TiledInference}; the tiles of all frames of the batch are
 * inferred together, in chunks);</li>
 * <li>{@code Xbg = X_up − BG}; detection with the model's threshold ({@link Detector}). The residual uses the
 * <em>summed</em> {@code Dsum}; the reference's DEPAFPred passes the per-channel D and so uses channel 1 only when
 * the POI has several channels (§10, §17 item 6), a bug this implementation does not reproduce;</li>
 * <li>back-mapping to camera pixels and nm and table rows ({@link LocalisationConverter}: frame 1-based in the
 * whole stack, x, y, z nm, amplitude, amplitude raw);</li>
 * <li>optional image outputs on the camera grid (downsampled by 1/r with the model's interpolation): ISyn =
 * re-synthesis of the detections × normMax (normMin not added: noise- and background-free, raw units); BG = BG ×
 * normMax + normMin (raw camera units); and raw − BG;</li>
 * <li>hand the batch to the {@link PredictionSink}; report "frames 120/2000" to the monitor.</li>
 * </ol>
 * Cancellation is checked per batch, per frame and per inference chunk; a cancelled run throws
 * {@link CancelledException} without calling {@link PredictionSink#finish()}, so a file sink leaves no file.
 *
 * <p><b>Pixel size</b> of the localisations: the option if set, else the stack's metadata, else the POI's
 * (upsampled POI pixel size × r_x). When none is known and localisations are requested, the run fails with a
 * message asking to set the pixel size: tables are in nm, and a silent "1 nm per pixel" would mislabel them.
 *
 * <p><b>Lifecycle and threads.</b> {@link #create} resolves the options against the model; {@link #run} may be
 * called any number of times, one at a time (the network is not thread-safe, so neither is the predictor);
 * {@link #close()} stops the predictor's worker threads (it does not close the model, which the caller owns). The
 * Java parts run on {@link PredictionOptions#threads()} threads, one frame per task, so results do not depend on
 * the thread count.
 */
public final class Predictor implements AutoCloseable {

    private final DepafModel model;
    private final PredictionOptions options;
    private final TileInference inference;
    private final long chunkPixels;
    private final Detector detector;
    private final SpotSynthesizer synthesizer;
    private final ExecutorService pool;

    private Predictor(final DepafModel model, final PredictionOptions options, final TileInference inference,
        final long chunkPixels) {
        this.model = Objects.requireNonNull(model, "model");
        this.options = Objects.requireNonNull(options, "options");
        this.inference = Objects.requireNonNull(inference, "inference");
        this.chunkPixels = chunkPixels;
        final PoiSampler sampler = new PoiSampler(model.poi().poi(), model.poi().method());
        detector = new Detector(sampler);
        synthesizer = new SpotSynthesizer(sampler);
        checkExplicitPatch(options, model);
        pool = options.threads() > 1 ? Executors.newFixedThreadPool(options.threads(), new Workers()) : null;
    }

    /**
     * @param model a trained model (not closed by the predictor)
     * @param options the prediction settings
     * @return a predictor running the model's network
     * @throws IllegalArgumentException naming the option that does not fit the model
     */
    public static Predictor create(final DepafModel model, final PredictionOptions options) {
        return new Predictor(model, options, TileInference.of(model.network()), TiledInference.DEFAULT_CHUNK_PIXELS);
    }

    /**
     * A predictor with another inference function than the model's network: an analytic stand-in for tests and
     * benchmarks, or another engine. Everything else (POI, ratios, normalisation, threshold, size multiple) comes
     * from the model.
     *
     * @param model the model
     * @param options the prediction settings
     * @param inference the inference function
     * @param chunkPixels the most input pixels per inference call (at least one tile is always sent)
     * @return the predictor
     */
    public static Predictor create(final DepafModel model, final PredictionOptions options,
        final TileInference inference, final long chunkPixels) {
        if (chunkPixels < 1) {
            throw new IllegalArgumentException("Chunk size must be at least 1 pixel, got " + chunkPixels);
        }
        return new Predictor(model, options, inference, chunkPixels);
    }

    /** @return the options */
    public PredictionOptions options() {
        return options;
    }

    /** @return the model */
    public DepafModel model() {
        return model;
    }

    private static void checkExplicitPatch(final PredictionOptions options, final DepafModel model) {
        final NetworkConfig config = model.network().config();
        final int multiple = config.sizeMultiple();
        if (options.patchHeight() > 0 && options.patchHeight() % multiple != 0) {
            throw new IllegalArgumentException("patch height " + options.patchHeight() + " must be a multiple of "
                + multiple + " (2^encoder depth of the network)");
        }
        if (!config.oneDimensional() && options.patchWidth() > 0 && options.patchWidth() % multiple != 0) {
            throw new IllegalArgumentException("patch width " + options.patchWidth() + " must be a multiple of "
                + multiple + " (2^encoder depth of the network)");
        }
    }

    /**
     * The tiling this predictor uses for frames of the given camera size.
     *
     * @param height camera frame height
     * @param width camera frame width
     * @return the tile grid on the upsampled grid
     * @throws IllegalArgumentException naming the patch option that does not fit
     */
    public TileGrid tileGrid(final int height, final int width) {
        final FramePreparer preparer = preparer(height, width);
        return tileGrid(preparer.outputHeight(), preparer.outputWidth(), true);
    }

    private FramePreparer preparer(final int height, final int width) {
        return new FramePreparer(height, width, model.poi().ratios(), model.poi().method(), model.normalization());
    }

    private TileGrid tileGrid(final int heightUp, final int widthUp, final boolean checkKernels) {
        final NetworkConfig config = model.network().config();
        final TileGrid grid = options.tileGrid(heightUp, widthUp, config.sizeMultiple(), config.oneDimensional());
        if (checkKernels) {
            final ForwardKernels k = model.network().kernels();
            checkKernel(grid, k.poiHeight(), k.poiWidth(), "POI", config.oneDimensional());
            if (config.learnBackground()) {
                checkKernel(grid, k.boxHeight(), k.boxWidth(), "background box", config.oneDimensional());
            }
        }
        return grid;
    }

    private static void checkKernel(final TileGrid grid, final int kh, final int kw, final String what,
        final boolean oneDimensional) {
        if (grid.tileHeight() <= (kh - 1) / 2 || !oneDimensional && grid.tileWidth() <= (kw - 1) / 2) {
            throw new IllegalArgumentException("patch size " + grid.tileHeight() + " × " + grid.tileWidth()
                + " is too small for the " + what + " of " + kh + " × " + kw + ": the patch must be larger than the "
                + what + "'s half-size (" + (kh - 1) / 2 + " × " + (kw - 1) / 2 + ") for the reflect padding");
        }
    }

    /**
     * The pixel size the localisations of a stack will use: the option, else the stack's, else the POI's.
     *
     * @param source the stack
     * @return the pixel size in nm, NaN when none is known
     */
    public double pixelSizeNm(final FrameSource source) {
        if (!Double.isNaN(options.pixelSizeNm())) {
            return options.pixelSizeNm();
        }
        if (source.pixelSizeNm() > 0 && Double.isFinite(source.pixelSizeNm())) {
            return source.pixelSizeNm();
        }
        final double poi = model.poi().poi().pixelSizeNm() * model.poi().ratios().x();
        return poi > 0 && Double.isFinite(poi) ? poi : Double.NaN;
    }

    /**
     * Predicts every frame of a stack.
     *
     * @see #run(FrameSource, int, int, PredictionSink, Monitor)
     */
    public PredictionSummary run(final FrameSource source, final PredictionSink sink, final Monitor monitor)
        throws IOException {
        return run(source, 0, source.frames(), sink, monitor);
    }

    /**
     * Predicts the frames {@code [first, first + count)} of a stack, streaming them batch by batch to the sink
     * ({@link PredictionSink#begin}, one {@link PredictionSink#accept} per batch, {@link PredictionSink#finish} on
     * success). The caller closes the sink.
     *
     * @param source the stack (read in frame ranges of at most the batch size)
     * @param first first frame, 0-based
     * @param count number of frames, ≥ 1
     * @param sink receives the results
     * @param monitor progress ("frames 120/2000") and cancellation
     * @return what the run did
     * @throws IOException if reading the stack or writing the results fails
     * @throws IllegalArgumentException for a range outside the stack, options that do not fit the frames, or an
     *             unknown pixel size when localisations are requested
     * @throws CancelledException if the monitor was cancelled
     */
    public PredictionSummary run(final FrameSource source, final int first, final int count,
        final PredictionSink sink, final Monitor monitor) throws IOException {
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(sink, "sink");
        Objects.requireNonNull(monitor, "monitor");
        FrameSource.requireRange(source.source(), source.frames(), first, count);
        final long start = System.nanoTime();
        final Run run = new Run(source);
        final PredictionLayout layout = new PredictionLayout(source.source(), first, count, source.height(),
            source.width(), run.pixelSizeNm, options.outputs());
        sink.begin(layout);
        long localisations = 0;
        final int end = first + count;
        for (int b = first; b < end; b += options.batchSize()) {
            monitor.checkCancelled();
            final int n = Math.min(options.batchSize(), end - b);
            final PredictionBatch batch = run.batch(source, b, n, monitor);
            if (batch.localisations() != null) {
                localisations += batch.localisations().size();
            }
            monitor.checkCancelled();
            sink.accept(batch);
            final int done = b + n - first;
            monitor.progress((double)done / count, "frames " + done + "/" + count);
        }
        sink.finish();
        final TileGrid g = run.tiled.grid();
        return new PredictionSummary(count, localisations, run.pixelSizeNm, g.tileHeight(), g.tileWidth(),
            g.tileCount(), (System.nanoTime() - start) * 1e-9, run.nonFinite, run.refined,
            run.refiner == null ? null : run.refiner.options().camera());
    }

    /**
     * Predicts every frame and returns the localisations (other outputs are discarded; for small stacks, tests and
     * nodes that only need the table).
     *
     * @param source the stack
     * @param monitor progress and cancellation
     * @return the localisations of all frames
     * @throws IOException if reading the stack fails
     * @throws IllegalStateException if the options do not request localisations
     */
    public LocalisationTable localise(final FrameSource source, final Monitor monitor) throws IOException {
        if (!options.produces(PredictionOutput.LOCALISATIONS)) {
            throw new IllegalStateException("The prediction options do not request localisations (outputs "
                + options.outputs() + ")");
        }
        final List<LocalisationTable> tables = new ArrayList<>();
        run(source, 0, source.frames(), batch -> tables.add(batch.localisations()), monitor);
        return LocalisationTable.concat(tables);
    }

    /** The per-run state: everything that depends on the frame size. */
    private final class Run {
        final int height;
        final int width;
        final FramePreparer preparer;
        final TiledInference tiled;
        final Downsampler downsampler;
        final LocalisationConverter converter;
        final double pixelSizeNm;
        /** The NaN/Inf pixels met so far, batches merged in frame order. */
        NonFinitePixels nonFinite = NonFinitePixels.NONE;
        /** Fits to the camera pixels (made at the first batch, whose noise may set the gain), or null. */
        LocalisationRefiner refiner;
        /** The model's POI as a fit model, or null without refinement. */
        final PoiPsfModel psf;
        LocalisationRefiner.Stats refined = LocalisationRefiner.Stats.NONE;

        Run(final FrameSource source) {
            height = source.height();
            width = source.width();
            preparer = preparer(height, width);
            final TileGrid grid = tileGrid(preparer.outputHeight(), preparer.outputWidth(), true);
            final int channels = model.poi().poi().channels();
            requireBatchFits(source, channels);
            tiled = new TiledInference(grid, channels, inference, chunkPixels);
            final boolean images = options.produces(PredictionOutput.SYNTHESIS)
                || options.produces(PredictionOutput.BACKGROUND)
                || options.produces(PredictionOutput.BACKGROUND_SUBTRACTED);
            final UpsamplingRatios r = model.poi().ratios();
            downsampler = images ? new Downsampler(grid.height(), grid.width(), height, width, r,
                model.poi().method()) : null;
            pixelSizeNm = pixelSizeNm(source);
            if (options.produces(PredictionOutput.LOCALISATIONS)) {
                if (Double.isNaN(pixelSizeNm)) {
                    throw new IllegalArgumentException(source.source() + ": the pixel size is unknown (neither the "
                        + "stack nor the POI says it): set the pixel size (nm) option to get localisations in nm");
                }
                final Poi poi = model.poi().poi();
                final CoordinateMapping mapping = new CoordinateMapping(grid.height(), grid.width(), channels,
                    r.y(), r.x(), r.z());
                converter = new LocalisationConverter(mapping, pixelSizeNm, model.normalization().normMax(),
                    channels > 1, poi.zStepNm() * r.z());
            } else {
                converter = null;
            }
            final Poi poi = model.poi().poi();
            // a fit needs the 2-D pattern on camera pixels; z-stacks and 1-D traces keep DEPAF's positions
            psf = converter != null && options.refinement() != null && poi.kind() == Poi.Kind.PATTERN_2D
                ? PoiPsfModel.of(poi, r) : null;
        }

        PredictionBatch batch(final FrameSource source, final int first, final int n, final Monitor monitor)
            throws IOException {
            final ImageStack raw = source.read(first, n);
            if (raw.frames() != n || raw.height() != height || raw.width() != width) {
                throw new IOException(source.source() + ": reading " + n + " frames from frame " + (first + 1)
                    + " gave " + raw + ", expected " + n + " frames of " + height + " × " + width);
            }
            final int plane = height * width;
            final int planeUp = preparer.outputHeight() * preparer.outputWidth();
            final float[] up = new float[Math.multiplyExact(n, planeUp)];
            final boolean[] empty = new boolean[n];
            final float[] rawPx = finitePixels(raw, first, n, empty);
            forEachFrame(n, f -> {
                monitor.checkCancelled();
                preparer.prepare(rawPx, f * plane, up, f * planeUp);
            });
            final BatchMaps maps = tiled.infer(up, n, monitor);

            final boolean wantSyn = options.produces(PredictionOutput.SYNTHESIS);
            final boolean wantBg = options.produces(PredictionOutput.BACKGROUND);
            final boolean wantSub = options.produces(PredictionOutput.BACKGROUND_SUBTRACTED);
            final float[] syn = wantSyn ? new float[n * plane] : null;
            final float[] bg = wantBg || wantSub ? new float[n * plane] : null;
            final float[] sub = wantSub ? new float[n * plane] : null;
            final Detections[] dets = new Detections[n];
            final double normMin = model.normalization().normMin();
            final double normMax = model.normalization().normMax();
            final int hUp = maps.height();
            final int wUp = maps.width();
            forEachFrame(n, f -> {
                monitor.checkCancelled();
                final float[] bgUp = maps.background(f);
                if (options.detects() && empty[f]) {
                    dets[f] = Detections.EMPTY;
                } else if (options.detects()) {
                    final float[] xbg = new float[planeUp];
                    for (int i = 0; i < planeUp; i++) {
                        xbg[i] = up[f * planeUp + i] - bgUp[i];
                    }
                    dets[f] = detector.detect(new FrameMaps(maps.amplitudes(f), maps.channels(), hUp, wUp,
                        maps.signal(f), xbg), model.threshold());
                }
                if (wantSyn) {
                    downsampler.apply(synthesizer.render(dets[f], hUp, wUp), 0, normMax, 0, syn, f * plane);
                }
                if (bg != null) {
                    downsampler.apply(bgUp, 0, normMax, normMin, bg, f * plane);
                }
                if (wantSub) {
                    for (int i = f * plane; i < (f + 1) * plane; i++) {
                        sub[i] = rawPx[i] - bg[i];
                    }
                }
            });
            LocalisationTable table = null;
            if (converter != null) {
                final LocalisationTable.Builder b = converter.newTable();
                for (int f = 0; f < n; f++) {
                    converter.addRows(b, first + f + 1, dets[f]);
                }
                table = converter.build(b);
                if (psf != null) {
                    final ImageStack camera = new ImageStack(rawPx, n, height, width, pixelSizeNm, source.source());
                    if (refiner == null) {
                        refiner = new LocalisationRefiner(psf, options.refinement());
                    }
                    refiner = refiner.withGainFromData(camera, first + 1, table, monitor);
                    final LocalisationRefiner.Result r = refiner.refine(camera, first + 1, table, monitor);
                    table = r.table();
                    refined = refined.plus(r.stats());
                }
            }
            final String src = source.source();
            return new PredictionBatch(first, n, table, stack(syn, n, "ISyn of " + src),
                wantBg ? stack(bg, n, "BG of " + src) : null, stack(sub, n, "background-subtracted " + src));
        }

        /**
         * Refuses, before the first batch is read, batches whose arrays cannot fit: per frame, the upsampled frame,
         * its C amplitude maps, signal, background and residual maps and the re-synthesis on the upsampled grid,
         * and four camera-size images.
         */
        private void requireBatchFits(final FrameSource source, final int channels) {
            final int n = Math.min(options.batchSize(), source.frames());
            final double planeUp = (double)preparer.outputHeight() * preparer.outputWidth();
            final double perFrame = Float.BYTES * (planeUp * (channels + 4) + 4.0 * height * width);
            MemoryBudget.require("Predicting " + source.source() + " in batches of " + n + " frames of " + height
                + " × " + width + " px (" + preparer.outputHeight() + " × " + preparer.outputWidth()
                + " px after upsampling)", n * perFrame, Math.max(n, channels) * planeUp,
                "use a smaller batch size (fewer frames at once)");
        }

        /**
         * The batch's pixels with every NaN/Inf replaced by its frame's median (a frame without any finite pixel
         * becomes normMin, i.e. zero after preparation, and is marked in {@code empty}); counts them into
         * {@link #nonFinite}. The stack read is copied before it is changed, since a source may share its array.
         */
        private float[] finitePixels(final ImageStack raw, final int first, final int n, final boolean[] empty) {
            final float[] px = raw.pixels();
            final int plane = height * width;
            if (NonFinitePixels.first(px, 0, n * plane) < 0) {
                return px;
            }
            final float[] copy = px.clone();
            final float whenEmpty = (float)model.normalization().normMin();
            for (int f = 0; f < n; f++) {
                final NonFinitePixels found = NonFinitePixels.repair(copy, f * plane, height, width, first + f + 1,
                    whenEmpty);
                empty[f] = found.emptyFrames() > 0;
                nonFinite = nonFinite.plus(found);
            }
            return copy;
        }

        private ImageStack stack(final float[] px, final int n, final String what) {
            return px == null ? null : new ImageStack(px, n, height, width, pixelSizeNm, what);
        }
    }

    /**
     * Runs body(f) for f = 0..n−1, in parallel on the worker threads when there are several; every frame writes
     * only its own part of the outputs, so the result does not depend on the scheduling.
     */
    private void forEachFrame(final int n, final IntConsumer body) {
        if (pool == null || n == 1) {
            for (int f = 0; f < n; f++) {
                body.accept(f);
            }
            return;
        }
        final List<Future<?>> futures = new ArrayList<>(n);
        for (int f = 0; f < n; f++) {
            final int frame = f;
            futures.add(pool.submit(() -> body.accept(frame)));
        }
        RuntimeException failure = null;
        for (final Future<?> fu : futures) {
            try {
                fu.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                futures.forEach(x -> x.cancel(true));
                throw new CancelledException();
            } catch (ExecutionException e) {
                final Throwable c = e.getCause();
                if (c instanceof Error) {
                    throw (Error)c;
                }
                final RuntimeException r = c instanceof RuntimeException ? (RuntimeException)c
                    : new IllegalStateException(c);
                // report a real failure rather than the cancellations it caused elsewhere
                if (failure == null || failure instanceof CancelledException && !(r instanceof CancelledException)) {
                    failure = r;
                }
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    /** Stops the worker threads; the model stays open (the caller owns it). */
    @Override
    public void close() {
        if (pool != null) {
            pool.shutdownNow();
        }
    }

    @Override
    public String toString() {
        return String.format(Locale.ROOT, "Predictor[%s, threshold %.4g]", options, model.threshold());
    }

    /** Daemon worker threads, so that a forgotten close() does not keep the JVM alive. */
    private static final class Workers implements ThreadFactory {
        private static final AtomicInteger POOLS = new AtomicInteger();
        private final int pool = POOLS.incrementAndGet();
        private final AtomicInteger count = new AtomicInteger();

        @Override
        public Thread newThread(final Runnable r) {
            final Thread t = new Thread(r, "depaf-predict-" + pool + "-" + count.incrementAndGet());
            t.setDaemon(true);
            return t;
        }
    }
}
