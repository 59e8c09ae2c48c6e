package org.knime.depaf.core.net.samediff;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Collections;
import java.util.HashMap;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.LossTerms;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.NetworkOutput;
import org.knime.depaf.core.net.Objective;
import org.knime.depaf.core.net.WeightsSnapshot;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.api.OutAndGrad;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.updaters.AdamUpdater;
import org.nd4j.linalg.factory.Nd4j;

/**
 * {@link DepafNetwork} on one SameDiff graph ({@link DepafGraph}). Gradients by
 * {@code SameDiff.calculateGradientsAndOutputs}, the update by ND4J's fused Adam op with this object's moment
 * arrays and step count; dropout masks from {@link SplittableRandom} seeded by (seed, step), so runs and resumed
 * runs repeat exactly. Not thread-safe.
 */
final class SameDiffNetwork implements DepafNetwork {

    /** Pixels per chunk in {@link #loss} and {@link #infer}: bounds native memory for any number of patches. */
    private static final long CHUNK_PIXELS = 1L << 17;

    /** Placeholders made anew for every call (the others are cached by {@link ForwardModelInputs}). */
    private static final Set<String> OWN_PLACEHOLDERS = Set.of(DepafGraph.INPUT, DepafGraph.DROP_ENCODER,
        DepafGraph.DROP_BRIDGE);

    private final NetworkConfig config;
    private final ForwardKernels kernels;
    private final SameDiff sd;
    private final SameDiff gradFunction;
    private final List<ParamSpec> params;
    private final List<String> paramNames;
    private final INDArray[] adamM;
    private final INDArray[] adamV;
    private final ForwardModelInputs forward;
    private final Objective prediction;
    private final INDArray noDropout;
    private double learningRate = 1e-3;
    private long steps;
    private boolean closed;

    SameDiffNetwork(final NetworkConfig config, final ForwardKernels kernels) {
        requireCompatible(config, kernels);
        this.config = config;
        this.kernels = kernels;
        final DepafGraph graph = DepafGraph.build(config, kernels);
        this.sd = graph.sd;
        this.params = graph.params;
        this.paramNames = new ArrayList<>();
        for (final ParamSpec p : params) {
            paramNames.add(p.name());
        }
        QuietStdout.run(sd::createGradFunction);
        gradFunction = sd.getFunction(ReusedSession.GRAD_FUNCTION);
        if (gradFunction == null) {
            throw new IllegalStateException("SameDiff made no gradient function \"" + ReusedSession.GRAD_FUNCTION
                + "\"");
        }
        adamM = new INDArray[params.size()];
        adamV = new INDArray[params.size()];
        for (int i = 0; i < params.size(); i++) {
            adamM[i] = Nd4j.zeros(DataType.FLOAT, params.get(i).shape());
            adamV[i] = Nd4j.zeros(DataType.FLOAT, params.get(i).shape());
        }
        forward = new ForwardModelInputs(kernels, config.learnBackground());
        prediction = Objective.full(kernels, 0);
        noDropout = Nd4j.ones(DataType.FLOAT, 1, 1, 1, 1);
    }

    private static void requireCompatible(final NetworkConfig config, final ForwardKernels kernels) {
        if (config.poiChannels() != kernels.channels()) {
            throw new IllegalArgumentException("The network has " + config.poiChannels() + " POI channels but the POI ("
                + kernels + ") has " + kernels.channels());
        }
        if (config.oneDimensional() && (kernels.poiWidth() != 1 || kernels.boxWidth() != 1)) {
            throw new IllegalArgumentException("A 1-D network needs a POI and a background box of width 1, got "
                + kernels);
        }
    }

    /** He-normal weights (variance 2/fan-in), zero biases, from {@link NetworkConfig#seed()}. */
    void initialiseWeights() {
        final SplittableRandom random = new SplittableRandom(config.seed());
        for (final ParamSpec p : params) {
            final float[] v = new float[Math.toIntExact(p.length())];
            if (p.fanIn() > 0) {
                final double std = Math.sqrt(2.0 / p.fanIn());
                for (int i = 0; i < v.length; i++) {
                    v[i] = (float)(std * random.nextGaussian());
                }
            }
            param(p.name()).assign(Nd4j.create(v, p.shape(), DataType.FLOAT));
        }
    }

    @Override
    public NetworkConfig config() {
        return config;
    }

    @Override
    public ForwardKernels kernels() {
        return kernels;
    }

