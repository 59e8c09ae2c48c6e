package org.knime.core.node.port;

import java.io.IOException;
import javax.swing.JComponent;
import org.knime.core.internal.SerializerMethodLoader.Serializer;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.PortObjectSpec} (see README.md). */
public interface PortObjectSpec {

    abstract static class PortObjectSpecSerializer<T extends PortObjectSpec> implements Serializer<T> {

        public abstract void savePortObjectSpec(final T portObjectSpec, final PortObjectSpecZipOutputStream out)
            throws IOException;

        public abstract T loadPortObjectSpec(final PortObjectSpecZipInputStream in) throws IOException;
    }

    public JComponent[] getViews();
}
