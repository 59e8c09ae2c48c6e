package org.knime.depaf.node.reader;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.node.adapter.StackReaderOptions;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Image Stack Reader: check the options, open the file, output the reference. */
final class ImageStackReaderNodeModel {

    private ImageStackReaderNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final StackReaderOptions o = in.<ImageStackReaderNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        out.setOutSpec(0, new ImageStackPortObjectSpec(new StackReference(o.file().trim(), false,
            o.firstFrame() - 1, o.frameCount(), 0, 0, o.pixelSizeNm() > 0 ? o.pixelSizeNm() : Double.NaN,
            o.file().trim())));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final StackReaderOptions o = in.<ImageStackReaderNodeParameters> getParameters().toOptions();
        final StackReference reference = NodeFailures.execute(o::reference);
        if (Double.isNaN(reference.pixelSizeNm())) {
            out.setWarningMessage("The pixel size of " + reference.file() + " is unknown: set 'Pixel size [nm]' to "
                + "get localisations in nm");
        }
        out.setOutData(0, new ImageStackPortObject(reference));
    }
}
