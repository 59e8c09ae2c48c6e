package org.knime.depaf.cli;

import java.nio.file.Path;
import java.util.List;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.image.TiffBitDepth;
import org.knime.depaf.core.poi.AstigmaticPoi;
import org.knime.depaf.core.poi.BeadCalibration;
import org.knime.depaf.core.poi.BeadCalibrationSettings;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.SpikePoi;
import org.knime.depaf.core.resample.Interpolation;
import org.knime.depaf.core.util.OutputPolicy;

import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code depaf poi}: the POI Generator and PSF Calibration nodes; writes the pattern as a 32-bit TIFF. */
@Command(name = "poi", sortOptions = false,
    description = {"Make a pattern of interest (POI) for training: generate a Gaussian PSF, an elliptical spot, an "
        + "astigmatic PSF z-stack or a spike kernel, or calibrate a PSF z-stack from a bead z-stack.", ""},
    subcommands = {PoiCommand.Gaussian.class, PoiCommand.Elliptical.class, PoiCommand.Astigmatic.class,
        PoiCommand.Spike.class, PoiCommand.Calibrate.class},
    footer = {"", "Examples:", "  depaf poi gaussian --fwhm 260 --pixel-size 100 -o psf.tif",
        "  depaf poi calibrate beads.tif --z-step 10 --window 25 -o psf3d.tif"})
final class PoiCommand extends DepafCommand {

    @Override
    int run(final Session session) {
        throw new ParameterException(spec.commandLine(), "missing POI kind; choose one of "
            + String.join(", ", spec.subcommands().keySet()));
    }

    /** Writes the POI and says what it is. */
    abstract static class PoiOutput extends DepafCommand {
        @Option(names = {"-o", "--output"}, required = true, paramLabel = "TIFF", order = 50,
            description = "The POI file to write (32-bit float TIFF).")
        Path output;

        abstract Poi make(Session session);

        /** @return the files the POI is made from (none for generated POIs) */
        List<OutputPolicy.Input> inputs() {
            return List.of();
        }

        @Override
        final int run(final Session session) throws Exception {
            CliFiles.checkOutputs(session, inputs(), CliFiles.out(output, "POI file (-o)", OutputPolicy.Content.TIFF));
            final Poi poi = make(session);
            StackFiles.write(output, new ImageStack(poi.values(), poi.channels(), poi.height(), poi.width(),
                poi.pixelSizeNm(), poi.source()), TiffBitDepth.FLOAT32);
            session.info("POI: %s", poi);
            if (poi.kind() == Poi.Kind.Z_STACK) {
                session.info("It is a z-stack: train with --poi %s --z-step %s", output,
                    CsvOutput.number(poi.zStepNm()));
            }
            session.info("Written to %s", output);
            return DepafCli.EXIT_OK;
        }
    }

    /** Isotropic Gaussian PSF. */
    @Command(name = "gaussian", sortOptions = false, description = "An isotropic 2-D Gaussian PSF.",
        footer = {"", "Examples:", "  depaf poi gaussian --sigma 1.3 -o psf.tif",
            "  depaf poi gaussian --fwhm 260 --pixel-size 100 -o psf.tif"})
    static final class Gaussian extends PoiOutput {
        @ArgGroup(exclusive = true, multiplicity = "1")
        Width width;

        @Option(names = "--pixel-size", paramLabel = "NM", description = "Camera pixel size in nm (with --fwhm).")
        double pixelSizeNm = Double.NaN;

        @Option(names = "--size", paramLabel = "PX", description = "Odd side length (default 2·ceil(3σ)+1).")
        int size;

        @Option(names = "--point-sampled",
            description = "Sample the density at pixel centres instead of integrating it over each pixel.")
        boolean pointSampled;

        static final class Width {
            @Option(names = "--sigma", paramLabel = "PX", required = true,
                description = "Standard deviation in camera pixels.")
            Double sigmaPx;

