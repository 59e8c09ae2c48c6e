package org.knime.depaf.core.train;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.SplittableRandom;
import java.util.function.Consumer;

import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelProvenance;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.LossTerms;
import org.knime.depaf.core.net.NetworkBackend;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.Objective;
import org.knime.depaf.core.net.WeightsSnapshot;
import org.knime.depaf.core.poi.BackgroundKernel;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PoiPreprocessor;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.poi.SeparablePoi;
import org.knime.depaf.core.poi.ZChannels;
import org.knime.depaf.core.poi.ZRefinement;
import org.knime.depaf.core.preprocess.FramePreparer;
import org.knime.depaf.core.preprocess.FrameSplit;
import org.knime.depaf.core.preprocess.PatchSet;
import org.knime.depaf.core.preprocess.PatchSize;
import org.knime.depaf.core.preprocess.TrainingData;
import org.knime.depaf.core.preprocess.TrainingDataSpec;
import org.knime.depaf.core.resample.UpsamplingRatios;
import org.knime.depaf.core.util.DepafVersion;
import org.knime.depaf.core.util.Monitor;

/**
 * Trains a DEPAF model on a stack, self-supervised (depaf-method.md §3, §7–§9, §11): preprocess the POI, draw the
 * fixed training and validation patches, train the network with the λ warm-up, the channel curriculum, validation,
 * patience, learning-rate halving and early stopping, keep the best weights since the last reset, and choose the
 * detection threshold on training patches.
 *
 * <p>Everything random is seeded by {@link TrainingParameters#seed()}: the same seed, data and machine give the
 * same model. Cancellation is checked every iteration; a cancelled run throws
 * {@link org.knime.depaf.core.util.CancelledException} and frees the network. One instance per run; not
 * thread-safe.
 */
public final class Trainer {

    /** Share of the progress bar taken by data preparation, training and threshold search. */
    private static final double PREPARE = 0.05;

    private static final double TRAIN = 0.9;

    /**
     * The budget is estimated after this many iterations, timed from the end of the first (which includes set-up);
     * the first few after it are still slow (JIT, curriculum steps), so fewer would underestimate the budget.
     */
    private static final int ESTIMATE_AFTER = 20;

    /** Share of each POI slice's energy kept by its separable approximation. */
    private static final double SEPARABLE_ENERGY = 0.999;

    /** Share of validation in an iteration's time (a forward pass over the validation patches every valFreq). */
    private static final double VALIDATION_SHARE = 0.1;

    private final NetworkBackend backend;
    private final TrainingParameters params;
    private final Consumer<TrainingProgress> listener;
    private final Consumer<String> notes;

    /**
     * @param backend the deep-learning engine
     * @param params the training parameters
     * @param listener receives every iteration's progress (on the training thread; keep it quick), may be null
     */
    public Trainer(final NetworkBackend backend, final TrainingParameters params,
        final Consumer<TrainingProgress> listener) {
        this(backend, params, listener, null);
    }

    /**
     * @param backend the deep-learning engine
     * @param params the training parameters
     * @param listener receives every iteration's progress (on the training thread; keep it quick), may be null
     * @param notes receives a few lines for a person (z channels, what the budget allows), may be null
     */
    public Trainer(final NetworkBackend backend, final TrainingParameters params,
        final Consumer<TrainingProgress> listener, final Consumer<String> notes) {
        this.backend = Objects.requireNonNull(backend, "backend");
        this.params = Objects.requireNonNull(params, "params");
        this.listener = listener == null ? p -> {
        } : listener;
        this.notes = notes == null ? n -> {
        } : notes;
    }

