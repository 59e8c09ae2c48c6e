package org.knime.depaf.core.sim;

import java.util.EnumSet;
import java.util.Locale;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.poi.Poi;
import org.knime.depaf.core.util.MemoryBudget;
import org.knime.depaf.core.util.Monitor;

/**
 * A seeded, deterministic SMLM simulator: emitters → PSF → background → camera.
 *
 * <p>{@link #simulate(int, long, Monitor)} first draws the ground truth sequentially from one random stream of
 * the seed, then renders frames in parallel, each frame with its own random stream derived from the seed and
 * the frame index, so the result depends only on the seed and the components, never on the number of threads.
 * Per frame: expected photons = background + Σ photons · PSF; the camera adds shot noise, gain and read noise.
 *
 * <p>Use {@link #simulate(SimulationConfig)} for a configured run, or the constructor with hand-made components
 * (tests, custom PSFs). Instances are immutable and thread-safe.
 */
public final class SmlmSimulator {

    private static final long STREAM_EMITTERS = 1;
    private static final long STREAM_NOISE = 2;
    private static final long STREAM_STRUCTURE = 3;
    private static final long STREAM_BACKGROUND = 4;
    private static final long STREAM_CAMERA = 5;

    /** Ground-truth memory per emitter: its columns, the builder's spare capacity and the copies of render(). */
    private static final int BYTES_PER_EMITTER = 160;

    /** Offset, read-noise and gain maps of an sCMOS camera, one float each per pixel. */
    private static final int SCMOS_BYTES_PER_PIXEL = 3 * Float.BYTES;

    /** A fluorophore of a blinking population: x, y, z and its on/off state. */
    private static final int BYTES_PER_FLUOROPHORE = 3 * Double.BYTES + 1;

    private final int widthPx;
    private final int heightPx;
    private final double pixelSizeNm;
    private final EmitterGenerator emitters;
    private final Psf psf;
    private final BackgroundModel background;
    private final CameraModel camera;

    /**
     * @param widthPx frame width, ≥ 1
     * @param heightPx frame height, ≥ 1
     * @param pixelSizeNm camera pixel size in nm, &gt; 0
     * @param emitters the ground-truth generator
     * @param psf the PSF
     * @param background the background
     * @param camera the camera
     */
    public SmlmSimulator(final int widthPx, final int heightPx, final double pixelSizeNm,
        final EmitterGenerator emitters, final Psf psf, final BackgroundModel background, final CameraModel camera) {
        if (widthPx < 1 || heightPx < 1) {
            throw new IllegalArgumentException("Frame size must be at least 1 × 1 px, got " + widthPx + " × "
                + heightPx);
        }
        if (!(pixelSizeNm > 0) || Double.isInfinite(pixelSizeNm)) {
            throw new IllegalArgumentException("Pixel size must be a finite number of nm > 0, got " + pixelSizeNm);
        }
        this.widthPx = widthPx;
        this.heightPx = heightPx;
        this.pixelSizeNm = pixelSizeNm;
        this.emitters = emitters;
        this.psf = psf;
        this.background = background;
        this.camera = camera;
    }

    /** Builds the components of a configuration with a Gaussian or astigmatic PSF. */
    public static SmlmSimulator fromConfig(final SimulationConfig c) {
        return fromConfig(c, null);
    }

