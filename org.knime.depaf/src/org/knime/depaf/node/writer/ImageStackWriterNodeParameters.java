package org.knime.depaf.node.writer;

import java.nio.file.Path;
import java.util.Locale;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;
import org.knime.node.parameters.widget.choices.Label;
import org.knime.node.parameters.widget.choices.ValueSwitchWidget;

/** Settings of the Image Stack Writer; every option is also a flow variable. */
public final class ImageStackWriterNodeParameters implements NodeParameters {

    /** Sample types (the dialog's labels). */
    enum DepthChoice {
        @Label(value = "16-bit", description = "Unsigned 16-bit integers: values rounded and clipped to 0 … 65535 "
            + "(camera data).")
        UINT16(TiffBitDepth.UINT16),
        @Label(value = "32-bit float", description = "32-bit floating point: every value kept exactly (background, "
            + "rendered and processed stacks).")
        FLOAT32(TiffBitDepth.FLOAT32);

        final TiffBitDepth m_depth;

        DepthChoice(final TiffBitDepth depth) {
            m_depth = depth;
        }
    }

    /** What to do when the file exists. */
    enum OverwritePolicy {
        @Label(value = "Fail", description = "Stop with an error and leave the existing file alone.")
        FAIL,
        @Label(value = "Overwrite", description = "Replace the existing file (only once the new file is complete).")
        OVERWRITE
    }

    @Widget(title = "Output file", description = "Path of the TIFF file to write (.tif or .tiff). Its folder must "
        + "exist. The file is written completely under a temporary name first, so an interrupted run never leaves "
        + "a partial file.")
    String m_file = "";

    @Widget(title = "Sample type", description = "How each pixel is stored.")
    @ValueSwitchWidget
    DepthChoice m_depth = DepthChoice.FLOAT32;

    @Widget(title = "If the file exists", description = "Whether an existing file may be replaced.")
    @ValueSwitchWidget
    OverwritePolicy m_ifExists = OverwritePolicy.FAIL;

    /** @return the output path */
    Path path() {
        return Path.of(m_file.trim());
    }

    /** @throws InvalidSettingsException when no file is chosen yet (checked at configure, not in the settings) */
    void requireFile() throws InvalidSettingsException {
        if (m_file == null || m_file.isBlank()) {
            throw new InvalidSettingsException("Output file: enter the path of the TIFF file to write, e.g. "
                + "/data/background.tif");
        }
    }

    /** A file not chosen yet (a node just added, a workflow template) is reported by configure. */
    @Override
    public void validate() throws InvalidSettingsException {
        if (m_file == null || m_file.isBlank()) {
            return;
        }
        final String name = m_file.trim().toLowerCase(Locale.ROOT);
        if (!name.endsWith(".tif") && !name.endsWith(".tiff")) {
            throw new InvalidSettingsException("Output file: " + m_file + " must end in .tif or .tiff");
        }
    }
}
