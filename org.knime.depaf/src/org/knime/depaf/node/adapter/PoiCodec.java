package org.knime.depaf.node.adapter;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

import org.knime.depaf.core.poi.Poi;

/**
 * POIs as bytes (the POI port's content) and their description as text entries (the POI port's spec). POIs are
 * small (a z-stack of 41 slices of 31 × 31 values is 160 kB), so the port keeps them whole. The byte format is
 * exact: every float and the pixel size, z step and source come back unchanged. Stateless.
 */
public final class PoiCodec {

    private static final int MAGIC = 0x44504F49; // "DPOI"

    private static final int VERSION = 1;

    private static final String WHAT = "POI description";

    private PoiCodec() {
    }

    /** Writes a POI (the stream is flushed, not closed). */
    public static void write(final Poi poi, final OutputStream out) throws IOException {
        final DataOutputStream d = new DataOutputStream(out);
        d.writeInt(MAGIC);
        d.writeInt(VERSION);
        d.writeUTF(poi.kind().name());
        d.writeInt(poi.channels());
        d.writeInt(poi.height());
        d.writeInt(poi.width());
        d.writeDouble(poi.pixelSizeNm());
        d.writeDouble(poi.zStepNm());
        d.writeUTF(poi.source());
        for (final float v : poi.values()) {
            d.writeFloat(v);
        }
        d.flush();
    }

    /**
     * Reads a POI written by {@link #write} (the stream is not closed).
     *
     * @throws IOException if the bytes are not such a POI
     */
    public static Poi read(final InputStream in) throws IOException {
        final DataInputStream d = new DataInputStream(in);
        if (d.readInt() != MAGIC) {
            throw new IOException("Not a DEPAF POI (wrong signature)");
        }
        final int version = d.readInt();
        if (version != VERSION) {
            throw new IOException("DEPAF POI format version " + version + " is not supported; this DEPAF reads "
                + VERSION + ". Re-execute the POI Reader.");
        }
        final Poi.Kind kind;
        try {
            kind = Poi.Kind.valueOf(d.readUTF());
        } catch (IllegalArgumentException e) {
            throw new IOException("DEPAF POI has an unknown kind", e);
        }
        final int c = d.readInt();
        final int h = d.readInt();
        final int w = d.readInt();
        final double px = d.readDouble();
        final double z = d.readDouble();
        final String source = d.readUTF();
        if (c < 1 || h < 1 || w < 1 || (long)c * h * w > Integer.MAX_VALUE) {
            throw new IOException("DEPAF POI is damaged: size " + c + " × " + h + " × " + w);
        }
        final float[] values = new float[c * h * w];
        for (int i = 0; i < values.length; i++) {
            values[i] = d.readFloat();
        }
        try {
            return new Poi(values, c, h, w, kind, px, z, source);
        } catch (IllegalArgumentException e) {
            throw new IOException("DEPAF POI is damaged: " + e.getMessage(), e);
        }
    }

    /** @return the POI's description as text entries: kind, size, pixel size, z step, source */
    public static Map<String, String> describe(final Poi poi) {
        final Map<String, String> m = new LinkedHashMap<>();
        m.put("kind", poi.kind().name());
        m.put("channels", Integer.toString(poi.channels()));
        m.put("height", Integer.toString(poi.height()));
        m.put("width", Integer.toString(poi.width()));
        m.put("pixelSizeNm", Double.toString(poi.pixelSizeNm()));
        m.put("zStepNm", Double.toString(poi.zStepNm()));
        m.put("source", poi.source());
        return m;
    }

    /**
     * @param description entries of {@link #describe}
     * @return the POI's kind
     * @throws IOException if the entry is missing or unknown
     */
    public static Poi.Kind kind(final Map<String, String> description) throws IOException {
        try {
            return Poi.Kind.valueOf(PropertiesText.required(description, "kind", WHAT));
        } catch (IllegalArgumentException e) {
            throw new IOException(WHAT + ": unknown kind " + description.get("kind"), e);
        }
    }

    /** @return a one-line summary of a description, e.g. "2-D POI 15 × 15 px, 100.0 nm/px, Gaussian σ = 1.3 px" */
    public static String summary(final Map<String, String> d) {
        final String kind = switch (d.getOrDefault("kind", "")) {
            case "Z_STACK" -> "z-stack POI of " + d.get("channels") + " slices (step " + d.get("zStepNm") + " nm)";
            case "TRACE_1D" -> "1-D POI";
            case "PATTERN_2D" -> "2-D POI";
            default -> "POI";
        };
        final String px = "NaN".equals(d.get("pixelSizeNm")) ? "pixel size unknown" : d.get("pixelSizeNm") + " nm/px";
        return kind + ", " + d.get("height") + " × " + d.get("width") + " px, " + px + ", " + d.get("source");
    }
}
