package org.knime.depaf.realknime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.knime.core.data.DataTableSpec;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.Node;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.port.flowvariable.FlowVariablePortObjectSpec;
import org.knime.core.node.port.image.ImagePortObjectSpec;
import org.knime.core.node.port.inactive.InactiveBranchPortObjectSpec;
import org.knime.core.node.workflow.FlowObjectStack;
import org.knime.core.node.workflow.NodeID;
import org.knime.depaf.core.poi.AstigmaticPoi;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.node.adapter.ColumnDescriptor;
import org.knime.depaf.node.adapter.EvaluatorOptions;
import org.knime.depaf.node.adapter.LocalisationRows;
import org.knime.depaf.node.adapter.ModelInfo;
import org.knime.depaf.node.adapter.PoiCodec;
import org.knime.depaf.node.adapter.StackReference;
import org.knime.depaf.node.adapter.TrainingHistoryRows;
import org.knime.depaf.node.background.BackgroundEstimatorNodeFactory;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.evaluator.EvaluatorNodeFactory;
import org.knime.depaf.node.learner.LearnerNodeFactory;
import org.knime.depaf.node.poi.PoiReaderNodeFactory;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.depaf.node.port.PoiPortObjectSpec;
import org.knime.depaf.node.predictor.PredictorNodeFactory;
import org.knime.depaf.node.reader.ImageStackReaderNodeFactory;
import org.knime.depaf.node.renderer.RendererNodeFactory;
import org.knime.depaf.node.simulator.SimulatorNodeFactory;
import org.knime.depaf.node.threshold.ThresholdOptimizerNodeFactory;
import org.knime.depaf.node.writer.ImageStackWriterNodeFactory;

/**
 * Each node's configure, called by KNIME's {@link Node} with the specs a workflow hands it: an image stack of known
 * size, a 2-D or a z-stack POI, a trained 2-D or 3-D model, localisation tables. The output specs must announce
 * what execution will produce (z columns for 3-D, inactive optional ports), and a spec a node cannot work with
 * must stop it with a message that says what is wrong.
 */
@Order(2)
class NodeConfigureTest {

    private static final ImageStackPortObjectSpec STACK = new ImageStackPortObjectSpec(
        new StackReference("data.tif", false, 0, 200, 64, 64, 100, "data.tif"));

    private static final PoiPortObjectSpec POI_2D =
        new PoiPortObjectSpec(PoiCodec.describe(GaussianPoi.ofSigma(1.3, 0, GaussianPoi.Sampling.PIXEL_INTEGRATED)));

    private static final PoiPortObjectSpec POI_3D =
        new PoiPortObjectSpec(PoiCodec.describe(new AstigmaticPoi(1.1, 300, 400).zStack(11, 100, 15, 100)));

    private static final DepafModelPortObjectSpec MODEL_2D =
        new DepafModelPortObjectSpec(model(Poi.Kind.PATTERN_2D, true));

    private static final DepafModelPortObjectSpec MODEL_3D =
        new DepafModelPortObjectSpec(model(Poi.Kind.Z_STACK, false));

    private static final DataTableSpec LOCALISATIONS = table(LocalisationRows.predictionColumns(false));

    @TempDir
    Path dir;

    @Test
    void imageStackReaderAnnouncesTheFileItRefersTo() throws Exception {
        final Path file = Files.createFile(dir.resolve("stack.tif"));
        final Configured c = configure(ImageStackReaderNodeFactory.class, s -> {
            s.addString("file", file.toString());
            s.addDouble("pixelSizeNm", 160);
        });
        final StackReference ref = ((ImageStackPortObjectSpec)c.out(1)).getReference();
        assertEquals(file.toString(), ref.file());
        assertEquals(160, ref.pixelSizeNm());
        c.passed();
        // a file of another kind is refused at once, naming the option
        configureFails(ImageStackReaderNodeFactory.class, s -> s.addString("file", "notes.txt"), "Stack file");
    }

    @Test
    void simulatorAnnouncesItsStackAndTheGroundTruthColumns() throws Exception {
        final Configured c = configure(SimulatorNodeFactory.class, s -> {
            s.addString("preset", "ASTIGMATIC_3D");
            s.addInt("frames", 50);
            s.addInt("widthPx", 40);
        });
        final StackReference ref = ((ImageStackPortObjectSpec)c.out(1)).getReference();
        assertEquals(50, ref.frames());
        assertEquals(40, ref.width());
        assertEquals(64, ref.height());
        assertTrue(KnimeTables.names((DataTableSpec)c.out(2)).contains("z [nm]"), c.out(2).toString());
        c.passed();
        configureFails(SimulatorNodeFactory.class, s -> s.addInt("frames", -3), "Number of frames");
    }

