package org.knime.depaf.node.common;

import java.io.IOException;
import java.util.List;

import org.knime.core.node.BufferedDataContainer;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.predict.FilePredictionSink;
import org.knime.depaf.core.predict.PredictionBatch;
import org.knime.depaf.core.predict.PredictionLayout;
import org.knime.depaf.core.predict.PredictionSink;
import org.knime.depaf.node.adapter.ColumnDescriptor;
import org.knime.depaf.node.adapter.LocalisationRows;

/**
 * Where a prediction run inside a node sends its results: localisations become rows of a KNIME table as each batch
 * arrives, image outputs go to TIFF files (in the node's file stores) through the engine's
 * {@link FilePredictionSink}. Not thread-safe (the engine calls sinks from one thread).
 */
public final class PortPredictionSink implements PredictionSink {

    private final FilePredictionSink m_files;
    private final BufferedDataContainer m_table;
    private final List<ColumnDescriptor> m_columns;
    private final Runnable m_afterBatch;
    private long m_rows;

    /**
     * @param files the image outputs' files
     * @param table the localisation table's container, or null when there is none
     * @param columns the table's columns
     * @param afterBatch called after every batch (e.g. to report the row count), may be null
     */
    public PortPredictionSink(final FilePredictionSink files, final BufferedDataContainer table,
        final List<ColumnDescriptor> columns, final Runnable afterBatch) {
        m_files = files;
        m_table = table;
        m_columns = columns;
        m_afterBatch = afterBatch == null ? () -> {
        } : afterBatch;
    }

    /** @return localisations written so far */
    public long rows() {
        return m_rows;
    }

    @Override
    public void begin(final PredictionLayout layout) throws IOException {
        m_files.begin(layout);
    }

    @Override
    public void accept(final PredictionBatch batch) throws IOException {
        m_files.accept(batch);
        final LocalisationTable t = batch.localisations();
        if (m_table != null && t != null) {
            for (int i = 0; i < t.size(); i++) {
                m_table.addRowToTable(KnimeTables.row(m_rows++, m_columns, LocalisationRows.row(t, m_columns, i)));
            }
        }
        m_afterBatch.run();
    }

    @Override
    public void finish() throws IOException {
        m_files.finish();
    }

    @Override
    public void close() throws IOException {
        m_files.close();
    }
}