            @Option(names = "--fwhm", paramLabel = "NM", required = true,
                description = "Full width at half maximum in nm (needs --pixel-size).")
            Double fwhmNm;
        }

        @Override
        Poi make(final Session session) {
            final GaussianPoi.Sampling sampling =
                pointSampled ? GaussianPoi.Sampling.POINT_SAMPLED : GaussianPoi.Sampling.PIXEL_INTEGRATED;
            if (width.sigmaPx != null) {
                return GaussianPoi.ofSigma(width.sigmaPx, size, sampling);
            }
            if (Double.isNaN(pixelSizeNm)) {
                throw new BadInputException("--fwhm needs --pixel-size NM (the camera pixel size)");
            }
            return GaussianPoi.ofFwhm(width.fwhmNm, pixelSizeNm, size, sampling);
        }
    }

    /** Elliptical Gaussian spot (the MERFISH POI). */
    @Command(name = "elliptical", sortOptions = false,
        description = "An elliptical Gaussian spot, peak 1 (the MERFISH spot POI).",
        footer = {"", "Example:", "  depaf poi elliptical --sigma-y 1.2 --sigma-x 1.6 --angle 30 -o spot.tif"})
    static final class Elliptical extends PoiOutput {
        @Option(names = "--sigma-y", required = true, paramLabel = "PX", description = "σ along y, pixels.")
        double sigmaY;

        @Option(names = "--sigma-x", required = true, paramLabel = "PX", description = "σ along x, pixels.")
        double sigmaX;

        @Option(names = "--angle", paramLabel = "DEG", description = "Rotation of the x axis towards +y, degrees.")
        double angleDeg;

        @Override
        Poi make(final Session session) {
            return GaussianPoi.elliptical(sigmaY, sigmaX, Math.toRadians(angleDeg));
        }
    }

    /** Astigmatic Gaussian z-stack. */
    @Command(name = "astigmatic", sortOptions = false,
        description = "A PSF z-stack of an astigmatic Gaussian (for 3-D SMLM with a cylindrical lens).",
        footer = {"", "Example:", "  depaf poi astigmatic --sigma0 1.1 --focal-offset 300 --depth 400 \\",
            "      --slices 101 --z-step 10 --pixel-size 100 -o psf3d.tif"})
    static final class Astigmatic extends PoiOutput {
        @Option(names = "--sigma0", required = true, paramLabel = "PX",
            description = "In-focus standard deviation, pixels.")
        double sigma0;

        @Option(names = "--focal-offset", required = true, paramLabel = "NM",
            description = "x is in focus at +c, y at −c nm.")
        double focalOffsetNm;

        @Option(names = "--depth", required = true, paramLabel = "NM",
            description = "Focal depth d in nm: σ grows by √2 at d from focus.")
        double depthNm;

        @Option(names = "--slices", required = true, paramLabel = "N", description = "Number of z slices.")
        int slices;

        @Option(names = "--z-step", required = true, paramLabel = "NM", description = "Slice spacing in nm.")
        double zStepNm;

        @Option(names = "--size", paramLabel = "PX", description = "Odd side length (default from the widest σ).")
        int size;

        @Option(names = "--pixel-size", paramLabel = "NM", description = "Camera pixel size in nm (recorded).")
        double pixelSizeNm = Double.NaN;

        @Override
        Poi make(final Session session) {
            return new AstigmaticPoi(sigma0, focalOffsetNm, depthNm).zStack(slices, zStepNm, size, pixelSizeNm);
        }
    }

    /** Calcium spike kernel. */
    @Command(name = "spike", sortOptions = false,
        description = "A 1-D calcium spike kernel (instant or exponential rise, exponential decay), peak 1; time "
            + "runs down the column.",
        footer = {"", "Example (30 Hz imaging, GCaMP6s-like decay of ~1 s):",
            "  depaf poi spike --tau 30 --rise 2 -o spike.tif"})
    static final class Spike extends PoiOutput {
        @Option(names = "--tau", required = true, paramLabel = "SAMPLES", description = "Decay time constant.")
        double tau;

