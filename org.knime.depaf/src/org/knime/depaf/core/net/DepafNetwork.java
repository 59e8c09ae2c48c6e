package org.knime.depaf.core.net;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.util.AtomicFiles;

/**
 * A DEPAF network with its forward model, loss and Adam optimiser (depaf-method.md §5–§7, §9): the one object a
 * trainer and a predictor talk to, whatever engine runs it.
 *
 * <p><b>Data.</b> Patches are an {@link ImageStack} of B frames of H × W: normalised, upsampled data, NCHW with one
 * channel. H (and W in 2-D mode) must be a multiple of {@link NetworkConfig#sizeMultiple() 2^D}; in 1-D mode
 * W = 1. The patch must be larger than the half-sizes of the POI and the background box (reflect padding).
 *
 * <p><b>Model.</b> {@code O = |UNet(X)|}; channels 0..C−1 are the amplitudes A, channel C (with a background) the
 * seed G. {@code Dsum = Σ_c (A_c·m_c) ⊛ P_c}, {@code BG = G ⊛ box}, both true convolutions with reflect padding
 * and "same" size. The loss is {@link LossTerms}. Channel numbers are 0-based here (the method text is 1-based).
 *
 * <p><b>Optimiser.</b> Adam with β1 = 0.9, β2 = 0.99, ε = 1e-8, no weight decay, bias correction with the
 * global step count {@link #steps()}; the learning rate may change between steps and the moments are kept.
 *
 * <p><b>Threads.</b> Not thread-safe: one thread at a time. Engines may run each call on several native threads.
 * Close the network to free native memory.
 */
public interface DepafNetwork extends AutoCloseable {

    /** Adam β1 of the method. */
    double ADAM_BETA1 = 0.9;

    /** Adam β2 of the method (0.99, not the usual 0.999). */
    double ADAM_BETA2 = 0.99;

    /** Adam ε of the method. */
    double ADAM_EPSILON = 1e-8;

    /** @return the architecture */
    NetworkConfig config();

    /** @return the full POI and the background box this network infers with */
    ForwardKernels kernels();

    /** @return name of the engine (see {@link NetworkBackend#name()}) */
    String backend();

    /**
     * One optimiser step on a mini-batch, with dropout active: computes the loss and its gradient, then updates the
     * weights by Adam at the current {@link #learningRate()} and increments {@link #steps()}.
     *
     * @param batch B patches
     * @param objective λ_t, channel mask and (compressed) POI
     * @return the loss of this batch before the update (with dropout)
     * @throws IllegalStateException if the loss is not finite (training diverged); the weights are then unchanged
     */
    LossTerms trainStep(ImageStack batch, Objective objective);

    /**
     * The loss in inference mode (no dropout, no update), e.g. the validation loss (§7.3). Any number of patches;
     * engines may evaluate them in chunks, the result is the same average over all patches.
     *
     * @param patches B patches
     * @param objective λ_t, channel mask and POI
     * @return the loss averaged over the B patches
     */
    LossTerms loss(ImageStack patches, Objective objective);

    /**
     * Prediction mode (§12): no dropout, all channels, the full POI. Any number of patches.
     *
     * @param patches B patches
     * @return A, Dsum and BG
     */
    NetworkOutput infer(ImageStack patches);

    /** @return the Adam learning rate of the next steps */
    double learningRate();

    /** @param learningRate the Adam learning rate of the next steps, finite and > 0 */
    void setLearningRate(double learningRate);

    /** @return number of optimiser steps done so far (the global iteration count t) */
    long steps();

    /**
     * The 1×1 head's parameters of one output channel (for the curriculum, §8).
     *
     * @param channel output channel, 0..C−1 for POI channels, C for the background channel
     * @return its input weights (one per channel entering the head, {@link NetworkConfig#baseWidth()} of them)
     *         followed by its bias
     */
    float[] headChannel(int channel);

    /**
     * @param channel output channel, 0..C−1 for POI channels, C for the background channel
     * @param weightsAndBias the values in the layout of {@link #headChannel(int)}
     */
    void setHeadChannel(int channel, float[] weightsAndBias);

    /**
     * Sets channel {@code target}'s head weights and bias to channel {@code source}'s, times {@code scale}: the
     * decompression step of the curriculum (§8), scale = |group_target| / |group_source|. Optimiser state is
     * kept.
     *
     * @param source the parent's active channel
     * @param target the new active channel
     * @param scale factor applied to weights and bias
     */
    default void copyHeadChannel(final int source, final int target, final double scale) {
        final float[] v = headChannel(source);
        for (int i = 0; i < v.length; i++) {
            v[i] = (float)(v[i] * scale);
        }
        setHeadChannel(target, v);
    }

    /** @return a copy of all weights (no optimiser state), e.g. of the best model so far */
    WeightsSnapshot snapshot();

    /**
     * Puts back the weights of a snapshot of this network (optimiser state, steps and learning rate unchanged).
     *
     * @param snapshot taken from a network of the same backend and configuration
     */
    void restore(WeightsSnapshot snapshot);

    /**
     * Writes everything needed to continue training or to predict: configuration, kernels, weights, optimiser
     * state, learning rate and step count. {@link NetworkBackend#read} reads it back exactly.
     *
     * @param out the stream (not closed)
     * @throws IOException if writing fails
     */
    void write(OutputStream out) throws IOException;

    /**
     * {@link #write(OutputStream) Writes} the network to a file atomically (temporary file in the same folder, then
     * move; see {@link AtomicFiles#write}).
     *
     * @param file target file, replaced if it exists; its folder must exist
     * @throws IOException if writing fails (the target is then unchanged and no temporary file is left)
     */
    default void save(final Path file) throws IOException {
        AtomicFiles.write(file, this::write);
    }

    /** Frees the engine's resources; the network must not be used afterwards. */
    @Override
    void close();
}
