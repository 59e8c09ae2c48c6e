package org.knime.depaf.core.net;

import java.util.Arrays;

/**
 * A copy of all trainable weights of a network, taken by {@link DepafNetwork#snapshot()} (e.g. the
 * best-validation model) and put back by {@link DepafNetwork#restore(WeightsSnapshot)}. It holds no optimiser
 * state. The layout of the arrays belongs to the backend that made it; only a network of the same backend and
 * configuration can restore it. Immutable (arrays copied in and out).
 */
public final class WeightsSnapshot {

    private final String backend;
    private final NetworkConfig config;
    private final float[][] values;

    /**
     * @param backend name of the backend that made the snapshot
     * @param config configuration of the network
     * @param values one array per parameter, in the backend's order (copied)
     */
    public WeightsSnapshot(final String backend, final NetworkConfig config, final float[][] values) {
        this.backend = backend;
        this.config = config;
        this.values = deepCopy(values);
    }

    private static float[][] deepCopy(final float[][] v) {
        final float[][] c = new float[v.length][];
        for (int i = 0; i < v.length; i++) {
            c[i] = v[i].clone();
        }
        return c;
    }

    /** @return the backend that made it */
    public String backend() {
        return backend;
    }

    /** @return the configuration of the network it was taken from */
    public NetworkConfig config() {
        return config;
    }

    /** @return number of parameter arrays */
    public int size() {
        return values.length;
    }

    /** @return a copy of parameter array i */
    public float[] values(final int i) {
        return values[i].clone();
    }

    /** @return whether both hold the same values for the same backend and configuration */
    @Override
    public boolean equals(final Object o) {
        return o instanceof WeightsSnapshot s && backend.equals(s.backend) && config.equals(s.config)
            && Arrays.deepEquals(values, s.values);
    }

    @Override
    public int hashCode() {
        return Arrays.deepHashCode(values);
    }
}
