package org.knime.depaf.node.adapter;

import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.poi.Poi;

/**
 * What the DEPAF Model port's spec shows about a model without loading its network: the POI (kind and size), λ,
 * the detection threshold, the encoder depth, whether a background was learned, the normalisation constants and
 * the provenance, plus {@link DepafModel#summary()}.
 *
 * @param poiKind the POI's kind
 * @param poiChannels POI channels (z slices)
 * @param poiHeight POI height on the upsampled grid, px
 * @param poiWidth POI width on the upsampled grid, px
 * @param lambda the sparsity weight λ it was trained with
 * @param threshold the detection threshold (normalised amplitude units)
 * @param encoderDepth U-Net down-sampling stages
 * @param learnBackground whether the network estimates a background
 * @param normMin normalisation offset of the training data (raw camera units)
 * @param normMax normalisation scale of the training data (raw camera units)
 * @param trainedOn the training data
 * @param created when training finished (ISO-8601)
 * @param softwareVersion version of DEPAF that trained it
 * @param summary {@link DepafModel#summary()}
 */
public record ModelInfo(Poi.Kind poiKind, int poiChannels, int poiHeight, int poiWidth, double lambda,
    double threshold, int encoderDepth, boolean learnBackground, double normMin, double normMax, String trainedOn,
    String created, String softwareVersion, String summary) {

    private static final String WHAT = "DEPAF model description";

    /** Checks the fields. */
    public ModelInfo {
        Objects.requireNonNull(poiKind, "poiKind");
        Objects.requireNonNull(trainedOn, "trainedOn");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
        Objects.requireNonNull(summary, "summary");
    }

    /** @return the description of a model */
    public static ModelInfo of(final DepafModel model) {
        final Poi poi = model.poi().poi();
        return new ModelInfo(poi.kind(), poi.channels(), poi.height(), poi.width(), model.lambda(), model.threshold(),
            model.network().config().encoderDepth(), model.network().config().learnBackground(),
            model.normalization().normMin(), model.normalization().normMax(), model.provenance().dataSource(),
            model.provenance().created().toString(), model.provenance().softwareVersion(), model.summary());
    }

    /** @return whether predictions carry a z column (the POI is a z-stack) */
    public boolean isZStack() {
        return poiKind == Poi.Kind.Z_STACK;
    }

    /** @return a one-line summary for a port tooltip */
    public String shortSummary() {
        return "DEPAF model: POI " + poiChannels + " × " + poiHeight + " × " + poiWidth + " (" + poiKind + "), λ "
            + lambda + ", threshold " + threshold + ", encoder depth " + encoderDepth
            + (learnBackground ? ", with background" : "");
    }

    /** @return the description as text entries */
    public Map<String, String> toMap() {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("poi.kind", poiKind.name());
        m.put("poi.channels", Integer.toString(poiChannels));
        m.put("poi.height", Integer.toString(poiHeight));
        m.put("poi.width", Integer.toString(poiWidth));
        m.put("lambda", Double.toString(lambda));
        m.put("threshold", Double.toString(threshold));
        m.put("encoderDepth", Integer.toString(encoderDepth));
        m.put("learnBackground", Boolean.toString(learnBackground));
        m.put("normMin", Double.toString(normMin));
        m.put("normMax", Double.toString(normMax));
        m.put("trainedOn", trainedOn);
        m.put("created", created);
        m.put("softwareVersion", softwareVersion);
        m.put("summary", summary);
        return m;
    }

    /**
     * @return the description from {@link #toMap()}'s entries
     * @throws IOException if an entry is missing or malformed
     */
    public static ModelInfo fromMap(final Map<String, String> m) throws IOException {
        try {
            return new ModelInfo(Poi.Kind.valueOf(PropertiesText.required(m, "poi.kind", WHAT)),
                PropertiesText.integer(m, "poi.channels", WHAT), PropertiesText.integer(m, "poi.height", WHAT),
                PropertiesText.integer(m, "poi.width", WHAT), PropertiesText.number(m, "lambda", WHAT),
                PropertiesText.number(m, "threshold", WHAT), PropertiesText.integer(m, "encoderDepth", WHAT),
                Boolean.parseBoolean(PropertiesText.required(m, "learnBackground", WHAT)),
                PropertiesText.number(m, "normMin", WHAT), PropertiesText.number(m, "normMax", WHAT),
                PropertiesText.required(m, "trainedOn", WHAT), PropertiesText.required(m, "created", WHAT),
                PropertiesText.required(m, "softwareVersion", WHAT), PropertiesText.required(m, "summary", WHAT));
        } catch (IllegalArgumentException e) {
            throw new IOException(WHAT + " is damaged: " + e.getMessage(), e);
        }
    }
}
