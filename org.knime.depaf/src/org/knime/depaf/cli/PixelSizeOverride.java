package org.knime.depaf.cli;

import java.io.IOException;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;

/** A stack whose pixel size the user gave (--pixel-size), replacing what the file says. Not thread-safe. */
final class PixelSizeOverride implements FrameSource {

    private final FrameSource source;
    private final double pixelSizeNm;

    /**
     * @param source the stack (closed with this)
     * @param pixelSizeNm the pixel size in nm, &gt; 0
     */
    PixelSizeOverride(final FrameSource source, final double pixelSizeNm) {
        this.source = source;
        this.pixelSizeNm = pixelSizeNm;
    }

    @Override
    public int frames() {
        return source.frames();
    }

    @Override
    public int height() {
        return source.height();
    }

    @Override
    public int width() {
        return source.width();
    }

    @Override
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    @Override
    public String source() {
        return source.source();
    }

    @Override
    public ImageStack read(final int first, final int count) throws IOException {
        return source.read(first, count).withPixelSize(pixelSizeNm);
    }

    @Override
    public void close() throws IOException {
        source.close();
    }
}
