package org.knime.depaf.core.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.InMemoryFrameSource;
import org.knime.depaf.core.net.samediff.SameDiffBackend;
import org.knime.depaf.core.poi.AstigmaticPoi;
import org.knime.depaf.core.util.Monitor;

/** The schedule that fits the budget (issue 11). */
class BudgetPlanTest {

    private static final LambdaSchedule CPU = new LambdaSchedule(0.02, 250, 500);

    @Test
    void aBindingBudgetScalesTheWarmupSoThatFullLambdaTrainsHalfOfIt() {
        final BudgetPlan plan = BudgetPlan.of(CPU, 300, 4, true);
        final LambdaSchedule l = plan.lambda();
        assertEquals(150, l.secondMilestone());
        assertEquals(75, l.firstMilestone());
        assertEquals(0.02, l.lambdaAt(300));
        long full = 0;
        for (long t = 1; t <= 300; t++) {
            full += l.lambdaAt(t) == 0.02 ? 1 : 0;
        }
        assertTrue(full >= 150, full + " iterations at full λ");
        final long[] d = plan.deadlines();
        assertEquals(4, d.length);
        for (int i = 0; i < d.length; i++) {
            assertTrue(d[i] < l.secondMilestone() && (i == 0 || d[i] > d[i - 1]), java.util.Arrays.toString(d));
        }
        assertTrue(plan.decompressionDue(0, d[0]));
        assertTrue(!plan.decompressionDue(0, d[0] - 1));
        assertTrue(!plan.decompressionDue(4, 10_000));
    }

    @Test
    void aBudgetThatDoesNotBindAndThePaperPresetKeepTheMilestones() {
        assertEquals(CPU, BudgetPlan.of(CPU, 2000, 4, true).lambda());
        assertEquals(CPU, BudgetPlan.of(CPU, Long.MAX_VALUE, 4, true).lambda());
        final BudgetPlan paper = BudgetPlan.of(LambdaSchedule.withDefaultMilestones(0.02), 300, 7, false);
        assertEquals(LambdaSchedule.withDefaultMilestones(0.02), paper.lambda());
        assertEquals(0, paper.deadlines().length);
    }

    /** A CPU-preset training cut at 24 iterations still reaches full λ, and every curriculum level. */
    @Test
    void aBudgetScaledTrainingReachesFullLambda() throws IOException {
        final TrainingParameters p = TrainingParameters.builder(TrainingParameters.Preset.CPU, 0.01).baseWidth(4)
            .patchSize(32, 32).patches(32, 8).batchSize(4).validationFrequency(10).thresholdPatches(8).seed(1)
            .maxMinutes(0).maxIterations(24).learnBackground(false).build();
        final List<String> notes = new java.util.ArrayList<>();
        final TrainingResult r = new Trainer(new SameDiffBackend(), p, null, notes::add).train(
            new InMemoryFrameSource(TrainerTest.spots(8, 32, 32, 3)),
            new AstigmaticPoi(1.2, 200, 400).zStack(9, 100, 0, 100), Monitor.NONE);
        try (var model = r.model()) {
            final List<TrainingProgress> h = r.history();
            assertEquals(24, h.size());
            final long full = h.stream().filter(t -> t.lambda() == 0.01).count();
            assertTrue(full >= 12, full + " of 24 iterations at full λ");
            final int levels = new Curriculum(9).totalDecompressions() + 1;
            assertEquals(levels, h.get(h.size() - 1).curriculumLevel());
            assertTrue(notes.stream().anyMatch(n -> n.contains("s per iteration") && n.contains("full at 12")),
                notes.toString());
        }
    }
}
