package org.knime.depaf.node.port;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.node.adapter.ModelInfo;

/**
 * Spec of the DEPAF Model port: the model's description ({@link ModelInfo}: POI size, λ, threshold, encoder depth,
 * normalisation, provenance), or "not yet trained" before the Learner ran. An untrained model's POI kind is known
 * when the POI is, so that nodes downstream can announce their columns (z or not) before anything runs. Immutable.
 */
public final class DepafModelPortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "depaf-model-spec.properties";

    private static final String KNOWN = "known";

    private static final String POI_KIND = "untrainedPoiKind";

    private final ModelInfo m_info;

    private final Poi.Kind m_poiKind;

    /** @param info the model's description, or null when the model is not yet trained */
    public DepafModelPortObjectSpec(final ModelInfo info) {
        this(info, info == null ? null : info.poiKind());
    }

    private DepafModelPortObjectSpec(final ModelInfo info, final Poi.Kind poiKind) {
        m_info = info;
        m_poiKind = poiKind;
    }

    /**
     * @param poiKind the kind of the POI the model will be trained with, or null when not yet known
     * @return the spec of a model that is not yet trained
     */
    public static DepafModelPortObjectSpec untrained(final Poi.Kind poiKind) {
        return new DepafModelPortObjectSpec(null, poiKind);
    }

    /** @return the model's description, or null when not yet known */
    public ModelInfo getInfo() {
        return m_info;
    }

    /** @return the kind of the model's POI (known before training when the POI is), or null when not yet known */
    public Poi.Kind getPoiKind() {
        return m_poiKind;
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("DEPAF model", m_info == null ? "DEPAF model (made when the node runs)" : m_info.summary());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DepafModelPortObjectSpec s && Objects.equals(s.m_info, m_info)
            && s.m_poiKind == m_poiKind;
    }

    @Override
    public int hashCode() {
        return Objects.hash(m_info, m_poiKind);
    }

    /** Saves and loads the description as a properties entry. */
    public static final class Serializer extends PortObjectSpecSerializer<DepafModelPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final DepafModelPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            final Map<String, String> m = spec.m_info == null ? new java.util.TreeMap<>() : spec.m_info.toMap();
            m.put(KNOWN, Boolean.toString(spec.m_info != null));
            if (spec.m_info == null && spec.m_poiKind != null) {
                m.put(POI_KIND, spec.m_poiKind.name());
            }
            PortEntries.write(out, ENTRY, m);
        }

        @Override
        public DepafModelPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            final Map<String, String> m = PortEntries.read(in, ENTRY);
            if (Boolean.parseBoolean(m.get(KNOWN))) {
                return new DepafModelPortObjectSpec(ModelInfo.fromMap(m));
            }
            try {
                return untrained(m.containsKey(POI_KIND) ? Poi.Kind.valueOf(m.get(POI_KIND)) : null);
            } catch (IllegalArgumentException e) {
                throw new IOException("DEPAF model spec: unknown POI kind " + m.get(POI_KIND), e);
            }
        }
    }
}
