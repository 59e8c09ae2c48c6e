package org.knime.core.data.filestore.internal;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.data.filestore.internal.FileStoreProxy} (see README.md):
 * here only as a supertype of other placeholders, so their supertypes match KNIME's.
 */
public final class FileStoreProxy {

    public FileStoreProxy() {
        throw new UnsupportedOperationException();
    }

    /** {@code FileStorePortObject}'s supertype. */
    public interface FlushCallback {
    }
}
