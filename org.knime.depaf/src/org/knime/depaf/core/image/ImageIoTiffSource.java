package org.knime.depaf.core.image;

import java.awt.image.ComponentSampleModel;
import java.awt.image.DataBuffer;
import java.awt.image.DataBufferByte;
import java.awt.image.DataBufferDouble;
import java.awt.image.DataBufferFloat;
import java.awt.image.DataBufferInt;
import java.awt.image.DataBufferShort;
import java.awt.image.DataBufferUShort;
import java.awt.image.Raster;
import java.awt.image.SampleModel;
import java.io.IOException;
import java.nio.file.Path;

import javax.imageio.ImageReader;
import javax.imageio.ImageTypeSpecifier;
import javax.imageio.metadata.IIOMetadata;
import javax.imageio.stream.FileImageInputStream;
import javax.imageio.stream.ImageInputStream;

import org.w3c.dom.NamedNodeMap;
import org.w3c.dom.Node;

import com.twelvemonkeys.imageio.plugins.tiff.TIFFImageReaderSpi;

/**
 * Frames of any TIFF that TwelveMonkeys' ImageIO plug-in reads (BigTIFF, tiled, JPEG- or otherwise compressed),
 * one page at a time through {@link ImageReader#read(int)}.
 *
 * <p>Slower than {@link ImageJTiffSource} but more general; only single-sample (grey or palette) pages are
 * accepted. Pages are read as rasters, so values are the stored samples: integers keep their value (unsigned types
 * unsigned), floats are narrowed to float and not clamped, photometric "white is zero" is not inverted. Not
 * thread-safe.
 */
final class ImageIoTiffSource implements FrameSource {

    private static final String NATIVE_FORMAT = "com_sun_media_imageio_plugins_tiff_image_1.0";
    private static final int IMAGE_DESCRIPTION = 270;
    private static final int X_RESOLUTION = 282;
    private static final int RESOLUTION_UNIT = 296;

    private final Path file;
    private final ImageInputStream input;
    private final ImageReader reader;
    private final int frames;
    private final int height;
    private final int width;
    private final double pixelSizeNm;
    private final String source;

    private ImageIoTiffSource(final Path file, final ImageInputStream input, final ImageReader reader,
        final int frames, final int height, final int width, final double pixelSizeNm) {
        this.file = file;
        this.input = input;
        this.reader = reader;
        this.frames = frames;
        this.height = height;
        this.width = width;
        this.pixelSizeNm = pixelSizeNm;
        this.source = file.toString();
    }

    static ImageIoTiffSource open(final Path file) throws IOException {
        final ImageInputStream input = new FileImageInputStream(file.toFile());
        ImageReader reader = null;
        try {
            reader = new TIFFImageReaderSpi().createReaderInstance();
            reader.setInput(input, false, false);
            final int frames = reader.getNumImages(true);
            if (frames < 1) {
                throw TiffReader.corrupt(file, "no readable page");
            }
            final int height = reader.getHeight(0);
            final int width = reader.getWidth(0);
            if (height < 1 || width < 1) {
                throw TiffReader.corrupt(file, "page 1 is " + width + " × " + height + " pixels");
            }
            for (int p = 0; p < frames; p++) {
                if (reader.getHeight(p) != height || reader.getWidth(p) != width) {
                    throw new IOException(file + ": page " + (p + 1) + " is " + reader.getHeight(p) + " × "
                        + reader.getWidth(p) + " pixels (rows × columns) but page 1 is " + height + " × " + width
                        + "; all pages of a stack must have the same size");
                }
            }
            final ImageTypeSpecifier type = reader.getRawImageType(0);
            if (type != null && type.getSampleModel().getNumBands() != 1) {
                throw new IOException(file + ": colour TIFF files (" + type.getSampleModel().getNumBands()
                    + " samples per pixel) are not supported; DEPAF needs grey frames. Convert the stack to 8-, 16- "
                    + "or 32-bit grey first (in ImageJ: Image > Type > 32-bit)");
            }
            final double nm = pixelSize(reader.getImageMetadata(0));
            return new ImageIoTiffSource(file, input, reader, frames, height, width, nm);
        } catch (IOException | RuntimeException e) {
            if (reader != null) {
                reader.dispose();
            }
            input.close();
            if (e instanceof IOException && String.valueOf(e.getMessage()).startsWith(file.toString())) {
                throw e;
            }
            throw TiffReader.corrupt(file, "it cannot be decoded (" + e + ")");
        }
    }

