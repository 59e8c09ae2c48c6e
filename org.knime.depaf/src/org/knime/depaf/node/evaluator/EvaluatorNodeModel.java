package org.knime.depaf.node.evaluator;

import java.util.List;
import java.util.Map;

import org.knime.core.data.DataTableSpec;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.node.adapter.EvaluatorOptions;
import org.knime.depaf.node.adapter.LocalisationRows;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the Localisation Evaluator: two tables → engine tables → metrics rows. */
final class EvaluatorNodeModel {

    private EvaluatorNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final EvaluatorOptions o = in.<EvaluatorNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        requireLocalisations(in.getInPortSpec(0), "The localisation table (first input)");
        requireLocalisations(in.getInPortSpec(1), "The ground-truth table (second input)");
        out.setOutSpec(0, KnimeTables.spec(EvaluatorOptions.COLUMNS, Map.of()));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final EvaluatorOptions o = in.<EvaluatorNodeParameters> getParameters().toOptions();
        exec.setProgress(0, "reading the tables");
        final LocalisationTable localisations = NodeFailures.execute(() -> KnimeTables.localisations(in.getInTable(0)));
        final LocalisationTable groundTruth = NodeFailures.execute(() -> KnimeTables.localisations(in.getInTable(1)));
        exec.checkCanceled();
        exec.setProgress(0.3, "matching " + localisations.size() + " localisations with " + groundTruth.size()
            + " true emitters");
        final List<Object[]> rows = NodeFailures.execute(() -> o.evaluate(localisations, groundTruth,
            new KnimeMonitor(exec).subTask(0.3, 0.9)));
        final BufferedDataContainer table = exec.createDataContainer(KnimeTables.spec(EvaluatorOptions.COLUMNS,
            Map.of()));
        try {
            for (int i = 0; i < rows.size(); i++) {
                table.addRowToTable(KnimeTables.row(i, EvaluatorOptions.COLUMNS, rows.get(i)));
            }
        } finally {
            table.close();
        }
        if (groundTruth.isEmpty()) {
            out.setWarningMessage("The ground-truth table is empty: recall and Jaccard index are undefined");
        }
        out.setOutData(0, table.getTable());
    }

    private static void requireLocalisations(final DataTableSpec spec, final String what)
        throws InvalidSettingsException {
        if (spec != null) {
            NodeFailures.configure(() -> LocalisationRows.requireColumns(KnimeTables.names(spec), what));
        }
    }
}
