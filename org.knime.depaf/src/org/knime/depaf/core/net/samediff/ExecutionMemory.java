package org.knime.depaf.core.net.samediff;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Set;

import org.nd4j.autodiff.samediff.internal.memory.ArrayCacheMemoryMgr;
import org.nd4j.linalg.api.buffer.DataBuffer;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.shape.LongShapeDescriptor;

/**
 * SameDiff's array cache for one session, which also remembers every array it hands out so that whatever an
 * execution left behind can be freed once its results have been read ({@link #closeOutstanding}).
 *
 * <p>Why: SameDiff releases an intermediate array into this cache as soon as no op needs it any more, but not the
 * arrays it returns, and not any intermediate array of a gradient computation (SameDiff 1.0.0-M2.1 turns array
 * release off for its gradient function). Those arrays would otherwise hold their native memory (hundreds of MiB
 * per training step of a mid-sized network) until the JVM happens to collect them. Arrays that sit in the cache
 * are kept for reuse. Not thread-safe.
 */
final class ExecutionMemory extends ArrayCacheMemoryMgr {

    private final List<INDArray> handedOut = new ArrayList<>();

    @Override
    public INDArray allocate(final boolean detached, final DataType dataType, final long... shape) {
        return remember(super.allocate(detached, dataType, shape));
    }

    @Override
    public INDArray allocate(final boolean detached, final LongShapeDescriptor descriptor) {
        return remember(super.allocate(detached, descriptor));
    }

    private INDArray remember(final INDArray a) {
        if (a != null) {
            handedOut.add(a);
        }
        return a;
    }

    /**
     * Closes every array handed out since the last call that is not waiting in the cache for reuse and does not
     * share its data buffer with one of {@code keep}. Call it when the execution's results have been read: the
     * arrays it returned are closed too.
     *
     * @param keep root data buffers that must survive (weights, optimiser state, cached placeholders)
     */
    void closeOutstanding(final Set<DataBuffer> keep) {
        final Set<INDArray> cached = Collections.newSetFromMap(new IdentityHashMap<>());
        cached.addAll(getLruCacheValues().values());
        for (final INDArray a : handedOut) {
            if (!cached.contains(a) && !keep.contains(rootBuffer(a))) {
                SameDiffNetwork.closeQuietly(a);
            }
        }
        handedOut.clear();
    }

    @Override
    public void close() {
        handedOut.clear(); // arrays of a finished execution were closed by closeOutstanding
        super.close();
    }

    /** @return the buffer that owns the array's memory (a view's buffer points to its original) */
    static DataBuffer rootBuffer(final INDArray a) {
        DataBuffer d = a.data();
        while (d != null && d.originalDataBuffer() != null && d.originalDataBuffer() != d) {
            d = d.originalDataBuffer();
        }
        return d;
    }
}
