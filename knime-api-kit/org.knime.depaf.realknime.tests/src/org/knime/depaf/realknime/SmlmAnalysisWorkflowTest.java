package org.knime.depaf.realknime;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.knime.core.data.DataRow;
import org.knime.core.data.DataTableSpec;
import org.knime.core.data.DoubleValue;
import org.knime.core.data.image.png.PNGImageValue;
import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.port.image.ImagePortObject;
import org.knime.core.node.workflow.NodeID;
import org.knime.depaf.core.eval.MetricsReport;
import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.sim.SimulationConfig;
import org.knime.depaf.core.sim.SmlmSimulator;
import org.knime.depaf.node.adapter.EvaluatorOptions;
import org.knime.depaf.node.adapter.SimulatorOptions;
import org.knime.depaf.node.common.KnimeTables;
import org.knime.depaf.node.port.DepafModelPortObject;
import org.knime.depaf.node.port.DepafModelPortObjectSpec;
import org.knime.depaf.node.port.ImageStackPortObject;
import org.knime.depaf.node.port.ImageStackPortObjectSpec;
import org.knime.depaf.node.port.PoiPortObjectSpec;

/**
 * The real-KNIME stage's end-to-end check: every DEPAF node in one workflow, run by KNIME's own workflow manager
 * (KNIME 5.8's classes from the API test kit, inside OSGi), as in the KNIME Analytics Platform or the batch
 * executor. Configure with the specs upstream nodes really produce, execute, compare every output with what the
 * engine computes directly, save the executed workflow to disk, load it back, reset and execute it again.
 */
