package org.knime.depaf.core.net.samediff;

import java.util.Map;
import java.util.Set;

import org.nd4j.autodiff.listeners.At;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.autodiff.samediff.config.SDValue;
import org.nd4j.autodiff.samediff.internal.InferenceSession;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.ndarray.INDArray;

/**
 * The execution session of one SameDiff graph, kept bounded for any number of executions.
 *
 * <p>Why: SameDiff 1.0.0-M2.1 keeps one {@link InferenceSession} per thread id ({@link SameDiff#getSessions()})
 * for the life of the graph, and that session records the id of every intermediate array it has ever released
 * ({@code freedArrays}, a {@code LinkedHashSet<Long>} that nothing clears): about 50 entries (≈ 2.7 KiB of heap)
 * per execution of the DEPAF graph, so the heap grows without bound during a long prediction. The record only
 * guards against releasing the same array twice within one execution: the session's array cache gives every
 * array it hands out again a new id, so ids of earlier executions never recur. This session forgets them at the
 * start and at the end of every execution. A session made for another thread (the map is keyed by thread id) is
 * never used again, so {@link #bind} keeps exactly one session per graph and moves it to the calling thread. Its
 * array cache ({@link ExecutionMemory}) also frees what an execution leaves behind.
 *
 * <p>Not thread-safe, like the network that owns the graph: one execution at a time.
 */
final class ReusedSession extends InferenceSession {

    /** Name of the gradient function SameDiff creates ({@code SameDiff.GRAD_FN_KEY}, not public in M2.1). */
    static final String GRAD_FUNCTION = "grad";

    private final ExecutionMemory memory = new ExecutionMemory();

    private ReusedSession(final SameDiff sd) {
        super(sd);
        setMmgr(memory);
    }

    /**
     * Makes the graph's next execution on this thread use its one bounded session: creates it on first use, moves
     * it to the calling thread if another thread used the graph before, and closes any other session (freeing its
     * array cache).
     *
     * @param sd the graph (or its gradient function)
     * @return the session the next execution on this thread will use
     */
    static ReusedSession bind(final SameDiff sd) {
        final Map<Long, InferenceSession> sessions = sd.getSessions();
        final Long thread = Thread.currentThread().getId(); // NOSONAR: the key SameDiff itself uses in M2.1
        final InferenceSession current = sessions.get(thread);
        if (current instanceof ReusedSession && sessions.size() == 1) {
            return (ReusedSession)current;
        }
        ReusedSession keep = current instanceof ReusedSession ? (ReusedSession)current : null;
        for (final InferenceSession s : sessions.values()) {
            if (keep == null && s instanceof ReusedSession) {
                keep = (ReusedSession)s;
            } else if (s != keep) {
                s.getMmgr().close();
            }
        }
        sessions.clear();
        final ReusedSession session = keep != null ? keep : new ReusedSession(sd);
        sessions.put(thread, session);
        return session;
    }

    /**
     * Frees the arrays the executions since the last call left behind, their results included (see
     * {@link ExecutionMemory#closeOutstanding}); call it once the results have been read.
     *
     * @param keep root data buffers that must survive
     */
    void closeOutstanding(final Set<DataBuffer> keep) {
        memory.closeOutstanding(keep);
    }

    /**
     * Frees the array caches of all sessions of a graph and forgets the sessions (when the network is closed).
     *
     * @param sd the graph (or its gradient function), may be null
     */
    static void closeAll(final SameDiff sd) {
        if (sd == null) {
            return;
        }
        final Map<Long, InferenceSession> sessions = sd.getSessions();
        for (final InferenceSession s : sessions.values()) {
            s.getMmgr().close();
        }
        sessions.clear();
    }

    /** @return number of released-array ids this session currently remembers (for tests) */
    int rememberedIds() {
        return freedArrays.size();
    }

    @Override
    protected Map<String, INDArray> preprocessPlaceholders(final Map<String, INDArray> placeholders, final At at) {
        freedArrays.clear(); // also after a failed execution, which skips postProcessOutputValues
        return super.preprocessPlaceholders(placeholders, at);
    }

    @Override
    protected Map<String, SDValue> postProcessOutputValues(final Map<String, SDValue> output) {
        final Map<String, SDValue> result = super.postProcessOutputValues(output);
        freedArrays.clear();
        return result;
    }
}
