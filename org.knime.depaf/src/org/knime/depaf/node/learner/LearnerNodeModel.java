package org.knime.depaf.node.learner;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.core.net.Nd4jRuntime;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.train.Trainer;
import org.knime.depaf.core.train.TrainingParameters;
import org.knime.depaf.core.train.TrainingProgress;
import org.knime.depaf.core.train.TrainingResult;
import org.knime.depaf.core.util.Monitor;
import org.knime.depaf.node.adapter.LearnerOptions;
import org.knime.depaf.node.adapter.ModelInfo;
import org.knime.depaf.node.adapter.ProgressMessages;
import org.knime.depaf.node.adapter.TrainingHistoryRows;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.PoiPortObject;
import org.knime.depaf.node.port.PoiPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the DEPAF Learner: options → training parameters, train, save the model file. */
final class LearnerNodeModel {

    private LearnerNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final LearnerOptions o = in.<LearnerNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        final PoiPortObjectSpec poi = in.getInPortSpec(1);
        out.setOutSpec(0, DepafModelPortObjectSpec.untrained(poi == null ? null : poi.getKind()));
        out.setOutSpec(1, KnimeTables.spec(TrainingHistoryRows.COLUMNS, Map.of()));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final ImageStackPortObject stack = in.getInPortObject(0);
        final PoiPortObject poi = in.getInPortObject(1);
        final TrainingParameters params =
            NodeFailures.execute(() -> in.<LearnerNodeParameters> getParameters().toOptions().toTrainingParameters());
        final TrainingMonitor monitor = new TrainingMonitor(new KnimeMonitor(exec));
        final FileStore store = NodeFailures.execute(() -> exec.createFileStore("model.depaf"));
        final Trained trained = NodeFailures.execute(() -> train(stack, poi, params, monitor, store));

        final BufferedDataContainer history =
            exec.createDataContainer(KnimeTables.spec(TrainingHistoryRows.COLUMNS, Map.of()));
        long row = 0;
        for (final TrainingProgress p : trained.result.history()) {
            history.addRowToTable(KnimeTables.row(row++, TrainingHistoryRows.COLUMNS, TrainingHistoryRows.row(p)));
        }
        history.close();
        final List<String> warnings = new ArrayList<>(trained.result.thresholdSearch().warnings());
        if (Nd4jRuntime.backend().warning() != null) {
            warnings.add(Nd4jRuntime.backend().warning());
        }
        if (!warnings.isEmpty()) {
            out.setWarningMessage(String.join("\n", warnings));
        }
        out.setOutData(0, new DepafModelPortObject(trained.info, store));
        out.setOutData(1, history.getTable());
    }

    private record Trained(TrainingResult result, ModelInfo info) {
    }

    private static Trained train(final ImageStackPortObject stack, final PoiPortObject poi,
        final TrainingParameters params, final TrainingMonitor monitor, final FileStore store) throws IOException {
        try (FrameSource source = stack.open()) {
            final TrainingResult result =
                new Trainer(new SameDiffBackend(), params, monitor::onIteration).train(source, poi.getPoi(), monitor);
            try (DepafModel model = result.model()) {
                final Path file = store.getFile().toPath();
                Files.createDirectories(file.toAbsolutePath().getParent());
                ModelFile.write(file, model);
                return new Trained(result, ModelInfo.of(model));
            }
        }
    }

    /**
     * Shows the latest iteration as "epoch 3, iteration 150, loss 0.53" (the trainer's listener is called just before
     * its progress report of the same iteration); other phases keep the engine's messages.
     */
    private static final class TrainingMonitor implements Monitor {

        private final Monitor m_target;

        private volatile TrainingProgress m_pending;

        TrainingMonitor(final Monitor target) {
            m_target = target;
        }

        void onIteration(final TrainingProgress p) {
            m_pending = p;
        }

        @Override
        public void progress(final double fraction, final String message) {
            final TrainingProgress p = m_pending;
            m_pending = null;
            m_target.progress(fraction, p == null ? message : ProgressMessages.training(p));
        }

        @Override
        public boolean isCancelled() {
            return m_target.isCancelled();
        }
    }
}
