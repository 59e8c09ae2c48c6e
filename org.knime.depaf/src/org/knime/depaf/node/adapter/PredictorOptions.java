package org.knime.depaf.node.adapter;

import java.util.EnumSet;
import java.util.Set;

import org.knime.depaf.core.fit.RefinementOptions;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionOutput;

/**
 * The DEPAF Predictor's and Background Estimator's options as plain values, and their translation into
 * {@link PredictionOptions}. Sizes are on the upsampled grid (the network's), 0 meaning the engine's default.
 *
 * @param patchSize square patch side on the upsampled grid, a multiple of 2^encoder depth, or 0 for the default
 *            (up to 256)
 * @param stride distance between patches on the upsampled grid, or 0 for half a patch
 * @param batchSize frames read and processed together (memory grows with it)
 * @param pixelSizeNm camera pixel size in nm for the localisations, or 0 to take it from the stack (or the POI)
 * @param synthesis whether to produce the re-synthesised stack (ISyn)
 * @param background whether to produce the background stack (BG)
 */
public record PredictorOptions(int patchSize, int stride, int batchSize, double pixelSizeNm, boolean synthesis,
    boolean background) {

    /** @return the defaults: engine tiling, 8 frames per batch, pixel size from the stack, localisations only */
    public static PredictorOptions defaults() {
        return new PredictorOptions(0, 0, PredictionOptions.DEFAULT_BATCH_SIZE, 0, false, false);
    }

    /**
     * @throws IllegalArgumentException naming the option as the dialog shows it and saying what to change
     */
    public void validate() {
        if (patchSize < 0) {
            throw new IllegalArgumentException("Patch size must be ≥ 1 (a multiple of 2^encoder depth), or 0 for the "
                + "default; it is " + patchSize);
        }
        if (stride < 0 || patchSize > 0 && stride > patchSize) {
            throw new IllegalArgumentException("Patch stride must be between 1 and the patch size, or 0 for half a "
                + "patch; it is " + stride);
        }
        if (batchSize < 1) {
            throw new IllegalArgumentException("Batch size must be ≥ 1 frame (8 is usual); it is " + batchSize);
        }
        if (!(pixelSizeNm >= 0) || !Double.isFinite(pixelSizeNm)) {
            throw new IllegalArgumentException("Pixel size must be a number of nm > 0, or 0 to take it from the "
                + "stack; it is " + pixelSizeNm);
        }
    }

    /**
     * @param localisations whether the run produces localisations (the Predictor) or only images (the Background
     *            Estimator)
     * @param threads threads for the engine's Java parts
     * @return the engine's options
     */
    public PredictionOptions toPredictionOptions(final boolean localisations, final int threads) {
        return toPredictionOptions(localisations, threads, null);
    }

    /**
     * @param localisations whether the run produces localisations
     * @param threads threads for the engine's Java parts
     * @param refinement how localisations are refined by fitting, or null for DEPAF's own positions
     * @return the engine's options
     */
    public PredictionOptions toPredictionOptions(final boolean localisations, final int threads,
        final RefinementOptions refinement) {
        validate();
        final Set<PredictionOutput> outputs = EnumSet.noneOf(PredictionOutput.class);
        if (localisations) {
            outputs.add(PredictionOutput.LOCALISATIONS);
        }
        if (synthesis) {
            outputs.add(PredictionOutput.SYNTHESIS);
        }
        if (background) {
            outputs.add(PredictionOutput.BACKGROUND);
        }
        if (outputs.isEmpty()) {
            outputs.add(PredictionOutput.BACKGROUND);
        }
        return PredictionOptions.builder().patchSize(patchSize).patchStride(stride).batchSize(batchSize)
            .threads(Math.max(1, threads)).pixelSizeNm(pixelSizeNm > 0 ? pixelSizeNm : Double.NaN).outputs(outputs)
            .refinement(localisations ? refinement : null).build();
    }
}
