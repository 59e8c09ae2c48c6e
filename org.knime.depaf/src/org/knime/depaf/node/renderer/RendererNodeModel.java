package org.knime.depaf.node.renderer;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.data.image.png.PNGImageContent;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.port.image.ImagePortObjectSpec;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.node.adapter.LocalisationRows;
import org.knime.depaf.node.adapter.RenderOptions;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.common.StackStores;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Localization Renderer: table → engine table → rendering → PNG and 32-bit stack. */
final class RendererNodeModel {

    private RendererNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final RenderOptions o = in.<RendererNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        final DataTableSpec spec = in.getInPortSpec(0);
        if (spec != null) {
            NodeFailures.configure(() -> LocalisationRows.requireColumns(KnimeTables.names(spec), "The input table"));
        }
        out.setOutSpec(0, new ImagePortObjectSpec(PNGImageContent.TYPE));
        out.setOutSpec(1, new ImageStackPortObjectSpec(new StackReference("rendering.tif", true, 0, 1, 0, 0,
            o.renderPixelNm(), "rendering")));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final RenderOptions o = in.<RendererNodeParameters> getParameters().toOptions();
        final BufferedDataTable table = in.getInTable(0);
        exec.setProgress(0.1, "reading localisations");
        final LocalisationTable localisations = NodeFailures.execute(() -> KnimeTables.localisations(table));
        exec.checkCanceled();
        exec.setProgress(0.4, "rendering " + localisations.size() + " localisations");
        final ImageStack image = NodeFailures.execute(() -> o.render(localisations));
        exec.checkCanceled();
        final FileStore store = NodeFailures.execute(() -> {
            final FileStore s = StackStores.create(exec, "rendering.tif");
            StackFiles.write(StackStores.path(s), image, TiffBitDepth.FLOAT32);
            return s;
        });
        final byte[] png = NodeFailures.execute(() -> o.png(image));
        if (localisations.isEmpty()) {
            out.setWarningMessage("The table has no localisations; the image is empty");
        }
        out.setOutData(0, new ImagePortObject(new PNGImageContent(png), new ImagePortObjectSpec(PNGImageContent.TYPE)));
        out.setOutData(1, StackStores.port(store, 1, image.height(), image.width(), image.pixelSizeNm(),
            "rendering of " + localisations.size() + " localisations"));
    }
}