    @Test
    void poiReaderDescribesAGeneratedPoiBeforeItRuns() throws Exception {
        final Configured c = configure(PoiReaderNodeFactory.class, s -> s.addDouble("sigmaPx", 1.5));
        assertEquals(Poi.Kind.PATTERN_2D, ((PoiPortObjectSpec)c.out(1)).getKind());
        c.passed();
        // a POI file's content is known only when it is read
        final Path psf = Files.createFile(dir.resolve("psf.tif"));
        final Configured file = configure(PoiReaderNodeFactory.class, s -> {
            s.addString("source", "FILE");
            s.addString("file", psf.toString());
        });
        assertEquals(null, ((PoiPortObjectSpec)file.out(1)).getKind());
    }

    @Test
    void learnerAnnouncesAModelOfItsPoisKind() throws Exception {
        final Configured c = configure(LearnerNodeFactory.class, s -> s.addDouble("lambda", 0.05), STACK, POI_3D);
        final DepafModelPortObjectSpec model = (DepafModelPortObjectSpec)c.out(1);
        assertEquals(null, model.getInfo(), "trained only when the node runs");
        assertEquals(Poi.Kind.Z_STACK, model.getPoiKind());
        assertEquals(names(TrainingHistoryRows.COLUMNS), KnimeTables.names((DataTableSpec)c.out(2)));
        c.passed();
        configureFails(LearnerNodeFactory.class, s -> s.addDouble("lambda", -1), "λ");
    }

    @Test
    void predictorAnnouncesZForAZStackModelAndInactivePortsWhenAsked() throws Exception {
        final Configured threeD = configure(PredictorNodeFactory.class, s -> { }, MODEL_3D, STACK);
        assertTrue(KnimeTables.names((DataTableSpec)threeD.out(1)).contains("z [nm]"));
        assertEquals("100.0", ((DataTableSpec)threeD.out(1)).getColumnSpec("x [nm]").getProperties()
            .getProperty(LocalisationRows.PIXEL_SIZE_PROPERTY), "the stack's pixel size travels with the table");
        assertInstanceOf(InactiveBranchPortObjectSpec.class, threeD.out(2), "no re-synthesis asked for");
        final Configured twoD = configure(PredictorNodeFactory.class, s -> s.addBoolean("synthesis", true),
            MODEL_2D, STACK);
        assertFalse(KnimeTables.names((DataTableSpec)twoD.out(1)).contains("z [nm]"));
        assertInstanceOf(ImageStackPortObjectSpec.class, twoD.out(2));
        twoD.passed();
        // the 3-D model was trained without a background: asking for it is refused before anything runs
        configureFails(PredictorNodeFactory.class, s -> s.addBoolean("background", true), "Learn background",
            MODEL_3D, STACK);
    }

    @Test
    void thresholdOptimizerKeepsTheModelsKind() throws Exception {
        final Configured c = configure(ThresholdOptimizerNodeFactory.class, s -> { }, MODEL_3D, STACK);
        assertEquals(Poi.Kind.Z_STACK, ((DepafModelPortObjectSpec)c.out(1)).getPoiKind());
        c.passed();
    }

    @Test
    void backgroundEstimatorNeedsAModelWithABackground() throws Exception {
        final Configured c = configure(BackgroundEstimatorNodeFactory.class, s -> { }, MODEL_2D, STACK);
        assertInstanceOf(ImageStackPortObjectSpec.class, c.out(1));
        assertInstanceOf(ImageStackPortObjectSpec.class, c.out(2));
        c.passed();
        configureFails(BackgroundEstimatorNodeFactory.class, s -> { }, "background", MODEL_3D, STACK);
    }

    @Test
    void writerChecksItsFolderBeforeItRuns() throws Exception {
        configure(ImageStackWriterNodeFactory.class, s -> s.addString("file", dir.resolve("out.tif").toString()),
            STACK).passed();
        configureFails(ImageStackWriterNodeFactory.class,
            s -> s.addString("file", dir.resolve("missing/out.tif").toString()), "does not exist", STACK);
        // the stack's own file, however it is spelled, is never the output: writing it would destroy the input
        final Path data = Files.createFile(dir.resolve("data.tif"));
        final ImageStackPortObjectSpec fromFile = new ImageStackPortObjectSpec(new StackReference(data.toString(),
            false, 0, 10, 64, 64, 100, "data.tif"));
        configureFails(ImageStackWriterNodeFactory.class, s -> s.addString("file", dir.resolve("./data.tif")
            .toString()), "is the input stack", fromFile);
        final Path folder = Files.createDirectory(dir.resolve("frames.tif"));
        configureFails(ImageStackWriterNodeFactory.class, s -> s.addString("file", folder.toString()), "a folder",
            STACK);
    }

