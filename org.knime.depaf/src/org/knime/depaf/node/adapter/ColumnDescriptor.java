package org.knime.depaf.node.adapter;

import java.util.Objects;

/**
 * A table column as the adapters describe it: its name (with the unit, e.g. {@code x [nm]}) and the kind of its
 * values. Row values are {@link Integer} for {@link Kind#INT}, {@link Long} for {@link Kind#LONG}, {@link Double}
 * for {@link Kind#DOUBLE} and {@link String} for {@link Kind#STRING}, or {@code null} for a missing value.
 *
 * @param name the column name, not empty
 * @param kind the kind of its values
 */
public record ColumnDescriptor(String name, Kind kind) {

    /** Value kinds; the nodes map them to KNIME's integer, long, double and string cells. */
    public enum Kind {
        /** 32-bit integers. */
        INT,
        /** 64-bit integers. */
        LONG,
        /** 64-bit floating point numbers. */
        DOUBLE,
        /** Text. */
        STRING
    }

    /** Checks the fields. */
    public ColumnDescriptor {
        Objects.requireNonNull(kind, "kind");
        if (name == null || name.isBlank()) {
            throw new IllegalArgumentException("A column needs a name, got '" + name + "'");
        }
    }
}
