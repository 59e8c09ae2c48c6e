package org.knime.depaf.node.adapter;

import java.util.List;

import org.knime.depaf.core.train.TrainingProgress;

/** The DEPAF Learner's training-history table: one row per iteration. Stateless. */
public final class TrainingHistoryRows {

    /** The columns, in row order. */
    public static final List<ColumnDescriptor> COLUMNS = List.of(
        new ColumnDescriptor("iteration", ColumnDescriptor.Kind.LONG),
        new ColumnDescriptor("epoch", ColumnDescriptor.Kind.INT),
        new ColumnDescriptor("loss", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("fidelity", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("sparsity", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("validation loss", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("lambda", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("learning rate", ColumnDescriptor.Kind.DOUBLE),
        new ColumnDescriptor("curriculum level", ColumnDescriptor.Kind.INT),
        new ColumnDescriptor("time [s]", ColumnDescriptor.Kind.DOUBLE));

    private TrainingHistoryRows() {
    }

    /** @return one row: the iteration's values; the validation loss is missing (null) when it did not validate */
    public static Object[] row(final TrainingProgress p) {
        return new Object[] {p.iteration(), p.epoch(), p.loss(), p.fidelity(), p.sparsity(),
            p.validated() ? Double.valueOf(p.validationLoss()) : null, p.lambda(), p.learningRate(),
            p.curriculumLevel(), p.seconds()};
    }
}
