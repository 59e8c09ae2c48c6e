package org.knime.depaf.node.port;

import java.io.IOException;
import java.util.Map;
import java.util.Objects;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.depaf.node.adapter.ModelInfo;

/**
 * Spec of the DEPAF Model port: the model's description ({@link ModelInfo}: POI size, λ, threshold, encoder depth,
 * normalisation, provenance), or "not yet trained" before the Learner ran. Immutable.
 */
public final class DepafModelPortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "depaf-model-spec.properties";

    private static final String KNOWN = "known";

    private final ModelInfo m_info;

    /** @param info the model's description, or null when the model is not yet trained */
    public DepafModelPortObjectSpec(final ModelInfo info) {
        m_info = info;
    }

    /** @return the model's description, or null when not yet known */
    public ModelInfo getInfo() {
        return m_info;
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("DEPAF model", m_info == null ? "DEPAF model (made when the node runs)" : m_info.summary());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DepafModelPortObjectSpec s && Objects.equals(s.m_info, m_info);
    }

    @Override
    public int hashCode() {
        return Objects.hashCode(m_info);
    }

    /** Saves and loads the description as a properties entry. */
    public static final class Serializer extends PortObjectSpecSerializer<DepafModelPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final DepafModelPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            final Map<String, String> m = spec.m_info == null ? new java.util.TreeMap<>() : spec.m_info.toMap();
            m.put(KNOWN, Boolean.toString(spec.m_info != null));
            PortEntries.write(out, ENTRY, m);
        }

        @Override
        public DepafModelPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            final Map<String, String> m = PortEntries.read(in, ENTRY);
            return new DepafModelPortObjectSpec(Boolean.parseBoolean(m.get(KNOWN)) ? ModelInfo.fromMap(m) : null);
        }
    }
}
