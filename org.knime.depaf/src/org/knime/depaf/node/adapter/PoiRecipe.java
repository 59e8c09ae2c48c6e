package org.knime.depaf.node.adapter;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.Optional;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.image.StackFiles;
import org.knime.depaf.core.poi.BeadCalibration;
import org.knime.depaf.core.poi.BeadCalibrationSettings;
import org.knime.depaf.core.poi.GaussianPoi;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.poi.PoiLoader;
import org.knime.depaf.core.poi.SpikePoi;
import org.knime.depaf.core.util.Monitor;

/**
 * The POI Reader's options as plain values, and how they make a {@link Poi}: read from a file, generated (Gaussian by
 * σ or FWHM, elliptical Gaussian, 1-D spike) or calibrated from a bead z-stack.
 *
 * <p>Lengths: σ values in camera pixels, FWHM, pixel size and z step in nm, spike time constants in samples (frames).
 * 0 means "not set" for the pixel size (then it is unknown unless the FWHM mode needs it), the POI size (the
 * default) and the bead focus slice (the brightest slice).
 *
 * @param source how the POI is made
 * @param file the POI or bead file (TIFF or MAT) for {@link Source#FILE} and {@link Source#BEADS}
 * @param pixelSizeNm camera pixel size in nm, or 0 when unknown (required for {@link Source#GAUSSIAN_FWHM})
 * @param zStepNm slice spacing of a z-stack in nm (files with several frames and bead stacks), or 0 when unknown
 * @param sigmaPx Gaussian σ in pixels ({@link Source#GAUSSIAN_SIGMA})
 * @param fwhmNm Gaussian FWHM in nm ({@link Source#GAUSSIAN_FWHM})
 * @param sizePx side of the Gaussian POI in pixels (odd), or 0 for 2·ceil(3σ) + 1
 * @param sigmaYPx elliptical σ along y, pixels
 * @param sigmaXPx elliptical σ along x, pixels
 * @param angleDeg elliptical rotation, degrees
 * @param tauSamples spike decay time constant in samples (frames)
 * @param riseSamples spike rise time constant in samples, 0 for an instant rise
 * @param beadWindowPx side of the window cut around each bead, pixels (odd)
 * @param beadFocusSlice in-focus slice of the bead stack, 1-based, or 0 for the brightest
 */
