package org.knime.core.internal;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.internal.SerializerMethodLoader} (see README.md): here only
 * as a supertype of other placeholders, so their supertypes match KNIME's.
 */
public final class SerializerMethodLoader {

    private SerializerMethodLoader() {
        throw new UnsupportedOperationException();
    }

    /** The port (spec) serializers' supertype. */
    public interface Serializer<T> {
    }
}