    /**
     * Trains.
     *
     * @param data the image stack (not closed)
     * @param rawPoi the POI as loaded or generated
     * @param monitor progress and cancellation
     * @return the model, the history and the threshold search
     * @throws IOException if the data cannot be read
     * @throws IllegalArgumentException if data, POI and parameters do not fit together (the message says why)
     */
    public TrainingResult train(final FrameSource data, final Poi givenPoi, final Monitor monitor) throws IOException {
        requireShapesAgree(data, givenPoi);
        final int zFactor = params.ratioZ() == 1 ? ZChannels.factor(givenPoi, params.zChannelStepNm()) : 1;
        final Poi rawPoi = ZChannels.bin(givenPoi, zFactor);
        if (zFactor > 1) {
            notes.accept(String.format(java.util.Locale.ROOT, "z channels: the POI's %d slices at %.4g nm become %d "
                + "channels at %.4g nm; z is refined between them", givenPoi.channels(), givenPoi.zStepNm(),
                rawPoi.channels(), rawPoi.zStepNm()));
        }
        final UpsamplingRatios requested = new UpsamplingRatios(autoRatio(params.ratioY(), data.height()),
            autoRatio(params.ratioX(), data.width()), params.ratioZ());
        requested.requireCompatible(data.height(), data.width(), 1, "data " + data.source());
        // shapes first, from the sizes alone: a POI that cannot fit must not cost its preprocessing (GBs for a
        // Gaussian of σ = 1000 px) before it is refused
        final int[] poiShape = PoiPreprocessor.outputShape(rawPoi, requested);
        final FramePreparer probe = FramePreparer.withoutScaling(data.height(), data.width(),
            requested.adjustedToOddSizes(rawPoi.height(), rawPoi.width(), rawPoi.channels()),
            params.interpolation(), 0);
        final int upHeight = probe.outputHeight();
        final int upWidth = probe.outputWidth();
        if (poiShape[1] > upHeight || poiShape[2] > upWidth) {
            throw new IllegalArgumentException("POI " + rawPoi.source() + " (" + poiShape[1] + " × " + poiShape[2]
                + " px after upsampling) is larger than the frames of " + data.source() + " (" + upHeight + " × "
                + upWidth + " px after upsampling): the POI must fit inside a frame; use a smaller POI (sigma, "
                + "FWHM or POI size) or larger frames");
        }
        final PreprocessedPoi poi = withZRefinement(separable(
            PoiPreprocessor.preprocess(rawPoi, requested, params.interpolation())), givenPoi, requested, zFactor);
        final UpsamplingRatios ratios = poi.ratios();
        final int patchHeight = params.patchHeight() > 0 ? params.patchHeight()
            : PatchSize.largestValid(params.patchCap(), upHeight, params.encoderDepth());
        final int patchWidth = params.patchWidth() > 0 ? params.patchWidth()
            : PatchSize.largestValid(params.patchCap(), upWidth, params.encoderDepth());
        final BackgroundKernel box = BackgroundKernel.fromPoi(poi.poi());
        final ForwardKernels kernels = ForwardKernels.of(poi.poi(), box.height(), box.width());

        final FrameSplit split = params.trainFrames() == null ? FrameSplit.random(data.frames(), params.seed())
            : new FrameSplit(params.trainFrames(), params.validationFrames(), data.frames());
        final TrainingData prepared = TrainingData.prepare(data, new TrainingDataSpec(split, params.trainPatches(),
            params.validationPatches(), patchHeight, patchWidth, params.encoderDepth(), ratios,
            params.interpolation(), params.seed()), monitor.subTask(0, PREPARE));

        final NetworkConfig config = NetworkConfig.builder(poi.poi().channels())
            .learnBackground(params.learnBackground()).encoderDepth(params.encoderDepth())
            .baseWidth(params.baseWidth()).oneDimensional(data.width() == 1).seed(params.seed()).build();
        final DepafNetwork network = backend.build(config, kernels);
        try {
            network.setLearningRate(params.learningRate());
            final Loop loop = new Loop(network, kernels, prepared, monitor.subTask(PREPARE, PREPARE + TRAIN));
            loop.run();
            final ThresholdSearchResult threshold = chooseThreshold(network, poi, prepared.train(),
                monitor.subTask(PREPARE + TRAIN, 1));
            final ModelProvenance provenance = new ModelProvenance(data.source(), rawPoi.source(), Instant.now(),
                DepafVersion.VERSION, loop.iteration, loop.tracker.best(), loop.seconds());
            final DepafModel model = new DepafModel(network, poi, prepared.constants(), threshold.threshold(),
                params.lambda(), params.asMap(), provenance);
            return new TrainingResult(model, List.copyOf(loop.history), threshold, loop.stopReason);
        } catch (RuntimeException | Error e) {
            network.close();
            throw e;
        }
    }

