package org.knime.depaf.core.forward;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Remembers POI samples ({@link PoiSampler#shifted shifted spots} and {@link PoiSampler#sliceAt z-slices})
 * between calls with the same arguments.
 *
 * <p>The threshold search (§11) detects and re-synthesises the same patch at many nearby thresholds; most
 * groups, hence most sub-pixel offsets and z values, repeat from one threshold to the next, and sampling the
 * POI is the dominant cost. The cache is generational: {@link #nextGeneration()} forgets every entry not
 * used since the previous call, so memory stays proportional to the spots of about one evaluation. Results
 * are bit-identical to uncached sampling (keys are the exact argument values).
 *
 * <p>Not thread-safe: use one cache per thread (or per patch). Returned arrays are shared with the cache
 * and must not be modified.
 */
public final class SampleCache {

    private record Key(long dy, long dx, long z) {
        Key(final double dy, final double dx, final double z) {
            this(Double.doubleToLongBits(dy), Double.doubleToLongBits(dx), Double.doubleToLongBits(z));
        }
    }

    private static final double SLICE = Double.NaN;

    private final PoiSampler sampler;
    private Map<Key, float[]> current = new HashMap<>();
    private Map<Key, float[]> previous = new HashMap<>();

    /** @param sampler the POI sampler whose results are cached */
    public SampleCache(final PoiSampler sampler) {
        this.sampler = Objects.requireNonNull(sampler, "sampler");
    }

    /** @return the sampler */
    public PoiSampler sampler() {
        return sampler;
    }

    /**
     * @return {@link PoiSampler#shifted} for these arguments (shared array, do not modify)
     */
    public float[] shifted(final double dy, final double dx, final double z) {
        final Key key = new Key(dy, dx, sampler.channels() == 1 ? 0 : z);
        float[] v = lookup(key);
        if (v == null) {
            v = new float[sampler.height() * sampler.width()];
            sampler.shifted(dy, dx, z, v);
            current.put(key, v);
        }
        return v;
    }

    /**
     * @return {@link PoiSampler#sliceAt} for this z (shared array, do not modify)
     */
    public float[] sliceAt(final double z) {
        final Key key = new Key(SLICE, SLICE, sampler.channels() == 1 ? 0 : z);
        float[] v = lookup(key);
        if (v == null) {
            v = new float[sampler.height() * sampler.width()];
            sampler.sliceAt(z, v);
            current.put(key, v);
        }
        return v;
    }

    /** Starts a new generation: entries not used since the previous call are dropped. */
    public void nextGeneration() {
        previous = current;
        current = new HashMap<>(Math.max(16, previous.size() * 2));
    }

    /** @return number of entries held */
    public int size() {
        return current.size() + previous.size();
    }

    private float[] lookup(final Key key) {
        float[] v = current.get(key);
        if (v == null) {
            v = previous.remove(key);
            if (v != null) {
                current.put(key, v);
            }
        }
        return v;
    }
}