@Order(3)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class SmlmAnalysisWorkflowTest {

    private Path m_dir;

    private SmlmAnalysisWorkflow m_flow;

    @BeforeAll
    void buildWorkflow() throws Exception {
        m_dir = Files.createTempDirectory("depaf-knime-stage");
        m_flow = SmlmAnalysisWorkflow.build(m_dir.resolve("workflow"), m_dir.resolve("background.tif"));
    }

    @AfterAll
    void disposeWorkflow() {
        m_flow.workflow().close();
    }

    @Test
    @Order(1)
    void everyNodeIsConfiguredWithTheSpecsItsUpstreamNodesProduce() {
        final KnimeWorkflow w = m_flow.workflow();
        for (final NodeID id : w.nodes()) {
            assertTrue(w.node(id).getNodeContainerState().isConfigured(),
                w.node(id).getName() + " is not configured: " + w.message(id));
        }
        final ImageStackPortObjectSpec stack = (ImageStackPortObjectSpec)w.spec(m_flow.simulator(), 1);
        assertEquals(SmlmAnalysisWorkflow.FRAMES, stack.getReference().frames());
        assertEquals(SmlmAnalysisWorkflow.SIZE_PX, stack.getReference().width());
        assertEquals(SmlmAnalysisWorkflow.PIXEL_NM, stack.getReference().pixelSizeNm());
        assertEquals(List.of("id", "frame", "x [nm]", "y [nm]", "sigma [nm]", "intensity [photon]",
            "offset [photon]"), KnimeTables.names((DataTableSpec)w.spec(m_flow.simulator(), 2)));
        assertTrue(((PoiPortObjectSpec)w.spec(m_flow.poi(), 1)).summary().contains("Gaussian"),
            ((PoiPortObjectSpec)w.spec(m_flow.poi(), 1)).summary());
        assertEquals(null, ((DepafModelPortObjectSpec)w.spec(m_flow.learner(), 1)).getInfo(),
            "a model is described only once trained");
        assertEquals(EvaluatorOptions.COLUMNS.size(), ((DataTableSpec)w.spec(m_flow.evaluator(), 1))
            .getNumColumns());
    }

    @Test
    @Order(2)
    void theWholeAnalysisExecutesAndEachOutputIsWhatTheEngineComputes() throws Exception {
        final KnimeWorkflow w = m_flow.workflow();
        assertTrue(w.executeAll(), () -> "not every node executed: " + states(w));
        for (final NodeID id : w.nodes()) {
            StageReport.passed(w.factoryClass(id), StageReport.Check.EXECUTE);
        }

        // the simulator's ground truth is the engine's simulation with the same settings, value for value
        final SimulationConfig config = new SimulatorOptions("default-2d", SmlmAnalysisWorkflow.FRAMES,
            SmlmAnalysisWorkflow.SIZE_PX, SmlmAnalysisWorkflow.SIZE_PX, SmlmAnalysisWorkflow.PIXEL_NM,
            SmlmAnalysisWorkflow.DENSITY, SmlmAnalysisWorkflow.PHOTONS, -1, SmlmAnalysisWorkflow.SEED).toConfig();
        final LocalisationTable truth = SmlmSimulator.simulate(config).groundTruth();
        final LocalisationTable gtTable = KnimeTables.localisations(w.table(m_flow.simulator(), 2));
        assertEquals(truth, gtTable);
        final ImageStackPortObject simulated = w.output(m_flow.simulator(), 1);
        try (FrameSource s = simulated.open()) {
            assertArrayEquals(SmlmSimulator.simulate(config).stack().pixels(), s.readAll().pixels());
        }

        // the learner's model is described in the spec downstream nodes see
        final DepafModelPortObject model = w.output(m_flow.learner(), 1);
        assertEquals(SmlmAnalysisWorkflow.LAMBDA, model.getInfo().lambda());
        assertTrue(model.getInfo().threshold() > 0, "threshold " + model.getInfo().threshold());
        assertTrue(w.table(m_flow.learner(), 2).size() > 0, "training history");

        // localisations: the table the predictor made has the spec it announced once the model was known
        final BufferedDataTable found = w.table(m_flow.predictor(), 1);
        assertTrue(found.size() > 0, "no localisations");
        final LocalisationTable localisations = KnimeTables.localisations(found);

        // the evaluator's numbers are the engine's metrics of the same two tables
        final List<double[]> expected = MetricsReport.evaluate(truth, localisations,
            MetricsReport.DEFAULT_TOLERANCES_NM, Double.NaN, 0, null).values();
        final List<double[]> reported = new ArrayList<>();
        for (final DataRow row : w.table(m_flow.evaluator(), 1)) {
            final double[] v = new double[row.getNumCells()];
            for (int i = 0; i < v.length; i++) {
                v[i] = row.getCell(i).isMissing() ? Double.NaN : ((DoubleValue)row.getCell(i)).getDoubleValue();
            }
            reported.add(v);
        }
        assertEquals(expected.size(), reported.size());
        for (int r = 0; r < expected.size(); r++) {
            assertArrayEquals(expected.get(r), reported.get(r), 1e-12, "metrics row " + r);
        }
        assertTrue(expected.get(0)[6] > 0.5, "recall at 250 nm " + expected.get(0)[6]);

        // the retuned model keeps everything but the threshold
        final DepafModelPortObject retuned = w.output(m_flow.threshold(), 1);
        assertEquals(model.getInfo().lambda(), retuned.getInfo().lambda());
        assertTrue(w.table(m_flow.threshold(), 2).size() > 0, "threshold objective");

        // the rendering is a real PNG
        final ImagePortObject png = w.output(m_flow.renderer(), 1);
        final BufferedImage image = ImageIO.read(new ByteArrayInputStream(
            ((PNGImageValue)png.toDataCell()).getImageContent().getByteArray()));
        assertNotNull(image, "the renderer's PNG cannot be read");
        assertTrue(image.getWidth() > SmlmAnalysisWorkflow.SIZE_PX, "render width " + image.getWidth());

        // the writer's file holds the background stack, and the reader reads it back with its pixel size
        final ImageStack background = read(w.output(m_flow.background(), 1));
        final ImageStack written = read(w.output(m_flow.reader(), 1));
        assertArrayEquals(background.pixels(), written.pixels());
        assertEquals(SmlmAnalysisWorkflow.PIXEL_NM, written.pixelSizeNm(), 1e-9);
    }

    @Test
    @Order(3)
    void theExecutedWorkflowIsSavedLoadedAndExecutedAgain() throws Exception {
        final KnimeWorkflow w = m_flow.workflow();
        final long rows = w.table(m_flow.predictor(), 1).size();
        final double threshold = ((DepafModelPortObject)w.output(m_flow.learner(), 1)).getInfo().threshold();
        final Path saved = m_dir.resolve("saved");
        w.save(saved);
        assertTrue(Files.isRegularFile(saved.resolve("workflow.knime")));

        try (KnimeWorkflow loaded = KnimeWorkflow.load(saved)) {
            // every node comes back executed, with its port objects read by DEPAF's serializers
            for (final NodeID id : loaded.nodes()) {
                assertTrue(loaded.node(id).getNodeContainerState().isExecuted(), loaded.node(id).getName()
                    + " is not executed after loading: " + loaded.message(id));
            }
            final NodeID learner = loaded.find("DEPAF Learner");
            final NodeID predictor = loaded.find("DEPAF Predictor");
            final DepafModelPortObject model = loaded.output(learner, 1);
            assertEquals(threshold, model.getInfo().threshold());
            try (var m = model.loadModel()) {
                assertNotNull(m, "the model file in the file store");
            }
            assertEquals(rows, loaded.table(predictor, 1).size());

            // again from scratch: the writer refuses to replace its earlier file, as set
            loaded.resetAll();
            loaded.executeAll();
            final NodeID writer = loaded.find("Image Stack Writer");
            assertFalse(loaded.node(writer).getNodeContainerState().isExecuted());
            assertTrue(loaded.message(writer).contains(m_flow.writtenFile().toString()), loaded.message(writer));
            assertTrue(Files.isRegularFile(m_flow.writtenFile()), "the earlier file is left alone");
            // ... and replaces it when told so
            loaded.configure(writer, s -> s.addString("ifExists", "OVERWRITE"));
            assertTrue(loaded.executeAll(), () -> "not every node executed again: " + states(loaded));
            for (final NodeID id : loaded.nodes()) {
                StageReport.passed(loaded.factoryClass(id), StageReport.Check.SAVE_LOAD);
            }
        }
    }

    @Test
    @Order(4)
    void cancellingTheLearnerStopsItWithinSecondsAndLeavesNoModel() throws Exception {
        try (KnimeWorkflow w = KnimeWorkflow.create("DEPAF cancel", m_dir.resolve("cancel"))) {
            final NodeID simulator = w.add(org.knime.depaf.node.simulator.SimulatorNodeFactory.class);
            final NodeID poi = w.add(org.knime.depaf.node.poi.PoiReaderNodeFactory.class);
            final NodeID learner = w.add(org.knime.depaf.node.learner.LearnerNodeFactory.class);
            w.configure(learner, s -> {
                s.addDouble("lambda", 0.1);
                s.addLong("maxIterations", 1_000_000);
            });
            w.connect(simulator, 1, learner, 1);
            w.connect(poi, 1, learner, 2);
            w.start(learner);
            final long deadline = System.currentTimeMillis() + 60_000;
            while (!w.node(learner).getNodeContainerState().isExecutionInProgress()
                && System.currentTimeMillis() < deadline) {
                Thread.sleep(50);
            }
            Thread.sleep(3000); // well into training
            final long cancelled = System.nanoTime();
            w.cancel(learner);
            assertTrue(w.waitUntilIdle(60), "the learner did not stop within a minute of cancelling");
            final double seconds = (System.nanoTime() - cancelled) * 1e-9;
            assertTrue(seconds < 10, "stopping took " + seconds + " s");
            assertFalse(w.node(learner).getNodeContainerState().isExecuted());
            assertEquals(null, w.node(learner).getOutPort(1).getPortObject(), "a cancelled learner has no model");
        }
    }

    private static ImageStack read(final ImageStackPortObject port) throws IOException {
        try (FrameSource s = port.open()) {
            return s.readAll();
        }
    }

    private static String states(final KnimeWorkflow w) {
        final StringBuilder sb = new StringBuilder();
        for (final NodeID id : w.nodes()) {
            sb.append('\n').append(w.node(id).getName()).append(": ").append(w.node(id).getNodeContainerState())
                .append(' ').append(w.message(id));
        }
        return sb.toString();
    }
}
