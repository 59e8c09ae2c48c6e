package org.knime.depaf.node.port;

import java.io.IOException;
import java.util.Objects;

import javax.swing.JComponent;

import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectSpecZipInputStream;
import org.knime.core.node.port.PortObjectSpecZipOutputStream;
import org.knime.depaf.node.adapter.StackReference;

/** Spec of the Image Stack port: the stack reference (file, frame range, pixel size; size once known). Immutable. */
public final class ImageStackPortObjectSpec implements PortObjectSpec {

    private static final String ENTRY = "depaf-image-stack-spec.properties";

    private final StackReference m_reference;

    /** @param reference what the port refers to */
    public ImageStackPortObjectSpec(final StackReference reference) {
        m_reference = Objects.requireNonNull(reference, "reference");
    }

    /** @return the stack reference */
    public StackReference getReference() {
        return m_reference;
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("Image stack", m_reference.summary());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ImageStackPortObjectSpec s && s.m_reference.equals(m_reference);
    }

    @Override
    public int hashCode() {
        return m_reference.hashCode();
    }

    /** Saves and loads the spec as a properties entry. */
    public static final class Serializer extends PortObjectSpecSerializer<ImageStackPortObjectSpec> {

        @Override
        public void savePortObjectSpec(final ImageStackPortObjectSpec spec, final PortObjectSpecZipOutputStream out)
            throws IOException {
            PortEntries.write(out, ENTRY, spec.m_reference.toMap());
        }

        @Override
        public ImageStackPortObjectSpec loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException {
            return new ImageStackPortObjectSpec(StackReference.fromMap(PortEntries.read(in, ENTRY)));
        }
    }
}