        @Option(names = "--rise", paramLabel = "SAMPLES", description = "Rise time constant (0 = instant).")
        double rise;

        @Option(names = "--length", paramLabel = "N", description = "Odd length (default 2·ceil(5τ)+1).")
        int length;

        @Option(names = "--onset", paramLabel = "K",
            description = "Sample of the onset, counted from 1 (default: the centre, so positions are onsets).")
        int onset;

        @Override
        Poi make(final Session session) {
            return SpikePoi.exponential(tau, rise, length, onset <= 0 ? -1 : onset - 1);
        }
    }

    /** PSF z-stack from beads. */
    @Command(name = "calibrate", sortOptions = false,
        description = "Calibrate a PSF z-stack from a z-stack of beads (frames are z slices): find isolated beads "
            + "in the in-focus slice, register and average them.",
        footer = {"", "Example:", "  depaf poi calibrate beads.tif --z-step 10 --window 25 -o psf3d.tif"})
    static final class Calibrate extends PoiOutput {
        @Parameters(index = "0", paramLabel = "BEADS", description = "The bead z-stack (TIFF or MAT).")
        Path beads;

        @Override
        List<OutputPolicy.Input> inputs() {
            return List.of(CliFiles.in(beads, "bead stack (BEADS)"));
        }

        @Option(names = "--z-step", required = true, paramLabel = "NM", description = "Slice spacing in nm.")
        double zStepNm;

        @Option(names = "--window", paramLabel = "PX", defaultValue = "25",
            description = "Odd side of the crop around each bead (default ${DEFAULT-VALUE}).")
        int window;

        @Option(names = "--focus-slice", paramLabel = "K",
            description = "The focal plane (z = 0), counted from 1; beads are also found on it. Default: found "
                + "(astigmatism: where σx = σy; double helix: halfway through the lobes' rotation), beads found "
                + "on the slice with the brightest bead. The POI is cropped so that its centre slice is the focal "
                + "plane.")
        int focusSlice;

        @Option(names = "--bead-threshold", paramLabel = "FRACTION", defaultValue = "0.2",
            description = "Beads must be at least this fraction of the brightest (default ${DEFAULT-VALUE}).")
        double threshold;

        @Option(names = "--min-separation", paramLabel = "PX",
            description = "Reject beads closer than this to another (default: the window size).")
        Double minSeparation;

        @Option(names = "--centroid", description = "Centre beads by centroid instead of a Gaussian fit.")
        boolean centroid;

        @Option(names = "--interpolation", paramLabel = "spline|linear|nearest|cubic", defaultValue = "spline",
            description = "How crops are shifted (default ${DEFAULT-VALUE}).")
        Interpolation interpolation;

        @Option(names = "--pixel-size", paramLabel = "NM", description = "Pixel size in nm, replacing the file's.")
        double pixelSizeNm = Double.NaN;

        @Override
        Poi make(final Session session) {
            ImageStack stack = CliFiles.readStack(beads, "bead stack");
            if (!Double.isNaN(pixelSizeNm)) {
                stack = stack.withPixelSize(pixelSizeNm);
            }
            final BeadCalibrationSettings settings = new BeadCalibrationSettings(window, focusSlice - 1, threshold,
                minSeparation == null ? window : minSeparation, zStepNm,
                centroid ? BeadCalibrationSettings.Registration.CENTROID
                    : BeadCalibrationSettings.Registration.GAUSSIAN_FIT, interpolation);
            try (ProgressMonitor monitor = session.progress("calibrating")) {
                final BeadCalibration.Result r = BeadCalibration.calibrate(stack, settings, monitor);
                monitor.done(null);
                session.info("%s", r);
                return r.poi();
            }
        }
    }
}
