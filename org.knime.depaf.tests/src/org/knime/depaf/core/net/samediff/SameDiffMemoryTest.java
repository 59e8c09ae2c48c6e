package org.knime.depaf.core.net.samediff;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.net.Objective;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.VariableType;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.config.SDValueType;
import org.nd4j.autodiff.samediff.internal.AbstractSession.VarId;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * Memory of the SameDiff engine over many calls: SameDiff's per-execution bookkeeping must not grow with the
 * number of calls (a prediction calls the network ~10^4 times), and the arrays an execution computes must be freed
 * when the call returns, not when the JVM collects them. Checked on the engine's own state, which is exact, rather
 * than on heap or process sizes, which are noisy.
 */
class SameDiffMemoryTest {

    private static final ForwardKernels KERNELS = new ForwardKernels(uniform(new SplittableRandom(1), 7 * 7), 1, 7, 7,
        9, 9);

    private static float[] uniform(final SplittableRandom random, final int n) {
        final float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float)random.nextDouble();
        }
        return v;
    }

    private static ImageStack patches(final int count, final long seed) {
        return new ImageStack(uniform(new SplittableRandom(seed), count * 32 * 32), count, 32, 32, Double.NaN,
            "random patches");
    }

    private static SameDiffNetwork tiny() {
        return (SameDiffNetwork)new SameDiffBackend().build(NetworkConfig.builder(1).baseWidth(4).dropout(0.2)
            .seed(4).build(), KERNELS);
    }

    @Test
    void repeatedCallsFromAnyThreadKeepOneSessionThatRemembersNothing() throws InterruptedException {
        final ImageStack patches = patches(3, 2);
        final Objective objective = Objective.full(KERNELS, 0.01);
        try (SameDiffNetwork net = tiny()) {
            final float[] first = net.infer(patches).amplitudes();
            for (int i = 0; i < 5; i++) {
                assertArrayEquals(first, net.infer(patches).amplitudes());
                net.loss(patches, objective);
            }
            for (int t = 0; t < 3; t++) { // e.g. a new worker thread for every run of a node
                final AtomicReference<float[]> out = new AtomicReference<>();
                final Thread thread = new Thread(() -> out.set(net.infer(patches).amplitudes()));
                thread.start();
                thread.join();
                assertArrayEquals(first, out.get(), "thread " + t);
            }
            assertBounded(net.graph());
            for (int i = 0; i < 3; i++) {
                net.trainStep(patches, objective);
            }
            final Thread thread = new Thread(() -> net.trainStep(patches, objective));
            thread.start();
            thread.join();
            assertEquals(4, net.steps());
            assertBounded(net.gradientGraph());
        }
    }

    private static void assertBounded(final SameDiff graph) {
        final Map<Long, InferenceSession> sessions = graph.getSessions();
        assertEquals(1, sessions.size(), "sessions: " + sessions.keySet());
        final ReusedSession session = assertInstanceOf(ReusedSession.class, sessions.values().iterator().next());
        assertEquals(0, session.rememberedIds(), "ids of released arrays still remembered");
    }

    @Test
    void arraysAnExecutionComputedAreFreedWhenTheCallReturns() {
        final ImageStack patches = patches(2, 3);
        try (SameDiffNetwork net = tiny()) {
            net.infer(patches);
            assertComputedArraysFreed(net.graph());
            net.trainStep(patches, Objective.full(KERNELS, 0.01));
            assertComputedArraysFreed(net.gradientGraph());
            // and the network still works after its arrays were freed
            net.trainStep(patches, Objective.full(KERNELS, 0.01));
            assertEquals(2 * 32 * 32, net.infer(patches).amplitudes().length);
        }
    }

    /** Every array the last execution computed is closed or waits in the session's cache for reuse. */
    private static void assertComputedArraysFreed(final SameDiff graph) {
        final InferenceSession session = graph.getSessions().values().iterator().next();
        final Set<INDArray> cached = Collections.newSetFromMap(new IdentityHashMap<>());
        cached.addAll(((ArrayCacheMemoryMgr)session.getMmgr()).getLruCacheValues().values());
        final List<String> alive = new ArrayList<>();
        int computed = 0;
        for (final Map.Entry<VarId, SDValue> e : session.getNodeValueOutputs().entrySet()) {
            final SDVariable v = graph.getVariable(e.getKey().getVariable());
            final SDValue value = e.getValue();
            if (v == null || v.getVariableType() != VariableType.ARRAY || value == null
                || value.getSdValueType() != SDValueType.TENSOR || value.getTensorValue() == null) {
                continue; // weights and placeholders belong to the network
            }
            computed++;
            final INDArray a = value.getTensorValue();
            if (!a.wasClosed() && !cached.contains(a)) {
                alive.add(v.name());
            }
        }
        assertTrue(computed > 10, "the execution computed " + computed + " arrays");
        assertEquals(List.of(), alive, "arrays left for the garbage collector");
    }
}
