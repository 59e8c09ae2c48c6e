package org.knime.depaf.core.sim;

import java.util.List;
import java.util.Locale;

import org.knime.depaf.core.fit.CameraCalibration;
import org.knime.depaf.core.image.TiffBitDepth;

/**
 * The complete, typed configuration of a simulated SMLM acquisition; units are in the component names.
 *
 * <p>Only {@link SmlmSimulator#fromConfig} reads it; each component gets its own part. The defaults
 * ({@link #default2d()}) match the reference data of the project: 100 nm pixels, an EMCCD of the 2016 SMLM
 * challenge (QE 0.9, EM gain 300, 45 e⁻/ADU, so ≈ 6 ADU per photon, baseline 100 ADU, read noise 74.4 e⁻).
 * Records are immutable; the {@code with…} methods return modified copies.
 *
 * @param seed master seed; every random stream of the simulation derives from it
 * @param frames number of frames, ≥ 1
 * @param widthPx frame width in pixels, ≥ 1
 * @param heightPx frame height in pixels, ≥ 1
 * @param pixelSizeNm camera pixel size in nm (object space), &gt; 0
 * @param emitters where emitters are, how many per frame and how bright
 * @param optics the PSF
 * @param background the background
 * @param camera the camera
 */
public record SimulationConfig(long seed, int frames, int widthPx, int heightPx, double pixelSizeNm,
    Emitters emitters, Optics optics, Background background, Camera camera) {

    /** Names accepted by {@link #preset(String)}. */
    public static final List<String> PRESETS =
        List.of("default-2d", "sparse-2d", "dense-2d", "filaments-2d", "astigmatic-3d", "scmos-2d");

    /** Checks the values; messages name the parameter. */
    public SimulationConfig {
        if (frames < 1) {
            throw new IllegalArgumentException("frames must be ≥ 1, got " + frames);
        }
        if (widthPx < 1 || heightPx < 1) {
            throw new IllegalArgumentException("widthPx and heightPx must be ≥ 1, got " + widthPx + " × " + heightPx);
        }
        if (!(pixelSizeNm > 0) || Double.isInfinite(pixelSizeNm)) {
            throw new IllegalArgumentException("pixelSizeNm must be a finite number > 0, got " + pixelSizeNm);
        }
        if (emitters == null || optics == null || background == null || camera == null) {
            throw new IllegalArgumentException("emitters, optics, background and camera must all be set");
        }
    }

    /** @return field width in nm */
    public double widthNm() {
        return widthPx * pixelSizeNm;
    }

    /** @return field height in nm */
    public double heightNm() {
        return heightPx * pixelSizeNm;
    }

    /** @return field area in µm² */
    public double areaUm2() {
        return widthNm() * heightNm() * 1e-6;
    }

    /** @return how the stack is best stored: 16-bit when the camera quantises like a 16-bit camera, else 32-bit */
    public TiffBitDepth tiffBitDepth() {
        return camera.quantise16Bit() ? TiffBitDepth.UINT16 : TiffBitDepth.FLOAT32;
    }

    /** @return the expected number of emitters per frame, density × area */
    public double expectedEmittersPerFrame() {
        return emitters.densityPerUm2() * areaUm2();
    }

    // ------------------------------------------------------------------ presets

    /**
     * Default 2-D: 20 frames of 64 × 64 px at 100 nm, 1 emitter/µm² (≈ 41 per frame) uniform, fresh positions
     * each frame, log-normal photons (mean 2000, CV 0.3), integrated Gaussian PSF σ = 110 nm (1.1 px), flat
     * background of 50 photons/px, the 2016 challenge EMCCD with 16-bit output.
     */
    public static SimulationConfig default2d() {
        return new SimulationConfig(1, 20, 64, 64, 100,
            new Emitters(Structure.UNIFORM, 1.0, Double.NaN, Blinking.INDEPENDENT, 3, Photons.LOG_NORMAL, 2000, 0.3,
                0, 0, 8, 8000, 3000, 10),
            new Optics(PsfKind.GAUSSIAN, 110, 0, Double.POSITIVE_INFINITY),
            new Background(BackgroundKind.FLAT, 50, 0.3, 1500),
            new Camera(CameraKind.EMCCD, 0.9, 300, 100, 74.4, 45, 0, true));
    }

    /** @return a named preset, one of {@link #PRESETS} (case-insensitive) */
    public static SimulationConfig preset(final String name) {
        switch (name.toLowerCase(Locale.ROOT)) {
            case "default-2d":
                return default2d();
            case "sparse-2d":
                return sparse2d();
            case "dense-2d":
                return dense2d();
            case "filaments-2d":
                return filaments2d();
            case "astigmatic-3d":
                return astigmatic3d();
            case "scmos-2d":
                return scmos2d();
            default:
                throw new IllegalArgumentException("Unknown simulation preset '" + name + "'; expected one of "
                    + PRESETS);
        }
    }

    /** Like {@link #default2d()} at 0.1 emitters/µm² (≈ 4 per frame): isolated spots. */
    public static SimulationConfig sparse2d() {
        final SimulationConfig d = default2d();
        return d.withEmitters(d.emitters.withDensityPerUm2(0.1));
    }

    /**
     * Ultra-dense microtubule-like data like the reference training stack: 6 emitters/µm² (≈ 246 per frame)
     * along 12 filaments, Perlin background around 50 photons/px.
     */
    public static SimulationConfig dense2d() {
        final SimulationConfig d = default2d();
        return d.withEmitters(d.emitters.withStructure(Structure.FILAMENTS).withDensityPerUm2(6).withFilamentCount(12))
            .withBackground(new Background(BackgroundKind.PERLIN, 50, 0.3, 1500));
    }

    /**
     * Filaments with blinking fluorophores: 8 filaments labelled at 20 fluorophores/µm², 0.5 emitters/µm² on
     * per frame, two-state Markov blinking with mean on-time 3 frames.
     */
    public static SimulationConfig filaments2d() {
        final SimulationConfig d = default2d();
        return d.withEmitters(new Emitters(Structure.FILAMENTS, 0.5, 20, Blinking.MARKOV, 3, Photons.LOG_NORMAL,
            2000, 0.3, 0, 0, 8, 8000, 3000, 10));
    }

    /**
     * 3-D astigmatism: emitters in z ∈ [−500, 500] nm, astigmatic Gaussian PSF σ0 = 110 nm with foci at ±300 nm
     * and depth 400 nm, 0.5 emitters/µm², Perlin background.
     */
    public static SimulationConfig astigmatic3d() {
        final SimulationConfig d = default2d();
        return d.withEmitters(d.emitters.withDensityPerUm2(0.5).withZRangeNm(-500, 500))
            .withOptics(new Optics(PsfKind.ASTIGMATIC, 110, 300, 400))
            .withBackground(new Background(BackgroundKind.PERLIN, 50, 0.3, 1500));
    }

    /** Like {@link #default2d()} with an sCMOS camera (QE 0.8, offset 100 ± 2 ADU, read noise ~1.6 e⁻, 2 e⁻/ADU). */
    public static SimulationConfig scmos2d() {
        return default2d().withCamera(new Camera(CameraKind.SCMOS, 0.8, 1, 100, 1.6, 2, 2, true));
    }

    // ------------------------------------------------------------------ withers

    /** @return a copy with another seed */
    public SimulationConfig withSeed(final long s) {
        return new SimulationConfig(s, frames, widthPx, heightPx, pixelSizeNm, emitters, optics, background, camera);
    }

    /** @return a copy with another number of frames */
    public SimulationConfig withFrames(final int n) {
        return new SimulationConfig(seed, n, widthPx, heightPx, pixelSizeNm, emitters, optics, background, camera);
    }

    /** @return a copy with another frame size */
    public SimulationConfig withSizePx(final int width, final int height) {
        return new SimulationConfig(seed, frames, width, height, pixelSizeNm, emitters, optics, background, camera);
    }

    /** @return a copy with another pixel size */
    public SimulationConfig withPixelSizeNm(final double nm) {
        return new SimulationConfig(seed, frames, widthPx, heightPx, nm, emitters, optics, background, camera);
    }

    /** @return a copy with other emitters */
    public SimulationConfig withEmitters(final Emitters e) {
        return new SimulationConfig(seed, frames, widthPx, heightPx, pixelSizeNm, e, optics, background, camera);
    }

    /** @return a copy with other optics */
    public SimulationConfig withOptics(final Optics o) {
        return new SimulationConfig(seed, frames, widthPx, heightPx, pixelSizeNm, emitters, o, background, camera);
    }

    /** @return a copy with another background */
    public SimulationConfig withBackground(final Background b) {
        return new SimulationConfig(seed, frames, widthPx, heightPx, pixelSizeNm, emitters, optics, b, camera);
    }

    /** @return a copy with another camera */
    public SimulationConfig withCamera(final Camera c) {
        return new SimulationConfig(seed, frames, widthPx, heightPx, pixelSizeNm, emitters, optics, background, c);
    }

    // ------------------------------------------------------------------ parts

    /** Where emitters sit. */
    public enum Structure {
        /** Uniformly random in the field. */
        UNIFORM,
        /** Along random worm-like filaments (microtubule-like). */
        FILAMENTS
    }

    /** How fluorophores of a fixed population switch (only with a label density). */
    public enum Blinking {
        /** Each frame independent. */
        INDEPENDENT,
        /** Two-state Markov chain with a mean on-time. */
        MARKOV
    }

    /** Distribution of photons per emitter per frame. */
    public enum Photons {
        /** Always the mean. */
        CONSTANT,
        /** Exponential. */
        EXPONENTIAL,
        /** Log-normal with a coefficient of variation. */
        LOG_NORMAL
    }

    /**
     * The emitters.
     *
     * @param structure uniform or filaments
     * @param densityPerUm2 mean number of emitting fluorophores per frame per µm² (so the mean number per frame
     *            is density × field area), ≥ 0
     * @param labelDensityPerUm2 fluorophores per µm² of a fixed population that blinks, ≥ density; NaN: no fixed
     *            population, every frame draws Poisson(density × area) fresh positions
     * @param blinking switching model of the population (ignored without a label density)
     * @param meanOnFrames mean on-time in frames for {@link Blinking#MARKOV}, ≥ 1
     * @param photons photon distribution
     * @param meanPhotons mean photons per emitter per frame, &gt; 0
     * @param photonCv coefficient of variation for {@link Photons#LOG_NORMAL}, ≥ 0
     * @param zMinNm lowest z in nm
     * @param zMaxNm highest z in nm (equal to zMinNm for 2-D)
     * @param filamentCount number of filaments, ≥ 1
     * @param filamentLengthNm contour length of each filament in nm
     * @param persistenceLengthNm persistence length in nm (stiffness)
     * @param labelSpreadNm lateral standard deviation of emitters around the filament axis in nm
     */
    public record Emitters(Structure structure, double densityPerUm2, double labelDensityPerUm2, Blinking blinking,
        double meanOnFrames, Photons photons, double meanPhotons, double photonCv, double zMinNm, double zMaxNm,
        int filamentCount, double filamentLengthNm, double persistenceLengthNm, double labelSpreadNm) {

        /** Checks the values; messages name the parameter. */
        public Emitters {
            if (structure == null || blinking == null || photons == null) {
                throw new IllegalArgumentException("structure, blinking and photons must be set");
            }
            if (!(densityPerUm2 >= 0) || Double.isInfinite(densityPerUm2)) {
                throw new IllegalArgumentException("densityPerUm2 must be a finite number ≥ 0, got " + densityPerUm2);
            }
            if (!Double.isNaN(labelDensityPerUm2) && !(labelDensityPerUm2 >= densityPerUm2
                && labelDensityPerUm2 > 0 && Double.isFinite(labelDensityPerUm2))) {
                throw new IllegalArgumentException("labelDensityPerUm2 must be NaN (fresh emitters every frame) or a "
                    + "finite number ≥ densityPerUm2 = " + densityPerUm2 + ", got " + labelDensityPerUm2);
            }
            if (!(meanOnFrames >= 1)) {
                throw new IllegalArgumentException("meanOnFrames must be ≥ 1, got " + meanOnFrames);
            }
            if (!(meanPhotons > 0) || Double.isInfinite(meanPhotons) || !(photonCv >= 0)) {
                throw new IllegalArgumentException("meanPhotons must be > 0 and photonCv ≥ 0, got " + meanPhotons
                    + " and " + photonCv);
            }
            if (!(zMaxNm >= zMinNm) || Double.isInfinite(zMinNm) || Double.isInfinite(zMaxNm)) {
                throw new IllegalArgumentException("z range must be finite with zMinNm ≤ zMaxNm, got [" + zMinNm
                    + ", " + zMaxNm + "]");
            }
            if (filamentCount < 1 || !(filamentLengthNm > 0) || !(persistenceLengthNm > 0)
                || !(labelSpreadNm >= 0)) {
                throw new IllegalArgumentException("filamentCount ≥ 1, filamentLengthNm > 0, persistenceLengthNm > 0"
                    + " and labelSpreadNm ≥ 0 expected, got " + filamentCount + ", " + filamentLengthNm + ", "
                    + persistenceLengthNm + ", " + labelSpreadNm);
            }
        }

        /** @return whether emitters have a z range (3-D) */
        public boolean is3d() {
            return zMaxNm > zMinNm;
        }

        /** @return a copy with another density */
        public Emitters withDensityPerUm2(final double d) {
            return new Emitters(structure, d, labelDensityPerUm2, blinking, meanOnFrames, photons, meanPhotons,
                photonCv, zMinNm, zMaxNm, filamentCount, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }

        /** @return a copy with another structure */
        public Emitters withStructure(final Structure s) {
            return new Emitters(s, densityPerUm2, labelDensityPerUm2, blinking, meanOnFrames, photons, meanPhotons,
                photonCv, zMinNm, zMaxNm, filamentCount, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }

        /** @return a copy with another photon distribution */
        public Emitters withPhotons(final Photons p, final double mean, final double cv) {
            return new Emitters(structure, densityPerUm2, labelDensityPerUm2, blinking, meanOnFrames, p, mean, cv,
                zMinNm, zMaxNm, filamentCount, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }

        /** @return a copy with another z range */
        public Emitters withZRangeNm(final double min, final double max) {
            return new Emitters(structure, densityPerUm2, labelDensityPerUm2, blinking, meanOnFrames, photons,
                meanPhotons, photonCv, min, max, filamentCount, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }

        /** @return a copy with a blinking population of the given label density (NaN: fresh every frame) */
        public Emitters withBlinking(final double labelDensity, final Blinking b, final double onFrames) {
            return new Emitters(structure, densityPerUm2, labelDensity, b, onFrames, photons, meanPhotons, photonCv,
                zMinNm, zMaxNm, filamentCount, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }

        /** @return a copy with another filament count */
        public Emitters withFilamentCount(final int n) {
            return new Emitters(structure, densityPerUm2, labelDensityPerUm2, blinking, meanOnFrames, photons,
                meanPhotons, photonCv, zMinNm, zMaxNm, n, filamentLengthNm, persistenceLengthNm, labelSpreadNm);
        }
    }

    /** The PSF model. */
    public enum PsfKind {
        /** Pixel-integrated isotropic Gaussian. */
        GAUSSIAN,
        /** Pixel-integrated astigmatic Gaussian (3-D). */
        ASTIGMATIC,
        /** Rendered from a POI (2-D pattern or z-stack) given to {@link SmlmSimulator#fromConfig}. */
        POI
    }

    /**
     * The optics.
     *
     * @param psf the PSF model
     * @param sigmaNm in-focus Gaussian standard deviation in nm (Gaussian models)
     * @param focalOffsetNm astigmatism: x and y foci at +c and −c nm
     * @param astigmatismDepthNm astigmatism: defocus in nm over which σ grows by √2 (infinite: none)
     */
    public record Optics(PsfKind psf, double sigmaNm, double focalOffsetNm, double astigmatismDepthNm) {

        /** Checks the values; messages name the parameter. */
        public Optics {
            if (psf == null) {
                throw new IllegalArgumentException("psf must be set");
            }
            if (psf != PsfKind.POI && (!(sigmaNm > 0) || Double.isInfinite(sigmaNm))) {
                throw new IllegalArgumentException("sigmaNm must be a finite number > 0, got " + sigmaNm);
            }
            if (psf == PsfKind.ASTIGMATIC && (!(astigmatismDepthNm > 0) || Double.isInfinite(astigmatismDepthNm)
                || !Double.isFinite(focalOffsetNm))) {
                throw new IllegalArgumentException("an astigmatic PSF needs a finite astigmatismDepthNm > 0 and a "
                    + "finite focalOffsetNm, got " + astigmatismDepthNm + " and " + focalOffsetNm);
            }
        }
    }

    /** The background model. */
    public enum BackgroundKind {
        /** Constant. */
        FLAT,
        /** Linear ramp across the field. */
        GRADIENT,
        /** Perlin noise. */
        PERLIN
    }

    /**
     * The background.
     *
     * @param kind flat, gradient or Perlin
     * @param meanPhotons mean background per pixel in photons, ≥ 0
     * @param variation relative amplitude of the variation in [0, 1] (gradient, Perlin)
     * @param featureSizeNm size of the largest Perlin features in nm
     */
    public record Background(BackgroundKind kind, double meanPhotons, double variation, double featureSizeNm) {

        /** Checks the values; messages name the parameter. */
        public Background {
            if (kind == null) {
                throw new IllegalArgumentException("background kind must be set");
            }
            if (!(meanPhotons >= 0) || Double.isInfinite(meanPhotons) || !(variation >= 0 && variation <= 1)
                || !(featureSizeNm > 0)) {
                throw new IllegalArgumentException("background meanPhotons ≥ 0, variation in [0, 1] and "
                    + "featureSizeNm > 0 expected, got " + meanPhotons + ", " + variation + ", " + featureSizeNm);
            }
        }
    }

    /** The camera kind. */
    public enum CameraKind {
        /** EMCCD (EM gain 1: CCD). */
        EMCCD,
        /** sCMOS with random per-pixel maps. */
        SCMOS
    }

    /**
     * The camera.
     *
     * @param kind EMCCD or sCMOS
     * @param qe quantum efficiency in (0, 1]
     * @param emGain EM gain (EMCCD), ≥ 1
     * @param baselineAdu offset in ADU (sCMOS: mean offset)
     * @param readNoiseE read noise standard deviation in electrons (sCMOS: median)
     * @param electronsPerAdu conversion e⁻ per ADU, &gt; 0
     * @param offsetSdAdu sCMOS: pixel-to-pixel spread of the offset in ADU
     * @param quantise16Bit whether to round and clamp to [0, 65535] like a 16-bit camera
     */
    public record Camera(CameraKind kind, double qe, double emGain, double baselineAdu, double readNoiseE,
        double electronsPerAdu, double offsetSdAdu, boolean quantise16Bit) {

        /** Checks the values; messages name the parameter. */
        public Camera {
            if (kind == null) {
                throw new IllegalArgumentException("camera kind must be set");
            }
            if (!(qe > 0 && qe <= 1) || !(emGain >= 1) || !Double.isFinite(baselineAdu) || !(readNoiseE >= 0)
                || !(electronsPerAdu > 0) || !(offsetSdAdu >= 0)) {
                throw new IllegalArgumentException("camera qe in (0, 1], emGain ≥ 1, finite baselineAdu, "
                    + "readNoiseE ≥ 0, electronsPerAdu > 0 and offsetSdAdu ≥ 0 expected, got " + qe + ", " + emGain
                    + ", " + baselineAdu + ", " + readNoiseE + ", " + electronsPerAdu + ", " + offsetSdAdu);
            }
        }

        /** @return mean ADU per photon, QE · gain / (e⁻ per ADU) */
        public double aduPerPhoton() {
            return qe * emGain / electronsPerAdu;
        }

        /** @return this camera as the localisation fit describes it (EM gain above 1 makes it an EMCCD) */
        public CameraCalibration calibration() {
            return new CameraCalibration(baselineAdu, aduPerPhoton(), qe, emGain > 1, readNoiseE / electronsPerAdu);
        }
    }
}