    /**
     * Builds the components of a configuration.
     *
     * @param c the configuration
     * @param poi the PSF for {@link SimulationConfig.PsfKind#POI} (ignored otherwise; may be null then)
     */
    public static SmlmSimulator fromConfig(final SimulationConfig c, final Poi poi) {
        final SimulationConfig.Emitters e = c.emitters();
        // before any component is built: an sCMOS camera holds three maps of the frame size, a blinking
        // population its positions and states
        final double labels = Double.isNaN(e.labelDensityPerUm2()) ? 0 : e.labelDensityPerUm2() * c.areaUm2();
        requireFits(c.frames(), c.widthPx(), c.heightPx(), c.expectedEmittersPerFrame(),
            (c.camera().kind() == SimulationConfig.CameraKind.SCMOS ? SCMOS_BYTES_PER_PIXEL : 0)
                * ((double)c.widthPx() * c.heightPx()) + BYTES_PER_FLUOROPHORE * labels);
        final EmitterPlacement placement;
        if (e.structure() == SimulationConfig.Structure.FILAMENTS) {
            placement = FilamentPlacement.random(Sampling.random(c.seed(), STREAM_STRUCTURE, 0), e.filamentCount(),
                c.widthNm(), c.heightNm(), e.zMinNm(), e.zMaxNm(), e.filamentLengthNm(), e.persistenceLengthNm(),
                e.labelSpreadNm());
        } else {
            placement = new UniformPlacement(c.widthNm(), c.heightNm(), e.zMinNm(), e.zMaxNm());
        }
        final int population = Double.isNaN(e.labelDensityPerUm2()) ? 0
            : (int)Math.max(1, Math.round(e.labelDensityPerUm2() * c.areaUm2()));
        final BlinkingModel blinking = e.blinking() == SimulationConfig.Blinking.MARKOV
            ? BlinkingModel.markov(e.meanOnFrames()) : BlinkingModel.independent();
        final PhotonDistribution photons;
        switch (e.photons()) {
            case CONSTANT:
                photons = PhotonDistribution.constant(e.meanPhotons());
                break;
            case EXPONENTIAL:
                photons = PhotonDistribution.exponential(e.meanPhotons());
                break;
            default:
                photons = PhotonDistribution.logNormal(e.meanPhotons(), e.photonCv());
        }
        final double expected = Math.min(c.expectedEmittersPerFrame(), population > 0 ? population : Double.MAX_VALUE);
        final EmitterGenerator gen = new EmitterGenerator(placement, expected, population, blinking, photons,
            e.is3d(), c.pixelSizeNm());
        return new SmlmSimulator(c.widthPx(), c.heightPx(), c.pixelSizeNm(), gen, psfFromConfig(c, poi),
            backgroundFromConfig(c), cameraFromConfig(c));
    }

    private static Psf psfFromConfig(final SimulationConfig c, final Poi poi) {
        final SimulationConfig.Optics o = c.optics();
        switch (o.psf()) {
            case GAUSSIAN:
                return new IntegratedGaussianPsf(o.sigmaNm() / c.pixelSizeNm(), c.pixelSizeNm());
            case ASTIGMATIC:
                return new IntegratedGaussianPsf(o.sigmaNm() / c.pixelSizeNm(), c.pixelSizeNm(), o.focalOffsetNm(),
                    o.astigmatismDepthNm());
            default:
                if (poi == null) {
                    throw new IllegalArgumentException("The configuration asks for a POI PSF but no POI was given");
                }
                return PoiPsf.of(poi, c.pixelSizeNm());
        }
    }

    private static BackgroundModel backgroundFromConfig(final SimulationConfig c) {
        final SimulationConfig.Background b = c.background();
        switch (b.kind()) {
            case FLAT:
                return BackgroundModel.flat(b.meanPhotons());
            case GRADIENT:
                final double angle = Sampling.random(c.seed(), STREAM_BACKGROUND, 0).nextDouble() * 2 * Math.PI;
                return BackgroundModel.gradient(b.meanPhotons(), b.variation(), angle);
            default:
                return new PerlinBackground(b.meanPhotons(), b.variation(), b.featureSizeNm() / c.pixelSizeNm(), 3,
                    Sampling.mix(c.seed(), STREAM_BACKGROUND, 1));
        }
    }