    @Override
    public String backend() {
        return SameDiffBackend.NAME;
    }

    @Override
    public LossTerms trainStep(final ImageStack batch, final Objective objective) {
        checkOpen();
        checkPatches(batch);
        final int b = batch.frames();
        final Map<String, INDArray> ph = placeholders(batch, 0, b, objective);
        ReusedSession session = null;
        OutAndGrad r = null;
        try {
            ph.put(DepafGraph.DROP_ENCODER, dropoutMask(b, batch.height(), batch.width(), config.encoderDepth(), 0));
            ph.put(DepafGraph.DROP_BRIDGE, dropoutMask(b, batch.height(), batch.width(), config.encoderDepth() + 1,
                1));
            session = ReusedSession.bind(gradFunction);
            r = sd.calculateGradientsAndOutputs(ph, List.of(DepafGraph.FIDELITY, DepafGraph.SPARSITY), paramNames);
            final LossTerms loss = new LossTerms(r.getOutputs().get(DepafGraph.FIDELITY).getDouble(0),
                r.getOutputs().get(DepafGraph.SPARSITY).getDouble(0), b);
            if (!Double.isFinite(loss.total())) {
                throw new IllegalStateException("Training diverged at step " + (steps + 1) + ": " + loss
                    + "; the weights were not updated");
            }
            final Map<String, INDArray> grads = r.getGradients();
            for (int i = 0; i < params.size(); i++) {
                final String name = paramNames.get(i);
                final INDArray g = grads.get(name);
                if (g == null) {
                    throw new IllegalStateException("SameDiff returned no gradient for " + name);
                }
                adamStep(param(name), g, adamM[i], adamV[i], learningRate, steps);
            }
            steps++;
            return loss;
        } finally {
            final List<INDArray> results = new ArrayList<>();
            if (r != null) {
                results.addAll(r.getOutputs().values());
                results.addAll(r.getGradients().values());
            }
            closeCallArrays(session, ph, results);
        }
    }

    /**
     * One Adam update of the method (§9): {@code m ← β1·m + (1−β1)·g}, {@code v ← β2·v + (1−β2)·g²},
     * {@code θ ← θ − lr·√(1−β2^t)/(1−β1^t) · m/(√v + ε)} with t = step + 1. In place; the gradient array is
     * overwritten with the update.
     *
     * @param step number of steps done before this one (0 for the first)
     */
    static void adamStep(final INDArray param, final INDArray grad, final INDArray m, final INDArray v,
        final double lr, final long step) {
        // ND4J's fused op takes the 0-based iteration and bias-corrects with iteration + 1
        Nd4j.exec(new AdamUpdater(grad, v, m, lr, ADAM_BETA1, ADAM_BETA2, ADAM_EPSILON,
            (int)Math.min(step, Integer.MAX_VALUE)));
        param.subi(grad);
    }

    @Override
    public LossTerms loss(final ImageStack patches, final Objective objective) {
        checkOpen();
        checkPatches(patches);
        final int n = patches.frames();
        final int chunk = chunkSize(patches);
        double fidelity = 0;
        double sparsity = 0;
        final ReusedSession session = ReusedSession.bind(sd);
        for (int first = 0; first < n; first += chunk) {
            final int b = Math.min(chunk, n - first);
            final Map<String, INDArray> ph = placeholders(patches, first, b, objective);
            Map<String, INDArray> out = Map.of();
            try {
                out = sd.output(ph, DepafGraph.FIDELITY, DepafGraph.SPARSITY);
                // the chunk's terms are means over its b patches: weight them back to sums
                fidelity += out.get(DepafGraph.FIDELITY).getDouble(0) * b;
                sparsity += out.get(DepafGraph.SPARSITY).getDouble(0) * b;
            } finally {
                closeCallArrays(session, ph, out.values());
            }
        }
        return new LossTerms(fidelity / n, sparsity / n, n);
    }