public record PoiRecipe(Source source, String file, double pixelSizeNm, double zStepNm, double sigmaPx, double fwhmNm,
    int sizePx, double sigmaYPx, double sigmaXPx, double angleDeg, double tauSamples, double riseSamples,
    int beadWindowPx, int beadFocusSlice) {

    /** How the POI is made. */
    public enum Source {
        /** Read from a TIFF or MAT file. */
        FILE,
        /** Isotropic Gaussian by σ in pixels. */
        GAUSSIAN_SIGMA,
        /** Isotropic Gaussian by FWHM in nm. */
        GAUSSIAN_FWHM,
        /** Elliptical (optionally rotated) Gaussian. */
        ELLIPTICAL,
        /** 1-D exponential spike (calcium transient). */
        SPIKE,
        /** Calibrated from a z-stack of beads. */
        BEADS
    }

    /** @return the POI Reader's defaults: a Gaussian of σ = 1.3 px (a typical SMLM PSF at 100 nm pixels) */
    public static PoiRecipe defaults() {
        return new PoiRecipe(Source.GAUSSIAN_SIGMA, "", 0, 0, 1.3, 300, 0, 1.5, 1.0, 0, 5, 0, 15, 0);
    }

    /**
     * Checks the options the chosen source uses; a file source needs its file.
     *
     * @throws IllegalArgumentException naming the option as the dialog shows it and saying what to change
     */
    public void validate() {
        validate(true);
    }

    /**
     * Checks the settings as KNIME stores them: like {@link #validate()}, but a file not chosen yet (a node just
     * added, a workflow template) is left for {@link #validate()} to report when the node is configured.
     *
     * @throws IllegalArgumentException naming the option and saying what to change
     */
    public void validateSettings() {
        validate(false);
    }

    private void validate(final boolean requireFile) {
        if (source == null) {
            throw new IllegalArgumentException("POI source: choose how the POI is made");
        }
        require(pixelSizeNm >= 0 && Double.isFinite(pixelSizeNm), "Pixel size", pixelSizeNm,
            "a number of nm > 0, or 0 when unknown");
        require(zStepNm >= 0 && Double.isFinite(zStepNm), "z step", zStepNm, "a number of nm > 0, or 0 when unknown");
        switch (source) {
            case FILE, BEADS -> {
                if (requireFile && (file == null || file.isBlank())) {
                    throw new IllegalArgumentException((source == Source.FILE ? "POI file" : "Bead stack file")
                        + ": enter the path of a TIFF (.tif, .tiff) or MATLAB (.mat) file");
                }
                if (source == Source.BEADS) {
                    require(zStepNm > 0, "z step", zStepNm, "the spacing of the bead stack's slices in nm (> 0)");
                    require(beadWindowPx >= 3 && beadWindowPx % 2 == 1, "Bead window", beadWindowPx,
                        "an odd number of pixels ≥ 3 (e.g. 15)");
                    require(beadFocusSlice >= 0, "Focus slice", beadFocusSlice,
                        "a 1-based slice number, or 0 for the brightest slice");
                }
            }
            case GAUSSIAN_SIGMA -> require(sigmaPx > 0 && Double.isFinite(sigmaPx), "σ", sigmaPx,
                "a number of pixels > 0 (typically 1 to 2)");
            case GAUSSIAN_FWHM -> {
                require(fwhmNm > 0 && Double.isFinite(fwhmNm), "FWHM", fwhmNm, "a number of nm > 0 (e.g. 300)");
                require(pixelSizeNm > 0, "Pixel size", pixelSizeNm, "the camera pixel size in nm (> 0): the FWHM is "
                    + "converted to pixels with it");
            }
            case ELLIPTICAL -> {
                require(sigmaYPx > 0 && Double.isFinite(sigmaYPx), "σ y", sigmaYPx, "a number of pixels > 0");
                require(sigmaXPx > 0 && Double.isFinite(sigmaXPx), "σ x", sigmaXPx, "a number of pixels > 0");
                require(Double.isFinite(angleDeg), "Angle", angleDeg, "a finite number of degrees");
            }
            case SPIKE -> {
                require(tauSamples > 0 && Double.isFinite(tauSamples), "Decay time constant", tauSamples,
                    "a number of samples (frames) > 0");
                require(riseSamples >= 0 && Double.isFinite(riseSamples), "Rise time constant", riseSamples,
                    "a number of samples ≥ 0 (0 for an instant rise)");
            }
            default -> throw new IllegalStateException(source.name());
        }
        if (source == Source.GAUSSIAN_SIGMA || source == Source.GAUSSIAN_FWHM) {
            require(sizePx == 0 || sizePx >= 3 && sizePx % 2 == 1, "POI size", sizePx,
                "an odd number of pixels ≥ 3, or 0 for 2·ceil(3σ) + 1");
        }
    }

    /**
     * Makes the POI.
     *
     * @param monitor progress and cancellation (bead calibration)
     * @return the POI, with the pixel size set when it is given
     * @throws IOException if a file cannot be read (the message names it)
     * @throws IllegalArgumentException as {@link #validate()}, or when the file's content is no usable POI
     */
    public Poi create(final Monitor monitor) throws IOException {
        return make(monitor);
    }

    /**
     * The POI when it can be made without reading a file (the generated kinds), so that a node can describe it
     * before it runs.
     *
     * @return the POI, or empty for a POI read from a file or calibrated from beads
     * @throws IllegalArgumentException as {@link #validate()}
     */
    public Optional<Poi> generated() {
        if (source == Source.FILE || source == Source.BEADS) {
            return Optional.empty();
        }
        try {
            return Optional.of(make(Monitor.NONE));
        } catch (IOException e) {
            throw new IllegalStateException("A generated POI read a file", e);
        }
    }

    private Poi make(final Monitor monitor) throws IOException {
        validate();
        final double z = zStepNm > 0 ? zStepNm : Double.NaN;
        final Poi poi = switch (source) {
            case FILE -> PoiLoader.load(existing(file, "POI file"), z);
            case GAUSSIAN_SIGMA -> GaussianPoi.ofSigma(sigmaPx, sizePx, GaussianPoi.Sampling.PIXEL_INTEGRATED);
            case GAUSSIAN_FWHM -> GaussianPoi.ofFwhm(fwhmNm, pixelSizeNm, sizePx,
                GaussianPoi.Sampling.PIXEL_INTEGRATED);
            case ELLIPTICAL -> GaussianPoi.elliptical(sigmaYPx, sigmaXPx, Math.toRadians(angleDeg));
            case SPIKE -> SpikePoi.exponential(tauSamples, riseSamples, 0, -1);
            case BEADS -> beads(monitor);
        };
        return pixelSizeNm > 0 ? withPixelSize(poi, pixelSizeNm) : poi;
    }

    private Poi beads(final Monitor monitor) throws IOException {
        final ImageStack stack = StackFiles.read(existing(file, "Bead stack file"));
        BeadCalibrationSettings settings = BeadCalibrationSettings.defaults(beadWindowPx, zStepNm);
        if (beadFocusSlice > 0) {
            if (beadFocusSlice > stack.frames()) {
                throw new IllegalArgumentException("Focus slice " + beadFocusSlice + " is beyond the " + stack.frames()
                    + " slices of " + file + "; enter a slice between 1 and " + stack.frames()
                    + ", or 0 for the brightest");
            }
            settings = settings.withFocusSlice(beadFocusSlice - 1);
        }
        return BeadCalibration.calibrate(pixelSizeNm > 0 ? stack.withPixelSize(pixelSizeNm) : stack, settings, monitor)
            .poi();
    }

    private static Poi withPixelSize(final Poi p, final double nm) {
        return new Poi(p.values(), p.channels(), p.height(), p.width(), p.kind(), nm, p.zStepNm(), p.source());
    }

    private static Path existing(final String file, final String option) {
        final Path p = Path.of(file.trim());
        if (!Files.isRegularFile(p)) {
            throw new IllegalArgumentException(option + ": the file " + p + " does not exist; check the path");
        }
        return p;
    }

    private static void require(final boolean ok, final String option, final Object got, final String expected) {
        if (!ok) {
            throw new IllegalArgumentException(option + " must be " + expected + "; it is "
                + String.format(Locale.ROOT, "%s", got));
        }
    }
}
