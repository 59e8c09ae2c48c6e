package org.knime.depaf.core.net.samediff;

/**
 * A trainable parameter of the graph: its SameDiff name, shape and He fan-in (0 for biases, which start at 0).
 */
record ParamSpec(String name, long[] shape, int fanIn) {

    /** @return number of values */
    long length() {
        long n = 1;
        for (final long s : shape) {
            n *= s;
        }
        return n;
    }
}
