package org.knime.depaf.node.reader;

import org.knime.core.node.InvalidSettingsException;
import org.knime.depaf.node.adapter.StackReaderOptions;
import org.knime.node.parameters.NodeParameters;
import org.knime.node.parameters.Widget;

/** Settings of the Image Stack Reader; every option is also a flow variable. */
public final class ImageStackReaderNodeParameters implements NodeParameters {

    private static final StackReaderOptions DEFAULTS = StackReaderOptions.defaults();

    @Widget(title = "Stack file", description = "Path of the image stack: a multi-page TIFF (.tif, .tiff; 8-, 16- "
        + "or 32-bit grey, also BigTIFF) or a MATLAB file (.mat, one numeric variable of height × width × frames). "
        + "The file is referenced, not copied into the workflow: keep it where it is.")
    String m_file = DEFAULTS.file();

    @Widget(title = "First frame", description = "First frame to use, counted from 1.")
    int m_firstFrame = DEFAULTS.firstFrame();

    @Widget(title = "Number of frames", description = "How many frames to use from the first frame on; 0 uses all "
        + "frames to the end of the stack.")
    int m_frameCount = DEFAULTS.frameCount();

    @Widget(title = "Pixel size [nm]", description = "Camera pixel size in nanometres (as projected onto the "
        + "sample). 0 takes it from the file's metadata (TIFF resolution with an ImageJ unit); MAT files carry none, "
        + "so set it here when localisations in nm are wanted.")
    double m_pixelSizeNm = DEFAULTS.pixelSizeNm();

    /** @return the options as the adapter's value object */
    StackReaderOptions toOptions() {
        return new StackReaderOptions(m_file, m_firstFrame, m_frameCount, m_pixelSizeNm);
    }

    @Override
    public void validate() throws InvalidSettingsException {
        try {
            toOptions().validateSettings();
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(e.getMessage(), e);
        }
    }
}
