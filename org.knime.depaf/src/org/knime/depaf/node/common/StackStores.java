package org.knime.depaf.node.common;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.ExecutionContext;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.port.ImageStackPortObject;

/** Computed stacks: a TIFF file in a new file store of the node, and the Image Stack port that refers to it. */
public final class StackStores {

    private StackStores() {
    }

    /**
     * @param exec the node's execution context
     * @param name the file's name, e.g. "background.tif"
     * @return a new file store whose folder exists
     * @throws IOException if the file store cannot be created
     */
    public static FileStore create(final ExecutionContext exec, final String name) throws IOException {
        final FileStore store = exec.createFileStore(name);
        final Path parent = store.getFile().toPath().toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        return store;
    }

    /** @return the path of the file store's file */
    public static Path path(final FileStore store) {
        return store.getFile().toPath();
    }

    /**
     * @param store the file store holding a finished TIFF stack
     * @param frames its frames
     * @param height frame height
     * @param width frame width
     * @param pixelSizeNm its pixel size (NaN unknown)
     * @param description what it is
     * @return the port object referring to it
     */
    public static ImageStackPortObject port(final FileStore store, final int frames, final int height,
        final int width, final double pixelSizeNm, final String description) {
        return new ImageStackPortObject(new StackReference(store.getFile().getName(), true, 0, frames, height, width,
            Double.isNaN(pixelSizeNm) || pixelSizeNm > 0 ? pixelSizeNm : Double.NaN, description), store);
    }
}