    @Override
    public NetworkOutput infer(final ImageStack patches) {
        checkOpen();
        checkPatches(patches);
        final int n = patches.frames();
        final int c = config.poiChannels();
        final int plane = patches.frameSize();
        final float[] amplitudes = new float[Math.multiplyExact(Math.multiplyExact(n, c), plane)];
        final float[] signal = new float[n * plane];
        final float[] background = new float[n * plane];
        final int chunk = chunkSize(patches);
        final String[] outputs = config.learnBackground()
            ? new String[] {DepafGraph.AMPLITUDES, DepafGraph.SIGNAL, DepafGraph.BACKGROUND}
            : new String[] {DepafGraph.AMPLITUDES, DepafGraph.SIGNAL};
        final ReusedSession session = ReusedSession.bind(sd);
        for (int first = 0; first < n; first += chunk) {
            final int b = Math.min(chunk, n - first);
            final Map<String, INDArray> ph = placeholders(patches, first, b, prediction);
            Map<String, INDArray> out = Map.of();
            try {
                out = sd.output(ph, outputs);
                copy(out.get(DepafGraph.AMPLITUDES), amplitudes, first * c * plane, b * c * plane);
                copy(out.get(DepafGraph.SIGNAL), signal, first * plane, b * plane);
                if (config.learnBackground()) {
                    copy(out.get(DepafGraph.BACKGROUND), background, first * plane, b * plane);
                }
            } finally {
                closeCallArrays(session, ph, out.values());
            }
        }
        return new NetworkOutput(amplitudes, signal, background, n, c, patches.height(), patches.width());
    }

    @Override
    public double learningRate() {
        return learningRate;
    }

    @Override
    public void setLearningRate(final double lr) {
        if (!(lr > 0 && Double.isFinite(lr))) {
            throw new IllegalArgumentException("Learning rate must be a finite number > 0, got " + lr);
        }
        this.learningRate = lr;
    }

    @Override
    public long steps() {
        return steps;
    }

    @Override
    public float[] headChannel(final int channel) {
        checkOpen();
        final INDArray[] wb = head(channel);
        final int col = channel < config.poiChannels() ? channel : 0;
        final int in = (int)wb[0].size(2);
        final float[] v = new float[in + 1];
        for (int i = 0; i < in; i++) {
            v[i] = wb[0].getFloat(0, 0, i, col);
        }
        v[in] = wb[1].getFloat(col);
        return v;
    }

    @Override
    public void setHeadChannel(final int channel, final float[] weightsAndBias) {
        checkOpen();
        final INDArray[] wb = head(channel);
        final int col = channel < config.poiChannels() ? channel : 0;
        final int in = (int)wb[0].size(2);
        if (weightsAndBias.length != in + 1) {
            throw new IllegalArgumentException("Head channel " + channel + " has " + in + " weights and a bias, got "
                + weightsAndBias.length + " values");
        }
        for (int i = 0; i < in; i++) {
            wb[0].putScalar(new long[] {0, 0, i, col}, weightsAndBias[i]);
        }
        wb[1].putScalar(col, weightsAndBias[in]);
    }

    private INDArray[] head(final int channel) {
        final int c = config.poiChannels();
        if (channel >= 0 && channel < c) {
            return new INDArray[] {param(DepafGraph.HEAD_W), param(DepafGraph.HEAD_B)};
        }
        if (channel == c && config.learnBackground()) {
            return new INDArray[] {param(DepafGraph.BG_HEAD_W), param(DepafGraph.BG_HEAD_B)};
        }
        throw new IllegalArgumentException("Head channel " + channel + " does not exist: the network has channels 0.."
            + (config.outputChannels() - 1) + (config.learnBackground() ? " (" + c + " = background)" : ""));
    }

    @Override
    public WeightsSnapshot snapshot() {
        checkOpen();
        final float[][] values = new float[params.size()][];
        for (int i = 0; i < values.length; i++) {
            values[i] = toFloats(param(paramNames.get(i)));
        }
        return new WeightsSnapshot(SameDiffBackend.NAME, config, values);
    }

    @Override
    public void restore(final WeightsSnapshot snapshot) {
        checkOpen();
        if (!SameDiffBackend.NAME.equals(snapshot.backend()) || !config.equals(snapshot.config())
            || snapshot.size() != params.size()) {
            throw new IllegalArgumentException("Snapshot of a " + snapshot.backend() + " network (" + snapshot.config()
                + ") cannot be restored into this " + SameDiffBackend.NAME + " network (" + config + ")");
        }
        for (int i = 0; i < params.size(); i++) {
            final ParamSpec p = params.get(i);
            param(p.name()).assign(Nd4j.create(snapshot.values(i), p.shape(), DataType.FLOAT));
        }
    }

