package org.knime.depaf.node.port;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipInputStream;
import java.util.zip.ZipOutputStream;

import org.knime.depaf.node.adapter.PropertiesText;

/** Writes and reads the single properties entry that the DEPAF ports' specs and references are saved as. */
final class PortEntries {

    private PortEntries() {
    }

    static void write(final ZipOutputStream out, final String entry, final Map<String, String> content)
        throws IOException {
        out.putNextEntry(new ZipEntry(entry));
        out.write(PropertiesText.write(content));
        out.closeEntry();
    }

    static Map<String, String> read(final ZipInputStream in, final String entry) throws IOException {
        final ZipEntry e = in.getNextEntry();
        if (e == null || !entry.equals(e.getName())) {
            throw new IOException("Expected the entry '" + entry + "' in the saved port content, found "
                + (e == null ? "none" : "'" + e.getName() + "'") + "; re-execute the node that made it");
        }
        return PropertiesText.read(in.readAllBytes());
    }

    /** Starts an entry for raw bytes. */
    static OutputStream begin(final ZipOutputStream out, final String entry) throws IOException {
        out.putNextEntry(new ZipEntry(entry));
        return out;
    }

    /** Finds the next entry, which must have the given name. */
    static InputStream next(final ZipInputStream in, final String entry) throws IOException {
        final ZipEntry e = in.getNextEntry();
        if (e == null || !entry.equals(e.getName())) {
            throw new IOException("Expected the entry '" + entry + "' in the saved port content, found "
                + (e == null ? "none" : "'" + e.getName() + "'") + "; re-execute the node that made it");
        }
        return in;
    }
}
