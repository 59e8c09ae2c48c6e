package org.knime.depaf.core.poi;

import java.util.Objects;

import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.resample.UpsamplingRatios;

/**
 * The result of {@link PoiPreprocessor}: the training POI on the upsampled grid and the adjusted ratios that
 * every later step (data resampling, coordinate back-mapping, the saved model) must use. Immutable.
 */
public final class PreprocessedPoi {

    private final Poi poi;
    private final UpsamplingRatios ratios;
    private final Interpolation method;

    /**
     * @param poi the preprocessed POI, h_P × w_P × C
     * @param ratios the odd-size-adjusted upsampling ratios
     * @param method the interpolation method used
     */
    public PreprocessedPoi(final Poi poi, final UpsamplingRatios ratios, final Interpolation method) {
        this.poi = Objects.requireNonNull(poi, "poi");
        this.ratios = Objects.requireNonNull(ratios, "ratios");
        this.method = Objects.requireNonNull(method, "method");
    }

    /** @return the POI: odd sizes along upsampled axes, every slice with the same peak, mean slice sum 1 */
    public Poi poi() {
        return poi;
    }

    /** @return the adjusted ratios (y, x, z) */
    public UpsamplingRatios ratios() {
        return ratios;
    }

    public Interpolation method() {
        return method;
    }

    @Override
    public String toString() {
        return poi + " with " + ratios + ", " + method.matlabName();
    }
}
