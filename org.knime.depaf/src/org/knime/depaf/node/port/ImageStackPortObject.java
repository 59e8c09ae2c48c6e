package org.knime.depaf.node.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import javax.swing.JComponent;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.filestore.FileStorePortObject;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.PortObjectZipInputStream;
import org.knime.core.node.port.PortObjectZipOutputStream;
import org.knime.core.node.port.PortType;
import org.knime.core.node.port.PortTypeRegistry;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.node.adapter.StackReference;

/**
 * The Image Stack port: frames of a TIFF or MAT stack file, with their pixel size, never the pixels themselves. A
 * stack read from disk is referenced by its path (the workflow stays small, the file must stay where it is); a
 * stack computed by a node (background, re-synthesis, rendering) is a TIFF in the node's file store, saved with the
 * workflow. Nodes read it frame range by frame range through {@link #open()}.
 */
public final class ImageStackPortObject extends FileStorePortObject {

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(ImageStackPortObject.class);

    private static final String ENTRY = "depaf-image-stack.properties";

    private final StackReference m_reference;

    /** @param reference a stack in a user's file ({@link StackReference#inFileStore()} false) */
    public ImageStackPortObject(final StackReference reference) {
        super(List.of());
        if (reference.inFileStore()) {
            throw new IllegalArgumentException("A stack in a file store needs its file store");
        }
        m_reference = reference;
    }

    /**
     * @param reference a computed stack ({@link StackReference#inFileStore()} true)
     * @param fileStore the file store whose file holds the stack
     */
    public ImageStackPortObject(final StackReference reference, final FileStore fileStore) {
        super(List.of(fileStore));
        if (!reference.inFileStore()) {
            throw new IllegalArgumentException("A stack in a user's file has no file store");
        }
        m_reference = reference;
    }

    /** Deserialisation. */
    private ImageStackPortObject(final StackReference reference, final boolean deserialised) {
        super();
        m_reference = reference;
    }

    /** @return the reference */
    public StackReference getReference() {
        return m_reference;
    }

    /** @return where the stack file is now */
    public Path location() {
        return m_reference.inFileStore() ? getFileStore(0).getFile().toPath() : Path.of(m_reference.file());
    }

    /**
     * @return the referenced frames with their pixel size; close the source when done
     * @throws IOException if the file is gone or changed (the message names it)
     */
    public FrameSource open() throws IOException {
        return m_reference.open(location());
    }

    @Override
    public String getSummary() {
        return "Image stack: " + m_reference.summary();
    }

    @Override
    public ImageStackPortObjectSpec getSpec() {
        return new ImageStackPortObjectSpec(m_reference);
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("Image stack", m_reference.summary() + "\nFile: " + location());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof ImageStackPortObject p && p.m_reference.equals(m_reference) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return m_reference.hashCode();
    }

    /** Saves the reference; a computed stack's file is saved by KNIME with the file store. */
    public static final class Serializer extends PortObjectSerializer<ImageStackPortObject> {

        @Override
        public void savePortObject(final ImageStackPortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            PortEntries.write(out, ENTRY, portObject.m_reference.toMap());
        }

        @Override
        public ImageStackPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            return new ImageStackPortObject(StackReference.fromMap(PortEntries.read(in, ENTRY)), true);
        }
    }
}
