package org.knime.depaf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.train.ValidationTracker.Action;

class TrainingScheduleTest {

    @Test
    void lambdaWarmsUpInTwoStepsAndResetsTheTrackerAtEachStep() {
        final LambdaSchedule s = LambdaSchedule.withDefaultMilestones(0.02);
        assertEquals(0.0002, s.lambdaAt(1), 1e-12);
        assertEquals(0.0002, s.lambdaAt(2499), 1e-12);
        assertEquals(0.002, s.lambdaAt(2500), 1e-12);
        assertEquals(0.002, s.lambdaAt(4999), 1e-12);
        assertEquals(0.02, s.lambdaAt(5000), 1e-12);
        assertTrue(s.resetsBestAt(1) && s.resetsBestAt(2500) && s.resetsBestAt(5000));
        assertFalse(s.resetsBestAt(2) || s.resetsBestAt(2501));
        assertEquals(0.02, LambdaSchedule.constant(0.02).lambdaAt(1), 0);
    }

    @Test
    void rejectsANegativeLambdaNamingIt() {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
            () -> LambdaSchedule.withDefaultMilestones(-0.1));
        assertTrue(e.getMessage().contains("lambda"), e.getMessage());
    }

    @Test
    void halvesTheLearningRateAfterPatienceRunsOutThenStopsAtTheFloor() {
        final ValidationTracker t = new ValidationTracker(3, 1e-3, 1e-4);
        final List<Action> actions = new ArrayList<>();
        assertTrue(t.onValidation(1.0, false).improved());
        // never better again: every 2 further validations (patience 1 -> 3) the rate halves, 4 times; at the floor
        // patience grows past its limit: 2, 3 (nothing left to halve), 4 > 3 stops
        for (int i = 0; i < 12; i++) {
            final ValidationTracker.Outcome o = t.onValidation(2.0, false);
            assertFalse(o.improved());
            actions.add(o.action());
            if (o.action() == Action.STOP) {
                break;
            }
        }
        assertEquals(List.of(Action.CONTINUE, Action.HALVE_LEARNING_RATE, Action.CONTINUE,
            Action.HALVE_LEARNING_RATE, Action.CONTINUE, Action.HALVE_LEARNING_RATE, Action.CONTINUE,
            Action.HALVE_LEARNING_RATE, Action.CONTINUE, Action.CONTINUE, Action.STOP), actions);
        assertEquals(1e-4, t.learningRate(), 1e-15); // 1e-3 -> 5e-4 -> 2.5e-4 -> 1.25e-4 -> 1e-4
    }

    @Test
    void decompressesBeforeHalvingAndForgetsTheBestLoss() {
        final ValidationTracker t = new ValidationTracker(2, 1e-3, 1e-4);
        t.onValidation(1.0, true);
        final ValidationTracker.Outcome o = t.onValidation(1.5, true);
        assertEquals(Action.DECOMPRESS, o.action());
        assertEquals(1e-3, t.learningRate(), 0);
        assertEquals(Double.POSITIVE_INFINITY, t.best());
        assertTrue(t.onValidation(5.0, true).improved(), "after a reset any loss is the new best");
    }

    @Test
    void anImprovementResetsPatience() {
        final ValidationTracker t = new ValidationTracker(3, 1e-3, 1e-4);
        t.onValidation(3.0, false);
        t.onValidation(4.0, false);
        assertTrue(t.onValidation(2.0, false).improved());
        assertEquals(1, t.patience());
        assertEquals(Action.CONTINUE, t.onValidation(Double.NaN, false).action());
        assertEquals(2, t.patience());
    }
}
