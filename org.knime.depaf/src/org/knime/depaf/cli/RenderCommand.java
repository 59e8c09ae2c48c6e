package org.knime.depaf.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.image.FrameSource;
import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.ColorMap;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.loc.RenderImages;
import org.knime.depaf.core.loc.SuperResolutionRenderer;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code depaf render}: the Super-resolution Renderer node; writes PNG and/or 32-bit TIFF images. */
@Command(name = "render", sortOptions = false,
    description = {"Render localisations into a super-resolution image: a histogram (localisations per render "
        + "pixel) or a sum of Gaussians. PNG for viewing (contrast stretched, colour map), TIFF for measuring "
        + "(32-bit counts, with the render pixel size).", ""},
    footer = {"", "Examples:", "  depaf render localisations.csv -o sr.png",
        "  depaf render localisations.csv --image data.tif --method gaussian \\",
        "      --sigma 20 --render-pixel-size 10 -o sr.png -o sr.tif"})
final class RenderCommand extends DepafCommand {

    /** How localisations become pixels. */
    enum Method {
        /** Localisations per render pixel. */
        HISTOGRAM,
        /** A normalised Gaussian per localisation. */
        GAUSSIAN
    }

    @Parameters(index = "0", paramLabel = "LOCALISATIONS", description = "Localisation CSV (x, y in nm).")
    Path localisations;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "FILE",
        description = "Image to write: .png and/or .tif (repeat -o for both).")
    List<Path> outputs;

    @Option(names = "--method", paramLabel = "histogram|gaussian", defaultValue = "histogram",
        description = "Rendering (default ${DEFAULT-VALUE}).")
    Method method;

    @Option(names = "--render-pixel-size", paramLabel = "NM", defaultValue = "10",
        description = "Pixel size of the rendered image in nm (default ${DEFAULT-VALUE}).")
    double renderPixelNm;

    @Option(names = "--sigma", paramLabel = "NM",
        description = "Gaussian width in nm for --method gaussian (default: each localisation's uncertainty).")
    double sigmaNm = Double.NaN;

    @Option(names = "--image", paramLabel = "STACK",
        description = "The raw stack the localisations come from: the rendered field is its full frame.")
    Path image;

    @Option(names = "--field", paramLabel = "w,h", converter = Converters.DoublePair.class,
        description = "Field width and height in nm (default: from --image, else up to the farthest localisation).")
    Converters.Doubles field;

    @Option(names = "--colormap", paramLabel = "grey|hot|inferno", defaultValue = "hot",
        description = "PNG colour map (default ${DEFAULT-VALUE}).")
    String colormap;

    @Option(names = "--saturate", paramLabel = "PERCENT", defaultValue = "99.5",
        description = "PNG contrast: the brightest (100 − this) %% of non-empty pixels saturate (default "
            + "${DEFAULT-VALUE}).")
    double highPercentile;

    @Override
    int run(final Session session) throws Exception {
        final ColorMap map = ColorMap.parse(colormap);
        final List<OutputPolicy.Output> files = new java.util.ArrayList<>();
        for (final Path p : outputs) {
            files.add(CliFiles.out(p, "image file (-o)", format(p).equals("png") ? OutputPolicy.Content.PNG
                : OutputPolicy.Content.TIFF));
        }
        CliFiles.checkOutputs(session, CliFiles.inputs(CliFiles.in(localisations, "localisation file (LOCALISATIONS)"),
            CliFiles.in(image, "image stack (--image)")), files.toArray(new OutputPolicy.Output[0]));
        final LocalisationTable table = CliFiles.readTable(localisations, "localisation file", Double.NaN);
        final double[] f = field != null ? new double[] {field.first(), field.second()}
            : image != null ? fieldOf(image) : extent(table);
        final SuperResolutionRenderer renderer = new SuperResolutionRenderer(f[0], f[1], renderPixelNm);
        final ImageStack img = render(renderer, table, method, sigmaNm);
        for (final Path p : outputs) {
            write(p, img, map, highPercentile);
        }
        session.info("Rendered %d localisations into %d × %d pixels of %s nm: %s", table.size(), renderer.width(),
            renderer.height(), CsvOutput.number(renderPixelNm), outputs);
        return DepafCli.EXIT_OK;
    }

    /** Renders with the chosen method. */
    static ImageStack render(final SuperResolutionRenderer renderer, final LocalisationTable table,
        final Method method, final double sigmaNm) {
        return method == Method.HISTOGRAM ? renderer.histogram(table) : renderer.gaussian(table, sigmaNm);
    }

    /** Writes a PNG or a 32-bit TIFF, by the extension. */
    static void write(final Path file, final ImageStack img, final ColorMap map, final double highPercentile)
        throws IOException {
        if (format(file).equals("png")) {
            RenderImages.writePng(file, img, map, 0, highPercentile);
        } else {
            RenderImages.writeTiff(file, img);
        }
    }

    private static String format(final Path file) {
        final String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        if (name.endsWith(".png")) {
            return "png";
        }
        if (name.endsWith(".tif") || name.endsWith(".tiff")) {
            return "tif";
        }
        throw new BadInputException("image file '" + file + "': the name must end in .png, .tif or .tiff");
    }

    private static double[] fieldOf(final Path stack) throws IOException {
        try (FrameSource s = CliFiles.openStack(stack, "image stack", Double.NaN)) {
            if (Double.isNaN(s.pixelSizeNm())) {
                throw new BadInputException("image stack '" + stack + "' does not say its pixel size; give the "
                    + "field in nm with --field w,h instead");
            }
            return new double[] {s.width() * s.pixelSizeNm(), s.height() * s.pixelSizeNm()};
        }
    }

    private static double[] extent(final LocalisationTable t) {
        double w = 0;
        double h = 0;
        for (int i = 0; i < t.size(); i++) {
            w = Math.max(w, t.x(i));
            h = Math.max(h, t.y(i));
        }
        if (!(w > 0 && h > 0)) {
            throw new BadInputException("cannot tell the field from the localisations (none, or none at positive "
                + "x and y); give --field w,h in nm or --image STACK");
        }
        return new double[] {Math.nextUp(w), Math.nextUp(h)};
    }
}
