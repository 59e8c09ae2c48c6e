package org.knime.depaf.node.background;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.predict.BackgroundEstimation;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionOptions;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.predict.PredictionSummary;
import org.knime.depaf.node.adapter.ModelInfo;
import org.knime.depaf.node.adapter.PredictorOptions;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.common.NodeWarnings;
import org.knime.depaf.node.common.StackStores;
import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Background Estimator: the engine's background run into two TIFF file stores. */
final class BackgroundEstimatorNodeModel {

    private BackgroundEstimatorNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final PredictorOptions o = in.<BackgroundEstimatorNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        final DepafModelPortObjectSpec model = in.getInPortSpec(0);
        requireBackground(model == null ? null : model.getInfo());
        out.setOutSpec(0, unknown("background"));
        out.setOutSpec(1, unknown("background-subtracted"));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final DepafModelPortObject modelPort = in.getInPortObject(0);
        final ImageStackPortObject stackPort = in.getInPortObject(1);
        try {
            requireBackground(modelPort.getInfo());
        } catch (InvalidSettingsException e) {
            throw new KNIMEException(e.getMessage(), e);
        }
        final PredictionOptions base = NodeFailures.execute(() -> in.<BackgroundEstimatorNodeParameters> getParameters()
            .toOptions().toPredictionOptions(false, Runtime.getRuntime().availableProcessors()));
        final FileStore background = NodeFailures.execute(() -> StackStores.create(exec, "background.tif"));
        final FileStore subtracted = NodeFailures.execute(() -> StackStores.create(exec, "subtracted.tif"));
        final Result r = NodeFailures.execute(() -> {
            try (DepafModel model = modelPort.loadModel(); FrameSource source = stackPort.open();
                    FilePredictionSink sink = new FilePredictionSink(null, null, StackStores.path(background),
                        StackStores.path(subtracted))) {
                final PredictionSummary s = BackgroundEstimation.estimate(model, source, 0, source.frames(), base,
                    true, sink, new KnimeMonitor(exec));
                return new Result(s.frames(), source.height(), source.width(), source.pixelSizeNm(), source.source(),
                    s.nonFiniteWarning());
            }
        });
        out.setOutData(0, StackStores.port(background, r.frames, r.height, r.width, r.pixelSizeNm,
            "background of " + r.source));
        out.setOutData(1, StackStores.port(subtracted, r.frames, r.height, r.width, r.pixelSizeNm,
            "background-subtracted " + r.source));
        final String warning = NodeWarnings.join(Nd4jRuntime.backend().warning(), r.nonFiniteWarning);
        if (warning != null) {
            out.setWarningMessage(warning);
        }
    }

    private record Result(int frames, int height, int width, double pixelSizeNm, String source,
        String nonFiniteWarning) {
    }

    private static void requireBackground(final ModelInfo info) throws InvalidSettingsException {
        if (info != null && !info.learnBackground()) {
            throw new InvalidSettingsException("The model was trained without 'Learn background' and has no "
                + "background to estimate; retrain it with 'Learn background' switched on");
        }
    }

    private static ImageStackPortObjectSpec unknown(final String what) {
        return new ImageStackPortObjectSpec(new StackReference(what + ".tif", true, 0, 0, 0, 0, Double.NaN, what));
    }
}
