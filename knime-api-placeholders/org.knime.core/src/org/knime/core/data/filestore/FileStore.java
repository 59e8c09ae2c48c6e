package org.knime.core.data.filestore;

import java.io.File;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.filestore.FileStore} (see README.md). */
public final class FileStore {

    private FileStore() {
        throw new UnsupportedOperationException();
    }

    public File getFile() {
        throw new UnsupportedOperationException();
    }
}
