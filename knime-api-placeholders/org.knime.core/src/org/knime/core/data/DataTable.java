package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataTable} (see README.md). */
public interface DataTable extends Iterable<DataRow> {

    DataTableSpec getDataTableSpec();
}