    /**
     * The fast 3-D path (a z channel step is set): every slice of a z-stack POI replaced by its best approximation
     * with a few separable terms keeping 99.9 % of its energy, so that the forward model convolves with columns and
     * rows ({@link ForwardKernels#separableRank()}), when that is cheaper.
     */
    private PreprocessedPoi separable(final PreprocessedPoi p) {
        final Poi poi = p.poi();
        if (!(params.zChannelStepNm() > 0) || poi.channels() == 1 || poi.kind() != Poi.Kind.Z_STACK) {
            return p;
        }
        final int maxRank = (int)Math.floor(poi.height() * (double)poi.width() / 3 / (poi.height() + poi.width()));
        final Poi approximated = SeparablePoi.approximate(poi, SEPARABLE_ENERGY, maxRank);
        if (approximated == poi) {
            return p;
        }
        notes.accept(String.format(java.util.Locale.ROOT, "forward model: each of the %d POI slices (%d × %d px) "
            + "as %d separable terms (%.1f %% of its energy), %.1f× fewer multiplications", poi.channels(),
            poi.height(), poi.width(), ForwardKernels.of(approximated, 1, 1).separableRank(), 100 * SEPARABLE_ENERGY,
            poi.height() * (double)poi.width() / Math.max(1, ForwardKernels.of(approximated, 1, 1).separableRank())
                / (poi.height() + poi.width())));
        return new PreprocessedPoi(approximated, p.ratios(), p.method());
    }

    /** With binned z channels: the refinement between them, calibrated on the full stack preprocessed alike. */
    private PreprocessedPoi withZRefinement(final PreprocessedPoi binned, final Poi full,
        final UpsamplingRatios requested, final int zFactor) {
        if (zFactor == 1) {
            return binned;
        }
        final Poi fullPre = PoiPreprocessor.preprocess(full, requested, params.interpolation()).poi();
        if (fullPre.channels() != full.channels()) {
            return binned; // an even slice count was resampled in z: z stays the amplitude-weighted channel
        }
        final ZRefinement refinement = ZRefinement.calibrate(binned.poi(), fullPre, zFactor);
        return new PreprocessedPoi(binned.poi().withZRefinement(refinement), binned.ratios(), binned.method());
    }

    /** The training loop of §9 with its state. */
    private final class Loop {
        private final DepafNetwork network;
        private final ForwardKernels kernels;
        private final PatchSet train;
        private final ImageStack validation;
        private final Monitor monitor;
        private LambdaSchedule schedule = params.lambdaSchedule();
        private BudgetPlan plan;
        private int decompressions;
        private final Curriculum curriculum;
        private final ValidationTracker tracker;
        private final List<TrainingProgress> history = new ArrayList<>();
        private final long started = System.nanoTime();
        private WeightsSnapshot best;
        private double firstIterationDone;
        private long iteration;
        private String stopReason;

        Loop(final DepafNetwork network, final ForwardKernels kernels, final TrainingData data, final Monitor monitor) {
            this.network = network;
            this.kernels = kernels;
            this.train = data.train();
            this.validation = stack(data.validation().toBatchArray(), data.validation());
            this.monitor = monitor;
            this.curriculum = new Curriculum(kernels.channels());
            this.tracker = new ValidationTracker(params.maxPatience(), params.learningRate(),
                params.minLearningRate());
        }

