package org.knime.depaf.node.predictor;

import java.util.List;
import java.util.Map;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObject;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.predict.PredictionSummary;
import org.knime.depaf.core.predict.Predictor;
import org.knime.depaf.node.adapter.ColumnDescriptor;
import org.knime.depaf.node.adapter.LocalisationRows;
import org.knime.depaf.node.adapter.ModelInfo;
import org.knime.depaf.node.adapter.FitOptions;
import org.knime.depaf.node.adapter.PredictorOptions;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.common.NodeWarnings;
import org.knime.depaf.node.common.PortPredictionSink;
import org.knime.depaf.node.common.StackStores;
import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the DEPAF Predictor: load the model, run the engine's predictor into table and files. */
final class PredictorNodeModel {

    private PredictorNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final PredictorOptions o = in.<PredictorNodeParameters> getParameters().toOptions();
        final FitOptions fit = in.<PredictorNodeParameters> getParameters().toFitOptions();
        NodeFailures.configure(o::validate);
        NodeFailures.configure(fit::validate);
        final DepafModelPortObjectSpec model = in.getInPortSpec(0);
        final ModelInfo info = model == null ? null : model.getInfo();
        if (info != null && o.background() && !info.learnBackground()) {
            throw new InvalidSettingsException("The model was trained without 'Learn background', so it has no "
                + "background to output; switch off 'Output the background stack' or retrain with it");
        }
        final ImageStackPortObjectSpec stack = in.getInPortSpec(1);
        final double pixelSize = o.pixelSizeNm() > 0 ? o.pixelSizeNm()
            : stack == null ? Double.NaN : stack.getReference().pixelSizeNm();
        final Poi.Kind poiKind = model == null ? null : model.getPoiKind();
        out.setOutSpec(0, poiKind == null ? null
            : tableSpec(LocalisationRows.predictionColumns(poiKind == Poi.Kind.Z_STACK,
                fit.fit() && poiKind == Poi.Kind.PATTERN_2D), pixelSize));
        out.setOutSpec(1, imageSpec(o.synthesis(), "re-synthesis"));
        out.setOutSpec(2, imageSpec(o.background(), "background"));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final PredictorOptions o = in.<PredictorNodeParameters> getParameters().toOptions();
        final FitOptions fit = in.<PredictorNodeParameters> getParameters().toFitOptions();
        final DepafModelPortObject modelPort = in.getInPortObject(0);
        final ImageStackPortObject stackPort = in.getInPortObject(1);
        final PredictionOptions options = NodeFailures.execute(
            () -> o.toPredictionOptions(true, Runtime.getRuntime().availableProcessors(), fit.toRefinement()));
        final Poi.Kind poiKind = modelPort.getInfo().poiKind();
        final List<ColumnDescriptor> columns = LocalisationRows.predictionColumns(poiKind == Poi.Kind.Z_STACK,
            fit.fit() && poiKind == Poi.Kind.PATTERN_2D);
        final FileStore synthesis =
            o.synthesis() ? NodeFailures.execute(() -> StackStores.create(exec, "resynthesis.tif")) : null;
        final FileStore background =
            o.background() ? NodeFailures.execute(() -> StackStores.create(exec, "background.tif")) : null;
        final Result r = NodeFailures.execute(() -> {
            try (DepafModel model = modelPort.loadModel(); FrameSource source = stackPort.open();
                    Predictor predictor = Predictor.create(model, options)) {
                final double pixelSize = predictor.pixelSizeNm(source);
                final BufferedDataContainer table = exec.createDataContainer(tableSpec(columns, pixelSize));
                final PredictionSummary summary;
                try (PortPredictionSink sink = new PortPredictionSink(new FilePredictionSink(null,
                    synthesis == null ? null : StackStores.path(synthesis),
                    background == null ? null : StackStores.path(background), null), table, columns, null)) {
                    summary = predictor.run(source, sink, new KnimeMonitor(exec));
                } finally {
                    table.close();
                }
                return new Result(table, summary, source.height(), source.width(), source.source());
            }
        });
        out.setOutData(0, r.table.getTable());
        out.setOutData(1, synthesis == null ? InactiveBranchPortObject.INSTANCE : StackStores.port(synthesis,
            r.summary.frames(), r.height, r.width, r.summary.pixelSizeNm(), "re-synthesis of " + r.source));
        out.setOutData(2, background == null ? InactiveBranchPortObject.INSTANCE : StackStores.port(background,
            r.summary.frames(), r.height, r.width, r.summary.pixelSizeNm(), "background of " + r.source));
        final String warning = NodeWarnings.join(Nd4jRuntime.backend().warning(), r.summary.nonFiniteWarning(),
            r.summary.refinementWarning());
        if (warning != null) {
            out.setWarningMessage(warning);
        }
        if (r.summary.localisations() == 0) {
            out.setWarningMessage("No signal was detected; the model's threshold may be too high for this stack "
                + "(try the Threshold Optimizer) or the model was trained on different data");
        }
    }

    private record Result(BufferedDataContainer table, PredictionSummary summary, int height, int width,
        String source) {
    }

    private static DataTableSpec tableSpec(final List<ColumnDescriptor> columns, final double pixelSizeNm) {
        return KnimeTables.spec(columns,
            Map.of(LocalisationRows.PIXEL_SIZE_PROPERTY, LocalisationRows.pixelSizeText(pixelSizeNm)));
    }

    private static PortObjectSpec imageSpec(final boolean active, final String what) {
        return active ? new ImageStackPortObjectSpec(new StackReference(what + ".tif", true, 0, 0, 0, 0, Double.NaN,
            what)) : InactiveBranchPortObjectSpec.INSTANCE;
    }
}
