package org.knime.depaf.node.evaluator;

import org.knime.node.DefaultNode;
import org.knime.node.DefaultNodeFactory;

/** Factory of the Localisation Evaluator node. */
public final class EvaluatorNodeFactory extends DefaultNodeFactory {

    private static final DefaultNode NODE = DefaultNode.create() //
        .name("Localisation Evaluator") //
        .icon("localisation-evaluator.png") //
        .shortDescription("Compares localisations with the true positions: recall, precision, Jaccard index, RMSE.") //
        .fullDescription("""
            Judges localisations against ground truth the way the 2016 SMLM challenge of the EPFL did: in each \
            frame, localisations and true emitters closer than the tolerance are paired, nearest pairs first, each \
            at most once. Paired localisations are true positives, unpaired localisations false positives, \
            unpaired emitters false negatives; the counts are pooled over all frames.

            One row per lateral tolerance: TP, FP, FN, recall (found / true), precision (right / found), Jaccard \
            index (TP / (TP + FP + FN), in %), the lateral (and, for 3-D, axial) root-mean-square error of the \
            pairs in nm, and the challenge's efficiency, which weighs Jaccard index against RMSE.

            Both inputs need 'frame' (from 1), 'x [nm]' and 'y [nm]', and 'z [nm]' for an axial tolerance: the \
            DEPAF Predictor's table, the SMLM Simulator's ground truth, or a ThunderSTORM or challenge CSV file read \
            with the CSV Reader. The numbers are those of 'depaf evaluate' on the command line.
            """) //
        .sinceVersion(5, 8, 0) // the KNIME release the node first shipped for
        .ports(p -> p //
            .addInputTable("Localisations", "The localisations to judge: frame, x [nm], y [nm] (z [nm]).") //
            .addInputTable("Ground truth", "The true positions: frame, x [nm], y [nm] (z [nm]).") //
            .addOutputTable("Metrics", "One row per lateral tolerance: tolerances, TP, FP, FN, recall, precision, "
                + "Jaccard [%], RMSE lateral and axial [nm], efficiency lateral and axial [%].")) //
        .model(m -> m.parametersClass(EvaluatorNodeParameters.class) //
            .configure(EvaluatorNodeModel::configure) //
            .execute(EvaluatorNodeModel::execute)) //
        .keywords("evaluation", "Jaccard", "recall", "precision", "RMSE", "ground truth", "benchmark", "SMLM");

    /** Creates the factory. */
    public EvaluatorNodeFactory() {
        super(NODE);
    }
}
