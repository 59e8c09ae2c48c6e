package org.knime.core.node.port;

import java.io.InputStream;
import java.util.zip.ZipInputStream;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.PortObjectSpecZipInputStream} (see README.md). */
public class PortObjectSpecZipInputStream extends ZipInputStream {

    PortObjectSpecZipInputStream(final InputStream inStream) {
        super(inStream);
        throw new UnsupportedOperationException();
    }
}