    @Test
    void rendererNeedsPositionsInNanometres() throws Exception {
        final Configured c = configure(RendererNodeFactory.class, s -> { }, LOCALISATIONS);
        assertInstanceOf(ImagePortObjectSpec.class, c.out(1));
        assertInstanceOf(ImageStackPortObjectSpec.class, c.out(2));
        c.passed();
        configureFails(RendererNodeFactory.class, s -> { }, "'x [nm]'",
            table(List.of(new ColumnDescriptor("frame", ColumnDescriptor.Kind.INT),
                new ColumnDescriptor("x [px]", ColumnDescriptor.Kind.DOUBLE),
                new ColumnDescriptor("y [nm]", ColumnDescriptor.Kind.DOUBLE))));
    }

    @Test
    void evaluatorAnnouncesOneMetricsRowPerToleranceAndNamesAMissingColumn() throws Exception {
        final Configured c = configure(EvaluatorNodeFactory.class, s -> s.addString("tolerancesNm", "250, 100, 50"),
            LOCALISATIONS, LOCALISATIONS);
        assertEquals(names(EvaluatorOptions.COLUMNS), KnimeTables.names((DataTableSpec)c.out(1)));
        c.passed();
        configureFails(EvaluatorNodeFactory.class, s -> s.addString("tolerancesNm", "250, near"), "'near'",
            LOCALISATIONS, LOCALISATIONS);
        configureFails(EvaluatorNodeFactory.class, s -> { }, "ground-truth table",
            LOCALISATIONS, table(List.of(new ColumnDescriptor("frame", ColumnDescriptor.Kind.INT))));
    }

    /** A node after configure. */
    private record Configured(Class<?> factory, Node node) {
        PortObjectSpec out(final int port) {
            return node.getOutputSpec(port);
        }

        void passed() {
            StageReport.passed(factory.getName(), StageReport.Check.CONFIGURE);
        }
    }

    private Configured configure(final Class<? extends NodeFactory<? extends NodeModel>> factory,
        final KnimeWorkflow.SettingsEdit edit, final PortObjectSpec... in) throws InvalidSettingsException {
        final List<String> errors = new ArrayList<>();
        final Node node = node(factory, edit, errors);
        assertTrue(node.configure(specs(in)), factory.getSimpleName() + " did not configure: " + errors);
        return new Configured(factory, node);
    }

    private void configureFails(final Class<? extends NodeFactory<? extends NodeModel>> factory,
        final KnimeWorkflow.SettingsEdit edit, final String named, final PortObjectSpec... in) {
        final List<String> errors = new ArrayList<>();
        try {
            final Node node = node(factory, edit, errors);
            assertFalse(node.configure(specs(in)), factory.getSimpleName() + " configured although it should not");
        } catch (InvalidSettingsException e) {
            errors.add(e.getMessage());
        }
        assertTrue(errors.stream().anyMatch(m -> m.contains(named)),
            factory.getSimpleName() + ": expected a message naming " + named + ", got " + errors);
    }

    private static Node node(final Class<? extends NodeFactory<? extends NodeModel>> factory,
        final KnimeWorkflow.SettingsEdit edit, final List<String> errors) throws InvalidSettingsException {
        final Node node = new Node(RegisteredNodes.factory(factory.getName()));
        node.addMessageListener(e -> errors.add(e.getMessage().getMessage()));
        // in a workflow the node container hands every node the flow variables of its upstream nodes
        final FlowObjectStack noVariables = FlowObjectStack.createFromFlowVariableList(List.of(), new NodeID(1));
        node.setFlowObjectStack(noVariables, noVariables);
        final NodeSettings settings = new NodeSettings("node");
        node.saveSettingsTo(settings);
        final NodeSettings model = settings.getNodeSettings("model");
        edit.edit(model);
        node.validateModelSettings(model);
        node.loadModelSettingsFrom(model);
        return node;
    }

    private static PortObjectSpec[] specs(final PortObjectSpec... in) {
        final PortObjectSpec[] all = new PortObjectSpec[in.length + 1];
        all[0] = FlowVariablePortObjectSpec.INSTANCE;
        System.arraycopy(in, 0, all, 1, in.length);
        return all;
    }

    private static ModelInfo model(final Poi.Kind kind, final boolean background) {
        return new ModelInfo(kind, kind == Poi.Kind.Z_STACK ? 11 : 1, 15, 15, 0.05, 0.3, 2, background, 100, 900,
            "data.tif", "2026-12-03T10:00:00Z", "0.1.0", "a test model");
    }

    private static DataTableSpec table(final List<ColumnDescriptor> columns) {
        return KnimeTables.spec(columns, Map.of(LocalisationRows.PIXEL_SIZE_PROPERTY, "100.0"));
    }

    private static List<String> names(final List<ColumnDescriptor> columns) {
        return columns.stream().map(ColumnDescriptor::name).toList();
    }
}