    private static CameraModel cameraFromConfig(final SimulationConfig c) {
        final SimulationConfig.Camera k = c.camera();
        if (k.kind() == SimulationConfig.CameraKind.SCMOS) {
            return ScmosCamera.random(c.widthPx(), c.heightPx(), k.qe(), k.baselineAdu(), k.offsetSdAdu(),
                k.readNoiseE() / k.electronsPerAdu(), 1 / k.electronsPerAdu(), k.quantise16Bit(),
                Sampling.mix(c.seed(), STREAM_CAMERA, 0));
        }
        return new EmccdCamera(k.qe(), k.emGain(), k.baselineAdu(), k.readNoiseE(), k.electronsPerAdu(),
            k.quantise16Bit());
    }

    /**
     * The columns of the ground truth of a configured simulation ({@link #fromConfig(SimulationConfig)}), known
     * before it runs and whatever number of emitters it draws: id, frame, x, y, z (3-D), sigma (Gaussian and
     * astigmatic PSFs), intensity and background.
     *
     * @param c the configuration
     * @return the columns
     */
    public static Set<LocalisationTable.Column> groundTruthColumns(final SimulationConfig c) {
        final Set<LocalisationTable.Column> out = EnumSet.of(LocalisationTable.Column.ID,
            LocalisationTable.Column.FRAME, LocalisationTable.Column.X, LocalisationTable.Column.Y,
            LocalisationTable.Column.INTENSITY, LocalisationTable.Column.BACKGROUND);
        if (c.emitters().is3d()) {
            out.add(LocalisationTable.Column.Z);
        }
        if (c.optics().psf() != SimulationConfig.PsfKind.POI) {
            out.add(LocalisationTable.Column.SIGMA);
        }
        return out;
    }

    /** Runs a configured simulation: {@code fromConfig(c).simulate(c.frames(), c.seed(), Monitor.NONE)}. */
    public static SimulationResult simulate(final SimulationConfig c) {
        return fromConfig(c).simulate(c.frames(), c.seed(), Monitor.NONE);
    }

    /**
     * Simulates a stack.
     *
     * @param frames number of frames, ≥ 1
     * @param seed the seed; the same seed and components give identical pixels and ground truth
     * @param monitor progress and cancellation
     */
    public SimulationResult simulate(final int frames, final long seed, final Monitor monitor) {
        if (frames < 1) {
            throw new IllegalArgumentException("Number of frames must be ≥ 1, got " + frames);
        }
        requireFits(frames, widthPx, heightPx, emitters.expectedPerFrame(), 0);
        final LocalisationTable emitted =
            emitters.generate(frames, Sampling.random(seed, STREAM_EMITTERS, 0), monitor.subTask(0, 0.05));
        return render(emitted, frames, seed, monitor.subTask(0.05, 1));
    }

