package org.knime.depaf.core.model;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.poi.PreprocessedPoi;
import org.knime.depaf.core.preprocess.NormalizationConstants;

/**
 * A trained DEPAF model: the network and every constant that prediction needs (depaf-method.md §9, §12).
 *
 * <p>The threshold is the only part that may change after training ({@link #withThreshold(double)}, the Threshold
 * Optimizer); everything else is fixed by the training run. The model owns its network: close the model to free
 * the network's native memory. Not thread-safe (the network is not).
 */
public final class DepafModel implements AutoCloseable {

    private final DepafNetwork network;
    private final PreprocessedPoi poi;
    private final NormalizationConstants normalization;
    private final double threshold;
    private final double lambda;
    private final Map<String, String> parameters;
    private final ModelProvenance provenance;

    /**
     * @param network the trained network (its kernels hold the same POI as {@code poi})
     * @param poi the preprocessed POI with the adjusted upsampling ratios and the interpolation method
     * @param normalization normMin and normMax of the training data
     * @param threshold detection threshold on the summed amplitude map, ≥ 0
     * @param lambda the sparsity weight λ it was trained with
     * @param parameters every training parameter after defaults were resolved, as text (for the record)
     * @param provenance where it came from
     */
    public DepafModel(final DepafNetwork network, final PreprocessedPoi poi,
        final NormalizationConstants normalization, final double threshold, final double lambda,
        final Map<String, String> parameters, final ModelProvenance provenance) {
        this.network = Objects.requireNonNull(network, "network");
        this.poi = Objects.requireNonNull(poi, "poi");
        this.normalization = Objects.requireNonNull(normalization, "normalization");
        if (!(threshold >= 0) || !Double.isFinite(threshold)) {
            throw new IllegalArgumentException("detection threshold must be a finite number ≥ 0, got " + threshold);
        }
        if (network.config().poiChannels() != poi.poi().channels()) {
            throw new IllegalArgumentException("network has " + network.config().poiChannels()
                + " POI channels but the POI has " + poi.poi().channels());
        }
        this.threshold = threshold;
        this.lambda = lambda;
        this.parameters = Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        this.provenance = Objects.requireNonNull(provenance, "provenance");
    }

    /** @return the network (owned by this model) */
    public DepafNetwork network() {
        return network;
    }

    /** @return the preprocessed POI, adjusted ratios and interpolation */
    public PreprocessedPoi poi() {
        return poi;
    }

    /** @return the normalisation constants of the training data */
    public NormalizationConstants normalization() {
        return normalization;
    }

    /** @return the detection threshold */
    public double threshold() {
        return threshold;
    }

    /** @return λ */
    public double lambda() {
        return lambda;
    }

    /** @return the resolved training parameters, read-only */
    public Map<String, String> parameters() {
        return parameters;
    }

    /** @return provenance */
    public ModelProvenance provenance() {
        return provenance;
    }

    /**
     * @param newThreshold the new detection threshold
     * @return a model with the same network (shared: close only one of the two) and another threshold
     */
    public DepafModel withThreshold(final double newThreshold) {
        return new DepafModel(network, poi, normalization, newThreshold, lambda, parameters, provenance);
    }

    /** @return a few lines describing the model for a person */
    public String summary() {
        final StringBuilder sb = new StringBuilder();
        sb.append("POI: ").append(poi.poi().channels()).append(" × ").append(poi.poi().height()).append(" × ")
            .append(poi.poi().width()).append(" (").append(poi.poi().kind()).append("), from ")
            .append(provenance.poiSource()).append('\n');
        sb.append("Upsampling ratios (y, x, z): ").append(poi.ratios()).append(", interpolation ")
            .append(poi.method()).append('\n');
        sb.append("Network: ").append(network.config()).append('\n');
        sb.append("λ: ").append(lambda).append(", threshold: ").append(threshold).append('\n');
        sb.append("Normalisation: ").append(normalization).append('\n');
        sb.append("Trained on ").append(provenance.dataSource()).append(", ").append(provenance.iterations())
            .append(" iterations, best validation loss ").append(provenance.bestValidationLoss()).append(", ")
            .append(String.format(java.util.Locale.ROOT, "%.0f s", provenance.trainingSeconds())).append(", ")
            .append(provenance.created()).append(", DEPAF ").append(provenance.softwareVersion());
        return sb.toString();
    }

    @Override
    public void close() {
        network.close();
    }
}