        void run() {
            final int batch = params.batchSize();
            final int batchesPerEpoch = train.size() / batch;
            final long iterationLimit = params.maxIterations() > 0
                ? Math.min(params.maxIterations(), (long)params.maxEpochs() * batchesPerEpoch)
                : (long)params.maxEpochs() * batchesPerEpoch;
            final double secondsLimit = params.maxMinutes() > 0 ? params.maxMinutes() * 60 : Double.POSITIVE_INFINITY;
            replan(iterationLimit == Long.MAX_VALUE ? Long.MAX_VALUE : iterationLimit);
            final SplittableRandom shuffle = new SplittableRandom(params.seed() ^ 0x5DEECE66DL);
            final int[] order = new int[train.size()];
            final float[] batchPixels = new float[batch * train.patchHeight() * train.patchWidth()];
            Objective objective = objective(schedule.lambdaAt(1));
            for (int epoch = 1; epoch <= params.maxEpochs(); epoch++) {
                shuffled(order, shuffle);
                for (int b = 0; b < batchesPerEpoch; b++) {
                    monitor.checkCancelled();
                    iteration++;
                    if (iteration == ESTIMATE_AFTER + 1) {
                        estimateBudget(iterationLimit, secondsLimit);
                    }
                    if (plan.decompressionDue(decompressions, iteration) && curriculum.canDecompress()) {
                        decompress();
                        tracker.resetBest();
                        objective = objective(objective.lambda());
                    }
                    final double lambda = schedule.lambdaAt(iteration);
                    if (lambda != objective.lambda()) {
                        objective = objective.withLambda(lambda);
                        tracker.resetBest(); // losses at different λ cannot be compared
                    }
                    if (schedule.resetsBestAt(iteration)) {
                        tracker.resetBest();
                    }
                    train.copyBatch(order, b * batch, batch, batchPixels);
                    final double learningRate = network.learningRate();
                    final int level = curriculum.level();
                    final LossTerms loss = network.trainStep(stack(batchPixels, train), objective);
                    if (iteration == 1) {
                        firstIterationDone = seconds();
                    }
                    double validationLoss = Double.NaN;
                    if ((iteration - 1) % params.validationFrequency() == 0) {
                        validationLoss = network.loss(validation, objective).total();
                        final ValidationTracker.Outcome outcome =
                            tracker.onValidation(validationLoss, curriculum.canDecompress());
                        if (outcome.improved()) {
                            best = network.snapshot();
                        }
                        switch (outcome.action()) {
                            case STOP -> stopReason = "early stopping: no improvement for " + params.maxPatience()
                                + " validations at the minimum learning rate";
                            case DECOMPRESS -> {
                                decompress();
                                objective = objective(lambda);
                            }
                            case HALVE_LEARNING_RATE -> network.setLearningRate(tracker.learningRate());
                            case CONTINUE -> {
                                // keep training
                            }
                        }
                    }
                    final TrainingProgress progress = new TrainingProgress(iteration, epoch, loss.total(),
                        loss.fidelity(), loss.sparsity(), validationLoss, lambda, learningRate, level,
                        seconds());
                    history.add(progress);
                    listener.accept(progress);
                    monitor.progress(Math.min(1, Math.max((double)iteration / iterationLimit,
                        seconds() / secondsLimit)), describe(progress));
                    if (stopReason == null && iteration >= iterationLimit) {
                        stopReason = iteration >= (long)params.maxEpochs() * batchesPerEpoch
                            ? "reached maxEpochs (" + params.maxEpochs() + ")"
                            : "reached maxIterations (" + params.maxIterations() + ")";
                    }
                    if (stopReason == null && seconds() >= secondsLimit) {
                        stopReason = "reached the time limit of " + params.maxMinutes() + " min";
                    }
                    if (stopReason != null) {
                        finish();
                        return;
                    }
                }
            }
            stopReason = "reached maxEpochs (" + params.maxEpochs() + ")";
            finish();
        }

        /** Plans warm-up and curriculum for a budget of that many iterations. */
        private void replan(final long iterations) {
            plan = BudgetPlan.of(params.lambdaSchedule(), iterations, curriculum.totalDecompressions(),
                params.fitScheduleToBudget());
            schedule = plan.lambda();
        }

        /**
         * After the first iterations: seconds per iteration, the iterations the budget allows, the plan for them,
         * and one line saying what training will reach.
         */
        private void estimateBudget(final long iterationLimit, final double secondsLimit) {
            final double perIteration = (seconds() - firstIterationDone) / (ESTIMATE_AFTER - 1)
                * (1 + VALIDATION_SHARE);
            final long byTime = Double.isInfinite(secondsLimit) ? Long.MAX_VALUE
                : iteration + (long)Math.max(0, (secondsLimit - seconds()) / perIteration);
            final long budget = Math.min(iterationLimit, byTime);
            replan(budget);
            final StringBuilder line = new StringBuilder(String.format(java.util.Locale.ROOT,
                "%.3g s per iteration: ", perIteration));
            if (budget == Long.MAX_VALUE) {
                line.append("no iteration or time limit");
            } else {
                line.append(String.format(java.util.Locale.ROOT, "the budget allows about %d iterations (%s)", budget,
                    byTime < iterationLimit ? "time limit " + params.maxMinutes() + " min"
                        : "iteration limit " + iterationLimit));
            }
            final LambdaSchedule l = plan.lambda();
            line.append(String.format(java.util.Locale.ROOT, "; λ 1 %% → 10 %% at iteration %d → full at %d",
                l.firstMilestone(), l.secondMilestone()));
            if (budget != Long.MAX_VALUE) {
                line.append(l.secondMilestone() <= budget
                    ? String.format(java.util.Locale.ROOT, " (full λ for %.0f %% of the budget)",
                        100.0 * (budget - l.secondMilestone() + 1) / budget)
                    : " (full λ will NOT be reached: raise maxMinutes/maxIterations or let the schedule fit the "
                        + "budget)");
            }
            final long[] d = plan.deadlines();
            if (d.length > 0) {
                line.append(String.format(java.util.Locale.ROOT, "; all %d z-channel curriculum steps by iteration %d",
                    d.length, d[d.length - 1]));
            }
            notes.accept(line.toString());
        }