    /**
     * Renders given emitters (frame, x, y in nm, z if 3-D, intensity in photons; rows of frames beyond
     * {@code frames} are ignored) into a noisy stack. The returned ground truth is the input with the background
     * per pixel at each emitter and, for Gaussian PSFs, sigma [nm] added.
     */
    public SimulationResult render(final LocalisationTable emitted, final int frames, final long seed,
        final Monitor monitor) {
        if (!emitted.isEmpty() && !emitted.has(LocalisationTable.Column.INTENSITY)) {
            throw new IllegalArgumentException("Emitters to render need an intensity column (photons)");
        }
        if (frames < 1) {
            throw new IllegalArgumentException("Number of frames must be ≥ 1, got " + frames);
        }
        requireFits(frames, widthPx, heightPx, (double)emitted.size() / frames, 0);
        final int size = widthPx * heightPx;
        final float[] pixels = new float[frames * size];
        final float[] bg = new float[pixels.length];
        final LocalisationTable.FrameIndex index = emitted.frameIndex();
        final AtomicInteger done = new AtomicInteger();
        IntStream.range(0, frames).parallel().forEach(f -> {
            monitor.checkCancelled();
            final int off = f * size;
            background.fill(bg, off, widthPx, heightPx, f);
            System.arraycopy(bg, off, pixels, off, size);
            final int n = index.count(f + 1);
            for (int k = 0; k < n; k++) {
                final int r = index.row(f + 1, k);
                final double z = emitted.z(r);
                psf.addTo(pixels, off, widthPx, heightPx, LocalisationTable.nmToPx(emitted.x(r), pixelSizeNm),
                    LocalisationTable.nmToPx(emitted.y(r), pixelSizeNm), Double.isNaN(z) ? 0 : z,
                    emitted.intensity(r));
            }
            final SplittableRandom rng = Sampling.random(seed, STREAM_NOISE, f);
            camera.toAdu(pixels, pixels, off, widthPx, heightPx, rng);
            monitor.progress((double)done.incrementAndGet() / frames, "simulated frame " + (f + 1));
        });
        // ground truth: only frames that were rendered, with background and sigma added
        final LocalisationTable inRange = emitted.maxFrame() <= frames ? emitted
            : emitted.filter(i -> emitted.frame(i) <= frames);
        final double[] bgAt = new double[inRange.size()];
        final double[] sigma = new double[inRange.size()];
        for (int i = 0; i < bgAt.length; i++) {
            final int x = clamp((int)Math.round(LocalisationTable.nmToPx(inRange.x(i), pixelSizeNm)), widthPx);
            final int y = clamp((int)Math.round(LocalisationTable.nmToPx(inRange.y(i), pixelSizeNm)), heightPx);
            bgAt[i] = bg[(inRange.frame(i) - 1) * size + y * widthPx + x];
            final double z = inRange.z(i);
            sigma[i] = psf.sigmaNm(Double.isNaN(z) ? 0 : z);
        }
        LocalisationTable gt = inRange.withColumn(LocalisationTable.Column.BACKGROUND, bgAt);
        if (!Double.isNaN(psf.sigmaNm(0))) {
            gt = gt.withColumn(LocalisationTable.Column.SIGMA, sigma);
        }
        final String what = "simulated " + frames + " × " + heightPx + " × " + widthPx + " (seed " + seed + ")";
        return new SimulationResult(new ImageStack(pixels, frames, heightPx, widthPx, pixelSizeNm, what),
            gt.sortedByFrame(), new ImageStack(bg, frames, heightPx, widthPx, pixelSizeNm, what + " background"));
    }

    /**
     * Refuses, before anything is allocated, a simulation that cannot fit into this JVM: the stack and its
     * background (two floats per pixel of every frame) and the ground truth (about
     * {@value #BYTES_PER_EMITTER} bytes per emitter while it is drawn, completed and sorted).
     *
     * @param extraBytes bytes held besides the stack and the ground truth (camera maps, a population)
     * @throws IllegalArgumentException naming the frames, the frame size and the memory needed and available
     */
    static void requireFits(final int frames, final int widthPx, final int heightPx,
        final double emittersPerFrame, final double extraBytes) {
        final double pixelsPerFrame = (double)widthPx * heightPx;
        final double voxels = frames * pixelsPerFrame;
        final double emitters = emittersPerFrame * frames;
        final double bytes = 2.0 * Float.BYTES * voxels + BYTES_PER_EMITTER * emitters + extraBytes;
        MemoryBudget.require(String.format(Locale.ROOT, "A simulation of %d frames of %d × %d px with about "
            + (emittersPerFrame < 1e5 ? "%.0f" : "%.1e") + " emitters per frame", frames, widthPx, heightPx,
            emittersPerFrame), bytes, Math.max(voxels, emitters),
            "use fewer frames, smaller frames or a lower density (settings frames, frame size, density)");
    }

    private static int clamp(final int v, final int n) {
        return Math.max(0, Math.min(n - 1, v));
    }

    /** @return the frame width in pixels */
    public int widthPx() {
        return widthPx;
    }

    /** @return the frame height in pixels */
    public int heightPx() {
        return heightPx;
    }

    /** @return the camera pixel size in nm */
    public double pixelSizeNm() {
        return pixelSizeNm;
    }

    /** @return the PSF */
    public Psf psf() {
        return psf;
    }

    /** @return the camera */
    public CameraModel camera() {
        return camera;
    }
}
