package org.knime.depaf.node.port;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

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
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.node.adapter.ModelInfo;

/**
 * The DEPAF Model port: a model file ({@link ModelFile}, {@code .depaf}) in the producing node's file store, saved
 * with the workflow, plus its description. Nodes load the network with {@link #loadModel()} and close it after use.
 */
public final class DepafModelPortObject extends FileStorePortObject {

    /** The port type. */
    public static final PortType TYPE = PortTypeRegistry.getInstance().getPortType(DepafModelPortObject.class);

    private static final String ENTRY = "depaf-model.properties";

    private final ModelInfo m_info;

    /**
     * @param info the model's description
     * @param fileStore the file store whose file holds the model file (already written)
     */
    public DepafModelPortObject(final ModelInfo info, final FileStore fileStore) {
        super(List.of(fileStore));
        m_info = Objects.requireNonNull(info, "info");
    }

    private DepafModelPortObject(final ModelInfo info) {
        super();
        m_info = info;
    }

    /** @return the model's description */
    public ModelInfo getInfo() {
        return m_info;
    }

    /** @return the model file */
    public Path modelFile() {
        return getFileStore(0).getFile().toPath();
    }

    /**
     * @return the model with its network (close it when done)
     * @throws IOException if the model file cannot be read (the message names it)
     */
    public DepafModel loadModel() throws IOException {
        return ModelFile.read(modelFile(), new SameDiffBackend());
    }

    @Override
    public String getSummary() {
        return m_info.shortSummary();
    }

    @Override
    public DepafModelPortObjectSpec getSpec() {
        return new DepafModelPortObjectSpec(m_info);
    }

    @Override
    public JComponent[] getViews() {
        return TextView.of("DEPAF model", m_info.summary());
    }

    @Override
    public boolean equals(final Object o) {
        return o instanceof DepafModelPortObject p && p.m_info.equals(m_info) && super.equals(o);
    }

    @Override
    public int hashCode() {
        return m_info.hashCode();
    }

    /** Saves the description; KNIME saves the model file with the file store. */
    public static final class Serializer extends PortObjectSerializer<DepafModelPortObject> {

        @Override
        public void savePortObject(final DepafModelPortObject portObject, final PortObjectZipOutputStream out,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            PortEntries.write(out, ENTRY, portObject.m_info.toMap());
        }

        @Override
        public DepafModelPortObject loadPortObject(final PortObjectZipInputStream in, final PortObjectSpec spec,
            final ExecutionMonitor exec) throws IOException, CanceledExecutionException {
            return new DepafModelPortObject(ModelInfo.fromMap(PortEntries.read(in, ENTRY)));
        }
    }
}
