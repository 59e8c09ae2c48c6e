package org.knime.depaf.node.port;

import java.io.IOException;
import java.util.Objects;

import javax.swing.JComponent;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.node.adapter.PoiCodec;

/** The POI port: the pattern of interest itself (small: kept whole and saved with the workflow). Immutable. */
public final class PoiPortObject implements PortObject {

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(PoiPortObject.class);

    private static final String ENTRY = "depaf-poi.bin";

    private final Poi m_poi;

    /** @param poi the POI */
    public PoiPortObject(final Poi poi) {
        m_poi = Objects.requireNonNull(poi, "poi");
    }

    /** @return the POI */
    public Poi getPoi() {
        return m_poi;
    }

    @Override
    public String getSummary() {
        return PoiCodec.summary(PoiCodec.describe(m_poi));
    }

    @Override
    public PoiPortObjectSpec getSpec() {
        return new PoiPortObjectSpec(PoiCodec.describe(m_poi));
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("POI", getSummary() + "\n" + m_poi);
    }

    /** Saves and loads the POI's values and metadata exactly. */
    public static final class Serializer extends PortObjectSerializer<PoiPortObject> {

        @Override
        public void savePortObject(final PoiPortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            PoiCodec.write(portObject.m_poi, PortEntries.begin(out, ENTRY));
            out.closeEntry();
        }

        @Override
        public PoiPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            return new PoiPortObject(PoiCodec.read(PortEntries.next(in, ENTRY)));
        }
    }
}
