package org.knime.core.data;

/** Compile-only placeholder of KNIME's {@code org.knime.core.data.DataRow} (see README.md). */
public interface DataRow extends Iterable<DataCell> {

    int getNumCells();

    DataCell getCell(final int index);
}
