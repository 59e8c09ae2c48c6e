package org.knime.core.data.filestore;

import java.io.IOException;
import java.util.List;
import org.knime.core.data.filestore.internal.FileStoreProxy.FlushCallback;
import org.knime.core.node.port.PortObject;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.filestore.FileStorePortObject} (see README.md). */
public abstract class FileStorePortObject implements PortObject, FlushCallback {

    protected FileStorePortObject(final List<FileStore> fileStores) {
        throw new UnsupportedOperationException();
    }

    protected FileStorePortObject() {
        throw new UnsupportedOperationException();
    }

    protected void postConstruct() throws IOException {
        throw new UnsupportedOperationException();
    }

    protected void flushToFileStore() throws IOException {
        throw new UnsupportedOperationException();
    }

    protected int getFileStoreCount() {
        throw new UnsupportedOperationException();
    }

    protected FileStore getFileStore(final int index) {
        throw new UnsupportedOperationException();
    }
}
