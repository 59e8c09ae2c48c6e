package org.knime.depaf.node.poi;

import java.util.Map;

import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.node.adapter.PoiCodec;
import org.knime.depaf.node.adapter.PoiRecipe;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.port.PoiPortObject;
import org.knime.depaf.node.port.PoiPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the POI Reader: check the options, make the POI. */
final class PoiReaderNodeModel {

    private PoiReaderNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final PoiRecipe recipe = in.<PoiReaderNodeParameters> getParameters().toRecipe();
        NodeFailures.configure(recipe::validate);
        // a generated POI is described before the node runs (downstream nodes then know its kind and size)
        out.setOutSpec(0, new PoiPortObjectSpec(recipe.generated().map(PoiCodec::describe).orElse(Map.of())));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final PoiRecipe recipe = in.<PoiReaderNodeParameters> getParameters().toRecipe();
        final Poi poi = NodeFailures.execute(() -> recipe.create(new KnimeMonitor(in.getExecutionContext())));
        if (Double.isNaN(poi.pixelSizeNm())) {
            out.setWarningMessage("The POI's pixel size is unknown; set 'Pixel size [nm]' if the data's pixel size is "
                + "unknown too (localisations need one of them)");
        }
        out.setOutData(0, new PoiPortObject(poi));
    }
}
