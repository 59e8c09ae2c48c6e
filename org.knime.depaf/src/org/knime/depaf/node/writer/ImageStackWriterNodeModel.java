package org.knime.depaf.node.writer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffStackWriter;
import org.knime.depaf.core.util.Monitor;
import org.knime.depaf.core.util.OutputPolicy;
import org.knime.depaf.node.adapter.ProgressMessages;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Image Stack Writer: copy the frames batch by batch into a TIFF, atomically. */
final class ImageStackWriterNodeModel {

    /** Frames copied per batch: bounded memory for any stack length. */
    private static final int BATCH = 64;

    private ImageStackWriterNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final ImageStackWriterNodeParameters p = in.getParameters();
        p.requireFile();
        p.validate();
        final Path path = p.path();
        final Path folder = path.toAbsolutePath().getParent();
        if (folder == null || !Files.isDirectory(folder)) {
            throw new InvalidSettingsException("Output file: the folder " + folder + " does not exist; create it or "
                + "choose another path");
        }
        final ImageStackPortObjectSpec stack = in.getInPortSpec(0);
        NodeFailures.configure(() -> checkOutput(path, stack == null || stack.getReference().inFileStore() ? null
            : Path.of(stack.getReference().file())));
        if (Files.exists(path) && p.m_ifExists == ImageStackWriterNodeParameters.OverwritePolicy.FAIL) {
            out.setWarningMessage(path + " exists and will not be replaced (set 'If the file exists' to Overwrite)");
        }
    }

    /** The project's one rule for outputs: never the input's file, never a device or folder. */
    private static void checkOutput(final Path output, final Path input) {
        OutputPolicy.check(input == null ? List.of() : List.of(new OutputPolicy.Input(input, "input stack")),
            List.of(new OutputPolicy.Output(output, "Output file", OutputPolicy.Content.TIFF)));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ImageStackWriterNodeParameters p = in.getParameters();
        final ImageStackPortObject stack = in.getInPortObject(0);
        final Path path = p.path();
        NodeFailures.execute(() -> {
            checkOutput(path, stack.location());
            return null;
        });
        if (Files.exists(path) && p.m_ifExists == ImageStackWriterNodeParameters.OverwritePolicy.FAIL) {
            throw new KNIMEException(path + " exists; set 'If the file exists' to Overwrite or choose another file");
        }
        final Monitor monitor = new KnimeMonitor(in.getExecutionContext());
        NodeFailures.execute(() -> {
            write(stack, path, p, monitor);
            return null;
        });
    }

    private static void write(final ImageStackPortObject stack, final Path path,
        final ImageStackWriterNodeParameters p, final Monitor monitor) throws IOException {
        try (FrameSource source = stack.open();
                TiffStackWriter writer = StackFiles.openTiffWriter(path, source.height(), source.width(),
                    source.pixelSizeNm(), p.m_depth.m_depth)) {
            for (int first = 0; first < source.frames(); first += BATCH) {
                monitor.checkCancelled();
                final int count = Math.min(BATCH, source.frames() - first);
                writer.append(source.read(first, count));
                monitor.progress((double)(first + count) / source.frames(),
                    ProgressMessages.frames(first + count, source.frames()));
            }
            writer.commit();
        }
    }
}
