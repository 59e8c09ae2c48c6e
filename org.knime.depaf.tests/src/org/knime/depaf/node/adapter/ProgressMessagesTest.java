package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.train.TrainingProgress;

class ProgressMessagesTest {

    @Test
    void describesAnIterationWithEpochIterationAndLoss() {
        final TrainingProgress p = new TrainingProgress(150, 3, 0.5312, 0.5, 0.03, Double.NaN, 0.02, 1e-3, 1, 12.5);
        assertEquals("epoch 3, iteration 150, loss 0.53", ProgressMessages.training(p));
    }

    @Test
    void addsTheValidationLossWhenTheIterationValidated() {
        final TrainingProgress p = new TrainingProgress(21, 1, 12.34, 12, 0.3, 0.0004567, 0.02, 1e-3, 1, 1);
        assertEquals("epoch 1, iteration 21, loss 12, validation loss 0.00046", ProgressMessages.training(p));
    }

    @Test
    void describesFramesDone() {
        assertEquals("frames 120 of 2000", ProgressMessages.frames(120, 2000));
    }
}
