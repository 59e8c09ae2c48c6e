package org.knime.core.node.port;

import java.io.OutputStream;
import java.util.zip.ZipOutputStream;

/** Compile-only placeholder of KNIME's {@code org.knime.core.node.port.PortObjectSpecZipOutputStream} (see README.md). */
public class PortObjectSpecZipOutputStream extends ZipOutputStream {

    PortObjectSpecZipOutputStream(final OutputStream outStream) {
        super(outStream);
        throw new UnsupportedOperationException();
    }
}