    /** Pixel size from TIFF native metadata: ImageJ description unit, resolution and resolution unit. */
    private static double pixelSize(final IIOMetadata metadata) {
        if (metadata == null || !NATIVE_FORMAT.equals(metadata.getNativeMetadataFormatName())) {
            return Double.NaN;
        }
        String description = null;
        double xres = Double.NaN;
        int unit = TiffCalibration.UNIT_ABSENT;
        final Node root = metadata.getAsTree(NATIVE_FORMAT);
        for (Node ifd = root.getFirstChild(); ifd != null; ifd = ifd.getNextSibling()) {
            for (Node field = ifd.getFirstChild(); field != null; field = field.getNextSibling()) {
                final String number = attribute(field, "number");
                if (number == null) {
                    continue;
                }
                final String value = firstValue(field);
                if (value == null) {
                    continue;
                }
                try {
                    switch (Integer.parseInt(number)) {
                        case IMAGE_DESCRIPTION:
                            description = value;
                            break;
                        case X_RESOLUTION:
                            xres = rational(value);
                            break;
                        case RESOLUTION_UNIT:
                            unit = Integer.parseInt(value.trim());
                            break;
                        default:
                            break;
                    }
                } catch (NumberFormatException e) { // NOSONAR: unreadable metadata means "pixel size unknown"
                    // keep what was found so far
                }
            }
            break; // the first IFD only
        }
        return TiffCalibration.pixelSizeNm(description, unit, xres);
    }

    private static double rational(final String v) {
        final int slash = v.indexOf('/');
        if (slash < 0) {
            return Double.parseDouble(v.trim());
        }
        final double den = Double.parseDouble(v.substring(slash + 1).trim());
        return den == 0 ? Double.NaN : Double.parseDouble(v.substring(0, slash).trim()) / den;
    }

    private static String attribute(final Node node, final String name) {
        final NamedNodeMap attributes = node.getAttributes();
        if (attributes == null) {
            return null;
        }
        final Node a = attributes.getNamedItem(name);
        return a == null ? null : a.getNodeValue();
    }

    /** @return the "value" attribute of the first grandchild (TIFFField → TIFFShorts → TIFFShort value=...) */
    private static String firstValue(final Node field) {
        for (Node list = field.getFirstChild(); list != null; list = list.getNextSibling()) {
            for (Node v = list.getFirstChild(); v != null; v = v.getNextSibling()) {
                final String value = attribute(v, "value");
                if (value != null) {
                    return value;
                }
            }
        }
        return null;
    }

    @Override
    public int frames() {
        return frames;
    }

    @Override
    public int height() {
        return height;
    }

    @Override
    public int width() {
        return width;
    }

    @Override
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    @Override
    public String source() {
        return source;
    }

    @Override
    public ImageStack read(final int first, final int count) throws IOException {
        FrameSource.requireRange(source, frames, first, count);
        final int n = width * height;
        final float[] out = new float[Math.multiplyExact(count, n)];
        for (int k = 0; k < count; k++) {
            final Raster raster;
            try {
                // readRaster, not read: read() clamps float samples to [0, 1] and applies photometric conversions
                raster = reader.readRaster(first + k, null);
            } catch (IOException | RuntimeException e) {
                throw TiffReader.corrupt(file, "frame " + (first + k + 1) + " cannot be read (" + e + ")");
            }
            copy(raster, out, k * n);
        }
        return new ImageStack(out, count, height, width, pixelSizeNm, source);
    }

    /** Copies band 0 of a raster, directly from the data array for the usual single-bank layouts. */
    private void copy(final Raster raster, final float[] out, final int off) {
        final SampleModel sm = raster.getSampleModel();
        final DataBuffer db = raster.getDataBuffer();
        if (sm instanceof ComponentSampleModel && db.getNumBanks() == 1 && raster.getSampleModelTranslateX() == 0
            && raster.getSampleModelTranslateY() == 0 && raster.getWidth() == width && raster.getHeight() == height) {
            final ComponentSampleModel c = (ComponentSampleModel)sm;
            final int stride = c.getScanlineStride();
            final int step = c.getPixelStride();
            final int base = db.getOffset() + c.getBandOffsets()[0];
            if (copyDirect(db, base, stride, step, out, off)) {
                return;
            }
        }
        final float[] row = new float[width];
        for (int y = 0; y < height; y++) {
            raster.getSamples(0, y, width, 1, 0, row);
            System.arraycopy(row, 0, out, off + y * width, width);
        }
    }

    private boolean copyDirect(final DataBuffer db, final int base, final int stride, final int step,
        final float[] out, final int off) {
        for (int y = 0; y < height; y++) {
            final int o = off + y * width;
            final int s = base + y * stride;
            if (db instanceof DataBufferByte) {
                final byte[] a = ((DataBufferByte)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = a[s + x * step] & 0xff;
                }
            } else if (db instanceof DataBufferUShort) {
                final short[] a = ((DataBufferUShort)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = a[s + x * step] & 0xffff;
                }
            } else if (db instanceof DataBufferShort) {
                final short[] a = ((DataBufferShort)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = a[s + x * step];
                }
            } else if (db instanceof DataBufferInt) {
                final int[] a = ((DataBufferInt)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = a[s + x * step];
                }
            } else if (db instanceof DataBufferFloat) {
                final float[] a = ((DataBufferFloat)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = a[s + x * step];
                }
            } else if (db instanceof DataBufferDouble) {
                final double[] a = ((DataBufferDouble)db).getData();
                for (int x = 0; x < width; x++) {
                    out[o + x] = (float)a[s + x * step];
                }
            } else {
                return false;
            }
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        reader.dispose();
        input.close();
    }

    @Override
    public String toString() {
        return "TIFF " + source + " [" + frames + " × " + height + " × " + width + "]";
    }
}