    @Override
    public void write(final OutputStream out) throws IOException {
        checkOpen();
        final List<NetworkFile.Entry> entries = new ArrayList<>();
        for (int i = 0; i < params.size(); i++) {
            final ParamSpec p = params.get(i);
            entries.add(new NetworkFile.Entry(p.name(), p.shape(), toFloats(param(p.name())), toFloats(adamM[i]),
                toFloats(adamV[i])));
        }
        NetworkFile.write(new NetworkFile.Content(SameDiffBackend.NAME, config, kernels, learningRate, steps, entries),
            out);
    }

    /** Puts weights, optimiser state, learning rate and step count of a file into this freshly built network. */
    void load(final NetworkFile.Content content) throws IOException {
        if (content.entries().size() != params.size()) {
            throw new IOException("the file has " + content.entries().size() + " parameters, the network "
                + params.size());
        }
        for (int i = 0; i < params.size(); i++) {
            final ParamSpec p = params.get(i);
            final NetworkFile.Entry e = content.entries().get(i);
            if (!p.name().equals(e.name()) || !Arrays.equals(p.shape(), e.shape())) {
                throw new IOException("parameter " + i + " is " + e.name() + " " + Arrays.toString(e.shape())
                    + " in the file but " + p.name() + " " + Arrays.toString(p.shape()) + " in the network");
            }
            param(p.name()).assign(Nd4j.create(e.values(), p.shape(), DataType.FLOAT));
            adamM[i].assign(Nd4j.create(e.m(), p.shape(), DataType.FLOAT));
            adamV[i].assign(Nd4j.create(e.v(), p.shape(), DataType.FLOAT));
        }
        setLearningRate(content.learningRate());
        this.steps = content.steps();
    }

    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        for (int i = 0; i < params.size(); i++) {
            closeQuietly(adamM[i]);
            closeQuietly(adamV[i]);
        }
        closeQuietly(noDropout);
        forward.close();
        ReusedSession.closeAll(sd);
        ReusedSession.closeAll(gradFunction);
    }

    /**
     * Frees the native memory of the arrays one graph execution made, once their values have been copied out: the
     * call's own placeholders (input and dropout masks), the outputs and gradients SameDiff returned and whatever
     * else the session left behind. Without this the memory (MiB per inference call, hundreds of MiB per training
     * step) is only freed when the JVM happens to collect the Java objects. Never closes an array that shares its
     * data buffer with a weight, an optimiser moment or a cached placeholder.
     *
     * @param session the session that ran the call, null if it did not get that far
     * @param ph the placeholders of the call
     * @param results the arrays SameDiff returned
     */
    private void closeCallArrays(final ReusedSession session, final Map<String, INDArray> ph,
        final Collection<INDArray> results) {
        final Set<DataBuffer> keep = Collections.newSetFromMap(new IdentityHashMap<>());
        final List<INDArray> close = new ArrayList<>(results);
        for (final Map.Entry<String, INDArray> e : ph.entrySet()) {
            final INDArray a = e.getValue();
            if (a != noDropout && OWN_PLACEHOLDERS.contains(e.getKey())) {
                close.add(a);
            } else {
                keep.add(ExecutionMemory.rootBuffer(a));
            }
        }
        keep.add(ExecutionMemory.rootBuffer(noDropout));
        for (int i = 0; i < params.size(); i++) {
            keep.add(ExecutionMemory.rootBuffer(param(paramNames.get(i))));
            keep.add(ExecutionMemory.rootBuffer(adamM[i]));
            keep.add(ExecutionMemory.rootBuffer(adamV[i]));
        }
        for (final INDArray a : close) {
            if (a != null && !keep.contains(ExecutionMemory.rootBuffer(a))) {
                closeQuietly(a);
            }
        }
        if (session != null) {
            session.closeOutstanding(keep);
        }
    }

    static void closeQuietly(final INDArray a) {
        if (a != null && a.closeable()) {
            a.close();
        }
    }

    private void checkOpen() {
        if (closed) {
            throw new IllegalStateException("The network has been closed");
        }
    }

    /** @return the graph (for tests) */
    SameDiff graph() {
        return sd;
    }

    /** @return the gradient function of the graph (for tests) */
    SameDiff gradientGraph() {
        return gradFunction;
    }

    private INDArray param(final String name) {
        return sd.getVariable(name).getArr();
    }

    private void checkPatches(final ImageStack patches) {
        final int h = patches.height();
        final int w = patches.width();
        final int m = config.sizeMultiple();
        if (h % m != 0) {
            throw new IllegalArgumentException("Patch height " + h + " is not a multiple of " + m
                + " (2^encoder depth)");
        }
        if (config.oneDimensional()) {
            if (w != 1) {
                throw new IllegalArgumentException("A 1-D network needs patches of width 1, got " + w);
            }
        } else if (w % m != 0) {
            throw new IllegalArgumentException("Patch width " + w + " is not a multiple of " + m
                + " (2^encoder depth)");
        }
        requireLarger("POI", kernels.poiHeight(), kernels.poiWidth(), h, w);
        if (config.learnBackground()) {
            requireLarger("background box", kernels.boxHeight(), kernels.boxWidth(), h, w);
        }
    }

    private static void requireLarger(final String what, final int kh, final int kw, final int h, final int w) {
        if ((kh - 1) / 2 >= h || (kw - 1) / 2 >= w) {
            throw new IllegalArgumentException("Patch " + h + " × " + w + " is too small for the " + what + " of " + kh
                + " × " + kw + ": reflect padding needs a patch larger than half the kernel");
        }
    }

    private int chunkSize(final ImageStack patches) {
        return (int)Math.max(1, Math.min(patches.frames(), CHUNK_PIXELS / patches.frameSize()));
    }

    private Map<String, INDArray> placeholders(final ImageStack patches, final int first, final int count,
        final Objective objective) {
        final Map<String, INDArray> ph = new HashMap<>();
        ph.put(DepafGraph.INPUT, input(patches, first, count));
        ph.put(DepafGraph.DROP_ENCODER, noDropout);
        ph.put(DepafGraph.DROP_BRIDGE, noDropout);
        forward.put(ph, objective, count, patches.height(), patches.width());
        return ph;
    }

    private static INDArray input(final ImageStack patches, final int first, final int count) {
        final int plane = patches.frameSize();
        final float[] px = patches.pixels();
        final float[] values = first == 0 && count == patches.frames() ? px
            : Arrays.copyOfRange(px, first * plane, (first + count) * plane);
        return Nd4j.create(values, new long[] {count, 1, patches.height(), patches.width()}, DataType.FLOAT);
    }

    /**
     * Inverted-dropout mask of the activations entering stage s's pooling (s = D) or leaving the bridge (s = D + 1):
     * 0 with probability p, 1/(1 − p) otherwise. Seeded by (seed, step, which) so that a run is repeatable.
     */
    private INDArray dropoutMask(final int b, final int h, final int w, final int stage, final int which) {
        final double p = config.dropout();
        if (p == 0) {
            return noDropout;
        }
        final int down = stage - 1;
        final int mh = h >> Math.min(down, config.encoderDepth());
        final int mw = config.oneDimensional() ? w : w >> Math.min(down, config.encoderDepth());
        final int channels = config.stageWidth(stage);
        final float[] v = new float[Math.multiplyExact(Math.multiplyExact(b, channels), mh * mw)];
        final SplittableRandom random = new SplittableRandom(
            config.seed() ^ (0x9E3779B97F4A7C15L * (2 * steps + which + 1)));
        final float keep = (float)(1 / (1 - p));
        // compare 24-bit uniforms with p: exact for p = 0.5 and fast (two draws per 64-bit number)
        final long threshold = Math.round(p * (1 << 24));
        for (int i = 0; i < v.length; i += 2) {
            final long r = random.nextLong();
            v[i] = (r & 0xFFFFFF) >= threshold ? keep : 0f;
            if (i + 1 < v.length) {
                v[i + 1] = ((r >>> 32) & 0xFFFFFF) >= threshold ? keep : 0f;
            }
        }
        return Nd4j.create(v, new long[] {b, channels, mh, mw}, DataType.FLOAT);
    }

    private static void copy(final INDArray from, final float[] to, final int offset, final int length) {
        final float[] v = toFloats(from);
        if (v.length != length) {
            throw new IllegalStateException("Graph output has " + v.length + " values, expected " + length);
        }
        System.arraycopy(v, 0, to, offset, length);
    }

    /** Values in C order, whatever the array's view, order or buffer offset. */
    static float[] toFloats(final INDArray a) {
        if (a.isView() || a.ordering() != 'c' || a.data().length() != a.length()) {
            final INDArray c = a.dup('c');
            try {
                return c.data().asFloat();
            } finally {
                closeQuietly(c);
            }
        }
        return a.data().asFloat();
    }
}
