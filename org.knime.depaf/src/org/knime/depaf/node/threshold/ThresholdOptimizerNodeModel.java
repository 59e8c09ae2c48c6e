package org.knime.depaf.node.threshold;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.model.DepafModel;
import org.knime.depaf.core.model.ModelFile;
import org.knime.depaf.node.adapter.ModelInfo;
import org.knime.depaf.node.adapter.ThresholdCurveRows;
import org.knime.depaf.core.train.ThresholdOptimizer;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.common.StackStores;
import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Threshold Optimizer: search the threshold, write the model with it. */
final class ThresholdOptimizerNodeModel {

    private ThresholdOptimizerNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        in.<ThresholdOptimizerNodeParameters> getParameters().validate();
        final DepafModelPortObjectSpec model = in.getInPortSpec(0);
        // the threshold is known once the search ran; the POI (and with it the columns downstream) already now
        out.setOutSpec(0, DepafModelPortObjectSpec.untrained(model == null ? null : model.getPoiKind()));
        out.setOutSpec(1, KnimeTables.spec(ThresholdCurveRows.COLUMNS, Map.of()));
    }

    /** The dialog's 0 means "automatic", which the engine spells NaN. */
    private static double automaticIfZero(final double v) {
        return v == 0 ? Double.NaN : v;
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final ThresholdOptimizerNodeParameters p = in.getParameters();
        final DepafModelPortObject modelPort = in.getInPortObject(0);
        final ImageStackPortObject stackPort = in.getInPortObject(1);
        final FileStore store = NodeFailures.execute(() -> StackStores.create(exec, "model.depaf"));
        final Outcome outcome = NodeFailures.execute(() -> {
            try (DepafModel model = modelPort.loadModel(); FrameSource source = stackPort.open()) {
                final ThresholdSearchResult r =
                    ThresholdOptimizer.refit(model, source, p.m_patches, p.m_seed, automaticIfZero(p.m_rangeMin),
                        automaticIfZero(p.m_rangeMax), new KnimeMonitor(exec));
                // withThreshold shares the network: closing the original model closes it once
                final DepafModel tuned = model.withThreshold(r.threshold());
                final Path file = StackStores.path(store);
                ModelFile.write(file, tuned);
                return new Outcome(r, ModelInfo.of(tuned), model.threshold());
            }
        });
        final BufferedDataContainer table = exec.createDataContainer(KnimeTables.spec(ThresholdCurveRows.COLUMNS,
            Map.of()));
        long row = 0;
        for (final Object[] values : ThresholdCurveRows.rows(outcome.result)) {
            table.addRowToTable(KnimeTables.row(row++, ThresholdCurveRows.COLUMNS, values));
        }
        table.close();
        final List<String> warnings = new ArrayList<>(outcome.result.warnings());
        if (outcome.result.atRangeEdge() && warnings.stream().noneMatch(w -> w.contains("edge"))) {
            warnings.add(String.format(Locale.ROOT, "The threshold %.4g lies at the edge of the search range "
                + "[%.4g, %.4g]; check the objective table", outcome.result.threshold(), outcome.result.rangeLow(),
                outcome.result.rangeHigh()));
        }
        if (!warnings.isEmpty()) {
            out.setWarningMessage(String.join("\n", warnings));
        }
        exec.setMessage(String.format(Locale.ROOT, "threshold %.4g (was %.4g)", outcome.result.threshold(),
            outcome.previous));
        out.setOutData(0, new DepafModelPortObject(outcome.info, store));
        out.setOutData(1, table.getTable());
    }

    private record Outcome(ThresholdSearchResult result, ModelInfo info, double previous) {
    }
}
