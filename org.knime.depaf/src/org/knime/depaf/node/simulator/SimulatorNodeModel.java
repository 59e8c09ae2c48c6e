package org.knime.depaf.node.simulator;

import java.util.List;
import java.util.Map;

import org.knime.core.data.DataTableSpec;
import org.knime.core.data.filestore.FileStore;
import org.knime.core.node.BufferedDataContainer;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SimulationResult;
import org.knime.depaf.core.sim.SmlmSimulator;
import org.knime.depaf.node.adapter.ColumnDescriptor;
import org.knime.depaf.node.adapter.LocalisationRows;
import org.knime.depaf.node.adapter.SimulatorOptions;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.common.KnimeMonitor;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.common.NodeFailures;
import org.knime.depaf.node.common.StackStores;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.node.DefaultModel.ConfigureInput;
import org.knime.node.DefaultModel.ConfigureOutput;
import org.knime.node.DefaultModel.ExecuteInput;
import org.knime.node.DefaultModel.ExecuteOutput;

/** Configure and execute of the SMLM Simulator: options → simulation → a TIFF in a file store and a table. */
final class SimulatorNodeModel {

    private static final String FILE = "simulated.tif";

    private SimulatorNodeModel() {
    }

    static void configure(final ConfigureInput in, final ConfigureOutput out) throws InvalidSettingsException {
        final SimulatorOptions o = in.<SimulatorNodeParameters> getParameters().toOptions();
        NodeFailures.configure(o::validate);
        final SimulationConfig c = o.toConfig();
        out.setOutSpec(0, new ImageStackPortObjectSpec(new StackReference(FILE, true, 0, c.frames(), c.heightPx(),
            c.widthPx(), c.pixelSizeNm(), description(c))));
        out.setOutSpec(1, tableSpec(o.groundTruthColumns(), c));
    }

    static void execute(final ExecuteInput in, final ExecuteOutput out)
        throws CanceledExecutionException, KNIMEException {
        final ExecutionContext exec = in.getExecutionContext();
        final SimulatorOptions o = in.<SimulatorNodeParameters> getParameters().toOptions();
        final SimulationConfig c = NodeFailures.execute(o::toConfig);
        final SimulationResult r = NodeFailures.execute(() -> SmlmSimulator.fromConfig(c).simulate(c.frames(),
            c.seed(), new KnimeMonitor(exec).subTask(0, 0.8)));
        exec.setProgress(0.8, "writing the stack");
        final FileStore store = NodeFailures.execute(() -> {
            final FileStore s = StackStores.create(exec, FILE);
            StackFiles.write(StackStores.path(s), r.stack(), c.tiffBitDepth());
            return s;
        });
        exec.setProgress(0.95, "writing the ground truth");
        final List<ColumnDescriptor> columns = o.groundTruthColumns();
        final LocalisationTable gt = r.groundTruth();
        final BufferedDataContainer table = exec.createDataContainer(tableSpec(columns, c));
        try {
            for (int i = 0; i < gt.size(); i++) {
                table.addRowToTable(KnimeTables.row(i, columns, LocalisationRows.row(gt, columns, i)));
            }
        } finally {
            table.close();
        }
        out.setOutData(0, StackStores.port(store, c.frames(), c.heightPx(), c.widthPx(), c.pixelSizeNm(),
            description(c)));
        out.setOutData(1, table.getTable());
    }

    private static String description(final SimulationConfig c) {
        return "simulated " + c.frames() + " frames of " + c.widthPx() + " × " + c.heightPx() + " px (seed "
            + c.seed() + ")";
    }

    private static DataTableSpec tableSpec(final List<ColumnDescriptor> columns, final SimulationConfig c) {
        return KnimeTables.spec(columns,
            Map.of(LocalisationRows.PIXEL_SIZE_PROPERTY, LocalisationRows.pixelSizeText(c.pixelSizeNm())));
    }
}
