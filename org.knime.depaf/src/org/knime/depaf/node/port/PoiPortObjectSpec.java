package org.knime.depaf.node.port;

import java.io.IOException;
import java.util.Map;
import java.util.TreeMap;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.node.adapter.PoiCodec;

/**
 * Spec of the POI port: the POI's kind (2-D, z-stack with its step, 1-D), size, pixel size and source as text
 * entries ({@link PoiCodec#describe}); empty while the POI is not yet made. Immutable.
 */
public final class PoiPortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "depaf-poi-spec.properties";

    private final Map<String, String> m_description;

    /** @param description entries of {@link PoiCodec#describe}, or an empty map when not yet known */
    public PoiPortObjectSpec(final Map<String, String> description) {
        m_description = new TreeMap<>(description);
    }

    /** @return the description entries (a copy); empty when not yet known */
    public Map<String, String> getDescription() {
        return new TreeMap<>(m_description);
    }

    /** @return the POI's kind, or null when not yet known (or not readable from the description) */
    public Poi.Kind getKind() {
        if (m_description.isEmpty()) {
            return null;
        }
        try {
            return PoiCodec.kind(m_description);
        } catch (IOException e) {
            return null;
        }
    }

    /** @return a one-line summary */
    public String summary() {
        return m_description.isEmpty() ? "POI (made when the node runs)" : PoiCodec.summary(m_description);
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("POI", summary());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof PoiPortObjectSpec s && s.m_description.equals(m_description);
    }

    @Override
    public int hashCode() {
        return m_description.hashCode();
    }

    /** Saves and loads the spec as a properties entry. */
    public static final class Serializer extends PortObjectSpecSerializer<PoiPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final PoiPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            PortEntries.write(out, ENTRY, spec.m_description);
        }

        @Override
        public PoiPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            return new PoiPortObjectSpec(PortEntries.read(in, ENTRY));
        }
    }
}