        private void finish() {
            if (best != null) {
                network.restore(best);
            }
        }

        private void decompress() {
            decompressions++;
            // Read every parent's head before writing any: a child may reuse its parent's channel.
            final List<Curriculum.HeadCopy> copies = curriculum.decompress();
            final float[][] sources = new float[copies.size()][];
            for (int i = 0; i < copies.size(); i++) {
                sources[i] = network.headChannel(copies.get(i).source());
            }
            for (int i = 0; i < copies.size(); i++) {
                final float[] v = sources[i].clone();
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float)(v[j] * copies.get(i).scale());
                }
                network.setHeadChannel(copies.get(i).target(), v);
            }
        }

        private Objective objective(final double lambda) {
            final int slice = kernels.poiHeight() * kernels.poiWidth();
            return new Objective(lambda, curriculum.mask(), curriculum.compressedPoi(kernels.poi(), slice));
        }

        double seconds() {
            return (System.nanoTime() - started) / 1e9;
        }
    }

    /** Runs the trained network on a random subset of the training patches and picks the threshold (§11). */
    private ThresholdSearchResult chooseThreshold(final DepafNetwork network, final PreprocessedPoi poi,
        final PatchSet train, final Monitor monitor) {
        final int n = Math.min(params.thresholdPatches(), train.size());
        final int[] chosen = randomSubset(train.size(), n, new SplittableRandom(params.seed() + 1));
        final float[] pixels = new float[n * train.patchHeight() * train.patchWidth()];
        train.copyBatch(chosen, 0, n, pixels);
        return ThresholdOptimizer.search(network, poi, new ImageStack(pixels, n, train.patchHeight(),
            train.patchWidth(), Double.NaN, "threshold-search patches"), monitor);
    }

    private static void requireShapesAgree(final FrameSource data, final Poi poi) {
        // §2.1: a singleton data axis needs a singleton POI axis and vice versa (1-D traces are columns).
        if ((data.height() == 1) != (poi.height() == 1) || (data.width() == 1) != (poi.width() == 1)) {
            throw new IllegalArgumentException("The POI " + poi.source() + " (" + poi.height() + " × " + poi.width()
                + ") and the data " + data.source() + " (" + data.height() + " × " + data.width() + ") must both be "
                + "1-D along the same axis (height or width 1) or both 2-D");
        }
    }

    private static double autoRatio(final double requested, final int size) {
        if (!Double.isNaN(requested)) {
            return requested;
        }
        return size == 1 ? 1 : 1.5;
    }

    private static ImageStack stack(final float[] pixels, final PatchSet set) {
        final int n = pixels.length / (set.patchHeight() * set.patchWidth());
        return new ImageStack(pixels, n, set.patchHeight(), set.patchWidth(), Double.NaN, "training patches");
    }

    private static void shuffled(final int[] order, final SplittableRandom random) {
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        for (int i = order.length - 1; i > 0; i--) {
            final int j = random.nextInt(i + 1);
            final int t = order[i];
            order[i] = order[j];
            order[j] = t;
        }
    }

    private static int[] randomSubset(final int n, final int k, final SplittableRandom random) {
        final int[] all = new int[n];
        shuffled(all, random);
        final int[] out = java.util.Arrays.copyOf(all, k);
        java.util.Arrays.sort(out);
        return out;
    }

    private static String describe(final TrainingProgress p) {
        return String.format(java.util.Locale.ROOT, "iteration %d (epoch %d): loss %.4g%s, λ %.3g, learning rate %.3g",
            p.iteration(), p.epoch(), p.loss(), p.validated()
                ? String.format(java.util.Locale.ROOT, ", validation %.4g", p.validationLoss()) : "",
            p.lambda(), p.learningRate());
    }
}
