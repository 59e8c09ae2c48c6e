package org.knime.depaf.realknime;

import java.nio.file.Path;
import java.util.List;

import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.workflow.NodeID;
import org.knime.depaf.node.background.BackgroundEstimatorNodeFactory;
import org.knime.depaf.node.evaluator.EvaluatorNodeFactory;
import org.knime.depaf.node.learner.LearnerNodeFactory;
import org.knime.depaf.node.poi.PoiReaderNodeFactory;
import org.knime.depaf.node.predictor.PredictorNodeFactory;
import org.knime.depaf.node.reader.ImageStackReaderNodeFactory;
import org.knime.depaf.node.renderer.RendererNodeFactory;
import org.knime.depaf.node.simulator.SimulatorNodeFactory;
import org.knime.depaf.node.threshold.ThresholdOptimizerNodeFactory;
import org.knime.depaf.node.writer.ImageStackWriterNodeFactory;

/**
 * A whole SMLM analysis as a user builds it in KNIME, with every DEPAF node: simulate an acquisition, generate a
 * Gaussian POI, train, localise, retune the threshold, estimate the background, render, judge the localisations
 * against the truth, write the background to a TIFF and read that file back. The data are small and the training
 * short, so that the workflow runs in well under a minute on two cores.
 *
 * @param workflow the workflow
 * @param simulator SMLM Simulator: out 1 stack, out 2 ground truth
 * @param poi POI Reader: out 1 POI
 * @param learner DEPAF Learner: in 1 stack, in 2 POI; out 1 model, out 2 history
 * @param predictor DEPAF Predictor: in 1 model, in 2 stack; out 1 localisations, 2 re-synthesis, 3 background
 * @param threshold Threshold Optimizer: in 1 model, in 2 stack; out 1 model, out 2 objective
 * @param background Background Estimator: in 1 model, in 2 stack; out 1 background, out 2 subtracted
 * @param evaluator Localisation Evaluator: in 1 localisations, in 2 ground truth; out 1 metrics
 * @param renderer Localization Renderer: in 1 localisations; out 1 PNG, out 2 stack
 * @param writer Image Stack Writer: in 1 stack (the background)
 * @param reader Image Stack Reader: reads the writer's file (after the writer, by a flow variable connection)
 * @param writtenFile the file the writer writes and the reader reads
 */
record SmlmAnalysisWorkflow(KnimeWorkflow workflow, NodeID simulator, NodeID poi, NodeID learner, NodeID predictor,
    NodeID threshold, NodeID background, NodeID evaluator, NodeID renderer, NodeID writer, NodeID reader,
    Path writtenFile) {

    /** The factories this workflow uses: every DEPAF node. */
    static final List<Class<? extends NodeFactory<? extends NodeModel>>> FACTORIES = List.of(
        ImageStackReaderNodeFactory.class, SimulatorNodeFactory.class, PoiReaderNodeFactory.class,
        LearnerNodeFactory.class, PredictorNodeFactory.class, ThresholdOptimizerNodeFactory.class,
        BackgroundEstimatorNodeFactory.class, ImageStackWriterNodeFactory.class, RendererNodeFactory.class,
        EvaluatorNodeFactory.class);

    /** The simulation: 20 frames of 64 × 64 px of 100 nm, 0.5 emitters/µm², 3000 photons, seed 11. */
    static final int FRAMES = 20;

    static final int SIZE_PX = 64;

    static final double PIXEL_NM = 100;

    static final double DENSITY = 0.5;

    static final double PHOTONS = 3000;

    static final long SEED = 11;

    static final double LAMBDA = 0.2;

    /**
     * Builds the workflow in a new project.
     *
     * @param projectFolder where the project lives
     * @param writtenFile the TIFF the writer writes (must not exist)
     * @return the workflow, configured
     */
    static SmlmAnalysisWorkflow build(final Path projectFolder, final Path writtenFile)
        throws InvalidSettingsException {
        final KnimeWorkflow w = KnimeWorkflow.create("DEPAF SMLM analysis", projectFolder);
        final NodeID simulator = w.add(SimulatorNodeFactory.class);
        final NodeID poi = w.add(PoiReaderNodeFactory.class);
        final NodeID learner = w.add(LearnerNodeFactory.class);
        final NodeID predictor = w.add(PredictorNodeFactory.class);
        final NodeID threshold = w.add(ThresholdOptimizerNodeFactory.class);
        final NodeID background = w.add(BackgroundEstimatorNodeFactory.class);
        final NodeID evaluator = w.add(EvaluatorNodeFactory.class);
        final NodeID renderer = w.add(RendererNodeFactory.class);
        final NodeID writer = w.add(ImageStackWriterNodeFactory.class);
        final NodeID reader = w.add(ImageStackReaderNodeFactory.class);

        w.configure(simulator, s -> {
            s.addInt("frames", FRAMES);
            s.addInt("widthPx", SIZE_PX);
            s.addInt("heightPx", SIZE_PX);
            s.addDouble("pixelSizeNm", PIXEL_NM);
            s.addDouble("densityPerUm2", DENSITY);
            s.addDouble("meanPhotons", PHOTONS);
            s.addLong("seed", SEED);
        });
        w.configure(poi, s -> {
            s.addString("source", "GAUSSIAN_SIGMA");
            s.addDouble("sigmaPx", 1.1);
            s.addDouble("pixelSizeNm", PIXEL_NM);
        });
        w.configure(learner, s -> {
            s.addDouble("lambda", LAMBDA);
            s.addInt("baseWidth", 8);
            s.addInt("patchHeight", 64);
            s.addInt("patchWidth", 64);
            s.addInt("trainPatches", 128);
            s.addInt("validationPatches", 16);
            s.addInt("thresholdPatches", 64);
            s.addLong("warmupFirst", 40);
            s.addLong("warmupSecond", 80);
            s.addLong("maxIterations", 200);
            s.addInt("validationFrequency", 20);
        });
        w.configure(predictor, s -> {
            s.addBoolean("synthesis", true);
            s.addBoolean("background", true);
        });
        w.configure(threshold, s -> s.addInt("patches", 32));
        w.configure(writer, s -> {
            s.addString("file", writtenFile.toString());
            s.addString("depth", "FLOAT32");
        });
        w.configure(reader, s -> s.addString("file", writtenFile.toString()));

        w.connect(simulator, 1, learner, 1);
        w.connect(poi, 1, learner, 2);
        w.connect(learner, 1, predictor, 1);
        w.connect(simulator, 1, predictor, 2);
        w.connect(learner, 1, threshold, 1);
        w.connect(simulator, 1, threshold, 2);
        w.connect(learner, 1, background, 1);
        w.connect(simulator, 1, background, 2);
        w.connect(predictor, 1, evaluator, 1);
        w.connect(simulator, 2, evaluator, 2);
        w.connect(predictor, 1, renderer, 1);
        w.connect(background, 1, writer, 1);
        // the reader reads what the writer wrote: a flow variable connection orders them, as a user would
        w.connect(writer, 0, reader, 0);
        return new SmlmAnalysisWorkflow(w, simulator, poi, learner, predictor, threshold, background, evaluator,
            renderer, writer, reader, writtenFile);
    }
}
