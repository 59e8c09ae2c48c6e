package org.knime.depaf.node.adapter;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Properties;
import java.util.TreeMap;

/**
 * Small key–value texts in the Java properties format, sorted by key, without the date comment, so that the same
 * content always gives the same bytes. The ports store their specs and references this way. Stateless.
 */
public final class PropertiesText {

    private PropertiesText() {
    }

    /** @return the entries as UTF-8 properties text, sorted by key */
    public static byte[] write(final Map<String, String> entries) {
        final StringBuilder sb = new StringBuilder();
        for (final Map.Entry<String, String> e : new TreeMap<>(entries).entrySet()) {
            final Properties one = new Properties();
            one.setProperty(e.getKey(), e.getValue());
            final StringWriter w = new StringWriter();
            try {
                one.store(w, null);
            } catch (IOException ex) {
                throw new IllegalStateException(ex); // a StringWriter does not fail
            }
            // store() writes a date comment line first; keep only the entry line
            final String text = w.toString();
            sb.append(text.substring(text.indexOf('\n') + 1));
        }
        return sb.toString().getBytes(StandardCharsets.UTF_8);
    }

    /**
     * @param bytes UTF-8 properties text
     * @return the entries, sorted by key
     * @throws IOException if the text is not a properties text
     */
    public static Map<String, String> read(final byte[] bytes) throws IOException {
        final Properties p = new Properties();
        try {
            p.load(new StringReader(new String(bytes, StandardCharsets.UTF_8)));
        } catch (IllegalArgumentException e) {
            throw new IOException("Not a properties text: " + e.getMessage(), e);
        }
        final Map<String, String> out = new TreeMap<>();
        for (final String k : p.stringPropertyNames()) {
            out.put(k, p.getProperty(k));
        }
        return out;
    }

    /**
     * @return the value of a key
     * @throws IOException naming the key and what it describes when it is missing
     */
    static String required(final Map<String, String> m, final String key, final String what) throws IOException {
        final String v = m.get(key);
        if (v == null) {
            throw new IOException(what + ": the entry '" + key + "' is missing");
        }
        return v;
    }

    /** @return a number entry; "NaN" allowed */
    static double number(final Map<String, String> m, final String key, final String what) throws IOException {
        try {
            return Double.parseDouble(required(m, key, what));
        } catch (NumberFormatException e) {
            throw new IOException(what + ": the entry '" + key + "' is not a number: " + m.get(key), e);
        }
    }

    /** @return an integer entry */
    static int integer(final Map<String, String> m, final String key, final String what) throws IOException {
        try {
            return Integer.parseInt(required(m, key, what));
        } catch (NumberFormatException e) {
            throw new IOException(what + ": the entry '" + key + "' is not an integer: " + m.get(key), e);
        }
    }
}
