package org.knime.depaf.core.fit;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.loc.LocalisationTable;
import org.knime.depaf.core.util.Monitor;

/**
 * Refines DEPAF's localisations to the precision the photons allow: each detection is the start of a
 * maximum-likelihood fit of the model's POI plus a flat local background to the camera pixels, under the camera's
 * noise ({@link CameraCalibration}). DEPAF places an emitter on a grid 1.5× finer than the camera (the weighted
 * centre of at most 2 × 2 grid points), so its precision is bounded by the grid; the fit is bounded by the photons
 * (its Cramér–Rao bound).
 *
 * <p>Every decision is one test: does the data need this emitter? Twice the log-likelihood gain of a model with one
 * emitter more (three more parameters) must exceed {@link #ADD_DEVIANCE}, and two emitters must stand at least one
 * PSF width apart ({@link PoiPsfModel#sigma()}), closer than which they are one emitter's light shared.
 * <ul>
 * <li>Neighbours whose windows overlap are fitted together (up to {@link #MAX_JOINT} emitters, sharing one
 * background). When the fit leaves clearly more residual than noise would, an emitter DEPAF missed is tried where
 * the residual is largest, and kept when the data need it ({@link Stats#added()}).</li>
 * <li>A larger group (dense data) is fitted one emitter at a time against a model image of all the others' current
 * estimates, twice round.</li>
 * <li>Two detections closer than one PSF width, or whose second emitter the data do not need, are merged into one
 * (at high density DEPAF tends to split one emitter in two; {@link Stats#merged()}).</li>
 * <li>A fit that does not converge, or whose emitter runs more than {@link #MAX_SHIFT_PX} pixels from DEPAF's
 * position, falls back to DEPAF's position and is counted ({@link Stats#fallbacks()}).</li>
 * </ul>
 *
 * <p>Columns written: x, y [nm] (fitted), {@code intensity [photon]} (the emitter's photons),
 * {@code offset [photon]} (background photons per pixel), {@code bkgstd [photon]} (the window's residual standard
 * deviation), {@code uncertainty [nm]} (the Cramér–Rao bound of the position per axis, √((σx² + σy²)/2), as
 * ThunderSTORM's column), the bounds of x and y separately, {@value #LLR}: twice the log-likelihood ratio of "an
 * emitter here" against "only background and the neighbours", which {@link RefinementOptions#minLlr()} uses to drop
 * weak detections, and {@value #STATUS}. A row whose fit fell back keeps DEPAF's position and has no photons,
 * background or uncertainty.
 *
 * <p>Thread-safe; frames are refined in parallel.
 */
public final class LocalisationRefiner {

    /** Name of the extra column with the log-likelihood ratio. */
    public static final String LLR = "llr";

    /** Name of the extra column with the background's residual standard deviation, photons. */
    public static final String BKGSTD = "bkgstd [photon]";

    /** Neighbours nearer than this many σ are refitted together in a crowd (their estimates are strongly coupled). */
    static final double COUPLED = 3.2;

    /** At most this many emitters of a crowd are refitted together (the cost grows with the square of it). */
    static final int CROWD_JOINT = 5;

    /** How many detections the camera's gain is read from ({@link #withGainFromData}). */
    static final int GAIN_FITS = 300;

    /** Name of the extra column with the Cramér–Rao bound of x, nm. */
    public static final String CRLB_X = "crlb x [nm]";

    /** Name of the extra column with the Cramér–Rao bound of y, nm. */
    public static final String CRLB_Y = "crlb y [nm]";

    /** Name of the extra column that says what the fit did: {@link #STATUS_FITTED} and the others. */
    public static final String STATUS = "fit status";

    /** {@value #STATUS} of a detection whose fit converged: the row holds the fit. */
    public static final double STATUS_FITTED = 1;

    /** {@value #STATUS} of a detection whose fit failed: the row keeps DEPAF's position. */
    public static final double STATUS_FALLBACK = 0;

    /** {@value #STATUS} of an emitter DEPAF missed, found in the residual of its neighbours' fit. */
    public static final double STATUS_ADDED = 2;

    /** The largest group of neighbours fitted jointly. */
    public static final int MAX_JOINT = 5;

    /** How far (camera pixels) a fitted emitter may move from DEPAF's position before the fit counts as failed. */
    public static final double MAX_SHIFT_PX = 1.5;

    /**
     * How far (in standard deviations of the deviance) a window's fit must misfit before the fit looks in its
     * residual for an emitter DEPAF missed.
     */
    static final double MISFIT_Z = 3;

    /**
     * How much one more emitter must lower the deviance (twice the log-likelihood gain, for 3 more parameters) for
     * the data to need it: a χ²₃ value far beyond chance (p ≈ 10⁻⁵), because a slightly wrong PSF leaves residual
     * too.
     */
    static final double ADD_DEVIANCE = 25;

    /** At most this many emitters are added to one group. */
    static final int MAX_ADDED = 2;

    /**
     * What a refinement did.
     *
     * @param fitted detections whose fit converged (merged ones counted once)
     * @param fallbacks detections that kept DEPAF's position (fit failed or ran away)
     * @param rejected detections dropped by the likelihood-ratio test
     * @param added emitters DEPAF missed, found in a fit's residual and added
     * @param merged detections merged into a neighbour (one emitter's light that DEPAF had split)
     */
    public record Stats(long fitted, long fallbacks, long rejected, long added, long merged) {

        /** Nothing refined. */
        public static final Stats NONE = new Stats(0, 0, 0, 0, 0);

        /** @return the sum of two refinements' counts */
        public Stats plus(final Stats o) {
            return new Stats(fitted + o.fitted, fallbacks + o.fallbacks, rejected + o.rejected, added + o.added,
                merged + o.merged);
        }
    }

    /**
     * A refined table and its counts.
     *
     * @param table the refined localisations
     * @param stats what happened
     * @param dispersion the median over the fits of Pearson's χ² per degree of freedom: ≈ 1 when the camera's gain
     *            is right, else the factor by which the ADU per count are off (NaN without fits)
     */
    public record Result(LocalisationTable table, Stats stats, double dispersion) {
    }

    private final PoiPsfModel psf;
    private final RefinementOptions options;
    private final ThreadLocal<ClusterFit> fits;

    /**
     * @param psf the model's POI as a fit model
     * @param options camera and likelihood-ratio threshold
     */
    public LocalisationRefiner(final PoiPsfModel psf, final RefinementOptions options) {
        this.psf = Objects.requireNonNull(psf, "psf");
        this.options = Objects.requireNonNull(options, "options");
        fits = ThreadLocal.withInitial(() -> new ClusterFit(psf, options.camera()));
    }

    /** @return the options, camera included */
    public RefinementOptions options() {
        return options;
    }

    /**
     * The camera's gain from the data: fits with the given gain, whose residuals (Pearson's χ² per degree of
     * freedom, median over the fits) say by which factor the ADU per count are off — for shot noise, the variance in
     * counts equals the mean. Positions hardly depend on the gain; photons, background, uncertainties and the
     * likelihood tests do. On dense data (several emitters per µm²) the estimate comes out up to a fifth low, the
     * crowd's fits absorbing some noise.
     *
     * @param frames camera frames (ADU) with their DEPAF localisations in {@code table}
     * @param firstFrame the 1-based frame number of {@code frames}' first frame
     * @param table DEPAF's localisations of those frames
     * @param monitor cancellation
     * @return a refiner with the gain read from these frames; this refiner when its options do not ask for it, or
     *         when the frames had no detection to fit (then the next frames may tell)
     */
    public LocalisationRefiner withGainFromData(final ImageStack frames, final int firstFrame,
        final LocalisationTable table, final Monitor monitor) {
        if (!options.gainFromData()) {
            return this;
        }
        // the first frames holding GAIN_FITS detections tell the gain as well as all of them, at a fraction of the cost
        final LocalisationTable.FrameIndex index = table.frameIndex();
        final int[] present = index.framesPresent();
        int last = firstFrame - 1;
        long rows = 0;
        for (int i = 0; i < present.length && rows < GAIN_FITS; i++) {
            last = present[i];
            rows += index.rows(last).length;
        }
        final int lastFrame = last;
        final int count = Math.max(1, Math.min(frames.frames(), lastFrame - firstFrame + 1));
        final double dispersion = refine(frames.subStack(0, count), firstFrame,
            table.filter(i -> table.frame(i) <= lastFrame), monitor).dispersion();
        if (!(dispersion > 0) || !Double.isFinite(dispersion)) {
            return this;
        }
        final CameraCalibration c = options.camera();
        return new LocalisationRefiner(psf, options.withCamera(c.withAduPerPhoton(c.aduPerPhoton() * dispersion)));
    }

    /**
     * Refines the localisations of a range of frames.
     *
     * @param frames the camera frames (ADU) the localisations were found in
     * @param firstFrame the 1-based frame number of {@code frames}' first frame
     * @param table localisations of those frames (x, y in nm; others are ignored), pixel size known
     * @param monitor cancellation
     * @return the refined table: the input's rows in their order (less the rejected and merged ones), then the
     *         added emitters in frame order; and the counts
     */
    public Result refine(final ImageStack frames, final int firstFrame, final LocalisationTable table,
        final Monitor monitor) {
        final int n = table.size();
        final double ps = table.pixelSizeNm();
        final Columns c = new Columns(n, psf.sigma());
        for (int i = 0; i < n; i++) {
            c.x[i] = table.xPx(i);
            c.y[i] = table.yPx(i);
        }
        final LocalisationTable.FrameIndex index = table.frameIndex();
        final double[] amplitudeRaw = table.extraColumn("amplitude raw");
        final int[] present = index.framesPresent();
        final List<List<double[]>> addedPerFrame = new ArrayList<>(Collections.nCopies(present.length, null));
        IntStream.range(0, present.length).parallel().forEach(slot -> {
            monitor.checkCancelled();
            final int frame = present[slot];
            final int f = frame - firstFrame;
            if (f < 0 || f >= frames.frames()) {
                throw new IllegalArgumentException("Localisations of frame " + frame + " lie outside the frames "
                    + firstFrame + "–" + (firstFrame + frames.frames() - 1) + " given to the refinement");
            }
            final List<double[]> added = new ArrayList<>();
            new FrameFit(frames, f, index.rows(frame), table, amplitudeRaw, c, added).run();
            addedPerFrame.set(slot, added);
        });
        final boolean[] keep = new boolean[n];
        long fitted = 0;
        long fallbacks = 0;
        long rejected = 0;
        long merged = 0;
        for (int i = 0; i < n; i++) {
            if (c.merged[i]) {
                merged++;
                continue;
            }
            if (c.status[i] == STATUS_FITTED) {
                fitted++;
            } else {
                fallbacks++;
            }
            keep[i] = !(options.minLlr() > 0 && !(c.llr[i] >= options.minLlr()));
            rejected += keep[i] ? 0 : 1;
        }
        LocalisationTable out = table.withPositions(toNm(c.x, ps), toNm(c.y, ps))
            .withColumn(LocalisationTable.Column.INTENSITY, c.photons)
            .withColumn(LocalisationTable.Column.BACKGROUND, c.background)
            .withColumn(LocalisationTable.Column.UNCERTAINTY, uncertainty(c.crlbX, c.crlbY, ps))
            .withExtra(BKGSTD, c.bkgstd).withExtra(CRLB_X, scaled(c.crlbX, ps)).withExtra(CRLB_Y, scaled(c.crlbY, ps))
            .withExtra(LLR, c.llr).withExtra(STATUS, c.status);
        if (rejected + merged > 0) {
            out = out.filter(i -> keep[i]);
        }
        long added = 0;
        final LocalisationTable.Builder more = LocalisationTable.builder(ps);
        for (int slot = 0; slot < present.length; slot++) {
            for (final double[] e : addedPerFrame.get(slot)) {
                if (options.minLlr() > 0 && !(e[7] >= options.minLlr())) {
                    continue;
                }
                more.add(present[slot], LocalisationTable.pxToNm(e[0], ps), LocalisationTable.pxToNm(e[1], ps))
                    .extra(BKGSTD, e[4]).extra(CRLB_X, e[5] * ps).extra(CRLB_Y, e[6] * ps).extra(LLR, e[7])
                    .extra(STATUS, STATUS_ADDED);
                more.intensity(e[2]).background(e[3]).uncertainty(Math.sqrt((e[5] * e[5] + e[6] * e[6]) / 2) * ps);
                added++;
            }
        }
        if (added > 0) {
            out = LocalisationTable.concat(out, more.build());
        }
        final double[] d = Arrays.stream(c.dispersion).filter(Double::isFinite).sorted().toArray();
        return new Result(out, new Stats(fitted, fallbacks, rejected, added, merged),
            d.length == 0 ? Double.NaN : d[d.length / 2]);
    }

    /** The fitted values of every row (pixels), shared by the frames' threads (each writes its own rows). */
    private static final class Columns {
        final double[] x;
        final double[] y;
        final double[] photons;
        final double[] background;
        final double[] bkgstd;
        final double[] crlbX;
        final double[] crlbY;
        final double[] llr;
        final double[] status;
        final boolean[] merged;
        /** The dispersion of the fit that placed each row (see {@link ClusterFit.Result#dispersion()}). */
        final double[] dispersion;
        /**
         * The largest uncertainty reported (pixels): the pattern's σ. A fitted spot is not placed worse than its own
         * width; a larger bound comes from a neighbour almost on top of it, whose light cannot be told apart.
         */
        final double cap;

        Columns(final int n, final double cap) {
            this.cap = cap;
            x = new double[n];
            y = new double[n];
            photons = nans(n);
            background = nans(n);
            bkgstd = nans(n);
            crlbX = nans(n);
            crlbY = nans(n);
            llr = nans(n);
            status = new double[n];
            merged = new boolean[n];
            dispersion = nans(n);
        }

        /** Copies emitter g of a fit into row r, or marks the row as a fallback when the fit failed. */
        void store(final ClusterFit.Result res, final int g, final int r) {
            final ClusterFit.Emitter e = res.emitters()[g];
            llr[r] = e.llr();
            if (!e.converged()) {
                status[r] = STATUS_FALLBACK;
                return;
            }
            x[r] = e.x();
            y[r] = e.y();
            photons[r] = e.photons();
            background[r] = res.background();
            bkgstd[r] = res.residualStd();
            final double widen = widening(res);
            crlbX[r] = Math.min(cap, e.sigmaX() * widen);
            crlbY[r] = Math.min(cap, e.sigmaY() * widen);
            status[r] = STATUS_FITTED;
            dispersion[r] = res.dispersion();
        }
    }

    /** One frame's refinement. */
    private final class FrameFit {
        private final float[] pixels;
        private final int w;
        private final int h;
        private final int k;
        private final int[] rows;
        private final double[][] start;
        private final Columns c;
        private final List<double[]> added;
        private final ClusterFit fit;

        FrameFit(final ImageStack frames, final int f, final int[] rows, final LocalisationTable t,
            final double[] amplitudeRaw, final Columns c, final List<double[]> added) {
            pixels = frames.frame(f);
            w = frames.width();
            h = frames.height();
            k = psf.halfSize();
            this.rows = rows;
            this.c = c;
            this.added = added;
            fit = fits.get();
            start = new double[rows.length][3];
            for (int r = 0; r < rows.length; r++) {
                final int i = rows[r];
                start[r][0] = clamp(t.xPx(i), 0, w - 1);
                start[r][1] = clamp(t.yPx(i), 0, h - 1);
                final double amp = amplitudeRaw == null ? Double.NaN : amplitudeRaw[i];
                start[r][2] = amp > 0 ? amp / options.camera().aduPerPhoton() / psf.peakFraction()
                    : photonsAt(start[r][0], start[r][1]);
            }
        }

        /**
         * A start for an emitter's photons when DEPAF's amplitude is not known: the height of its pixel above the
         * darkest pixel of its window, divided by the pattern's peak fraction.
         */
        private double photonsAt(final double x, final double y) {
            final int cx = (int)Math.round(x);
            final int cy = (int)Math.round(y);
            double low = Double.POSITIVE_INFINITY;
            for (int i = Math.max(0, cy - k); i <= Math.min(h - 1, cy + k); i++) {
                for (int j = Math.max(0, cx - k); j <= Math.min(w - 1, cx + k); j++) {
                    low = Math.min(low, pixels[i * w + j]);
                }
            }
            final CameraCalibration cam = options.camera();
            final double height = cam.photons(pixels[cy * w + cx]) - cam.photons(low);
            return Math.max(50, height / psf.peakFraction());
        }

        void run() {
            for (final int[] group : groups(start, 2 * k)) {
                if (group.length <= MAX_JOINT) {
                    fitSmall(group);
                } else {
                    fitCrowd(group);
                }
            }
        }

        /**
         * A small group, fitted jointly in the union of its windows; then merges (closest pair first) while a pair
         * stands closer than σ or the data do not need both; then additions while the fit misfits.
         */
        private void fitSmall(final int[] group) {
            final List<double[]> origin = new ArrayList<>();
            final List<Integer> rowOf = new ArrayList<>();
            for (final int g : group) {
                origin.add(start[g].clone());
                rowOf.add(rows[g]);
            }
            final int[] win = unionWindow(origin);
            ClusterFit.Result res = fitChecked(win, origin, origin, null);
            // merge
            while (origin.size() > 1) {
                final int[] pair = closestPair(res.emitters());
                if (pair == null) {
                    break;
                }
                final List<double[]> fewer = new ArrayList<>();
                final List<double[]> fewerOrigin = new ArrayList<>();
                for (int g = 0; g < origin.size(); g++) {
                    if (g != pair[1]) {
                        fewer.add(estimate(res.emitters()[g]));
                        fewerOrigin.add(origin.get(g));
                    }
                }
                final int a = pair[0] < pair[1] ? pair[0] : pair[0] - 1;
                fewer.set(a, combined(res.emitters()[pair[0]], res.emitters()[pair[1]]));
                fewerOrigin.set(a, combinedOrigin(origin.get(pair[0]), origin.get(pair[1])));
                final ClusterFit.Result merged = fitChecked(win, fewer, fewerOrigin, null);
                final boolean apart = Math.hypot(res.emitters()[pair[0]].x() - res.emitters()[pair[1]].x(),
                    res.emitters()[pair[0]].y() - res.emitters()[pair[1]].y()) >= psf.sigma();
                final boolean needed = converged(res) && res.deviance() < merged.deviance() - ADD_DEVIANCE;
                if (!converged(merged) || apart && needed) {
                    break;
                }
                final int gone = rowOf.remove(pair[1]);
                if (gone >= 0) {
                    c.merged[gone] = true;
                }
                origin.clear();
                origin.addAll(fewerOrigin);
                res = merged;
            }
            // add
            for (int extra = 0; extra < MAX_ADDED && res.misfit() > MISFIT_Z && converged(res); extra++) {
                final double[] peak = fit.residualPeak(win[0], win[1], win[2] - win[0] + 1, win[3] - win[1] + 1);
                if (peak == null) {
                    break;
                }
                final List<double[]> more = new ArrayList<>();
                double bright = 0;
                for (final ClusterFit.Emitter e : res.emitters()) {
                    more.add(estimate(e));
                    bright = Math.max(bright, e.photons());
                }
                // half the photons of the brightest emitter: a guess the fit corrects within a few steps
                final double[] candidate = {peak[0], peak[1], Math.max(bright / 2, 50)};
                more.add(candidate);
                final List<double[]> moreOrigin = new ArrayList<>(origin);
                // the residual's peak is only a rough start: the added emitter may move further than a detection
                moreOrigin.add(new double[] {peak[0], peak[1], Double.NaN});
                final ClusterFit.Result bigger = fitChecked(win, more, moreOrigin, null);
                if (!(res.deviance() - bigger.deviance() > ADD_DEVIANCE) || !converged(bigger)
                    || !resolved(bigger.emitters(), bigger.emitters().length - 1)) {
                    break;
                }
                origin.clear();
                origin.addAll(moreOrigin);
                rowOf.add(-1);
                res = bigger;
            }
            for (int g = 0; g < rowOf.size(); g++) {
                if (rowOf.get(g) >= 0) {
                    c.store(res, g, rowOf.get(g));
                } else {
                    final ClusterFit.Emitter e = res.emitters()[g];
                    added.add(new double[] {e.x(), e.y(), e.photons(), res.background(), res.residualStd(),
                        Math.min(c.cap, e.sigmaX() * widening(res)), Math.min(c.cap, e.sigmaY() * widening(res)),
                        e.llr()});
                }
            }
        }

        /**
         * A large group (dense data). DEPAF's detections closer than σ start as one emitter (at high density DEPAF
         * tends to split one emitter's light over neighbouring grid points); each emitter is fitted alone in its
         * window, all others held fixed at their current estimates through a model image of the frame. After the
         * first round, a merged emitter that explains its window worse than noise is tried as its detections again
         * and split when the data need them, and fitted emitters that came closer than σ are merged unless the data
         * need both; then a second round.
         */
        private void fitCrowd(final int[] group) {
            final List<Crowd> crowd = premerged(group);
            final ModelImage image = new ModelImage();
            for (final Crowd e : crowd) {
                image.add(e.cur, 1);
            }
            for (final Crowd e : crowd) {
                refitAlone(image, e);
            }
            final List<Crowd> split = new ArrayList<>();
            for (final Crowd e : crowd) {
                if (e.members.length > 1 && e.last.misfit() > MISFIT_Z && converged(e.last)) {
                    trySplit(image, e, split);
                }
            }
            crowd.addAll(split);
            mergeCrowd(crowd, image);
            for (final Crowd e : crowd) {
                if (e.alive) {
                    refitWithNeighbours(image, crowd, e);
                }
            }
            for (final Crowd e : crowd) {
                if (e.alive && e.last != null && converged(e.last)) {
                    e.last = withJointBound(image, crowd, e);
                }
            }
            for (final Crowd e : crowd) {
                if (!e.alive) {
                    continue;
                }
                // the brightest detection's row holds the emitter; the others were the same emitter's light
                int keep = e.members[0];
                for (final int g : e.members) {
                    if (start[g][2] > start[keep][2]) {
                        keep = g;
                    }
                }
                for (final int g : e.members) {
                    if (g == keep) {
                        c.store(e.last, 0, rows[g]);
                    } else {
                        c.merged[rows[g]] = true;
                    }
                }
            }
        }

        /** Starts of a crowd: detections closer than σ to a brighter one join it (photons summed, centre weighted). */
        private List<Crowd> premerged(final int[] group) {
            final int m = group.length;
            final Integer[] byX = new Integer[m];
            final Integer[] byBrightness = new Integer[m];
            for (int g = 0; g < m; g++) {
                byX[g] = g;
                byBrightness[g] = g;
            }
            Arrays.sort(byX, (a, b) -> Double.compare(start[group[a]][0], start[group[b]][0]));
            final int[] rank = new int[m];
            for (int r = 0; r < m; r++) {
                rank[byX[r]] = r;
            }
            Arrays.sort(byBrightness, (a, b) -> Double.compare(start[group[b]][2], start[group[a]][2]));
            final boolean[] taken = new boolean[m];
            final double reach = psf.sigma();
            final List<Crowd> out = new ArrayList<>();
            for (final int a : byBrightness) {
                if (taken[a]) {
                    continue;
                }
                taken[a] = true;
                final double[] sa = start[group[a]];
                final List<Integer> members = new ArrayList<>();
                members.add(group[a]);
                for (int dir = -1; dir <= 1; dir += 2) {
                    for (int r = rank[a] + dir; r >= 0 && r < m && Math.abs(start[group[byX[r]]][0] - sa[0]) < reach;
                        r += dir) {
                        final int b = byX[r];
                        final double[] sb = start[group[b]];
                        if (!taken[b] && Math.hypot(sb[0] - sa[0], sb[1] - sa[1]) < reach) {
                            taken[b] = true;
                            members.add(group[b]);
                        }
                    }
                }
                out.add(new Crowd(members.stream().mapToInt(Integer::intValue).toArray()));
            }
            return out;
        }

        /** One emitter of a crowd: its detections, its estimate and its last fit. */
        private final class Crowd {
            final int[] members;
            double[] cur;
            double[] origin;
            ClusterFit.Result last;
            /** The window of the last fit. */
            int[] lastWindow;
            boolean alive = true;

            Crowd(final int[] members) {
                this.members = members;
                double n = 0;
                double x = 0;
                double y = 0;
                for (final int g : members) {
                    n += start[g][2];
                    x += start[g][0] * start[g][2];
                    y += start[g][1] * start[g][2];
                }
                cur = new double[] {x / n, y / n, n};
                origin = members.length == 1 ? start[members[0]] : new double[] {x / n, y / n, Double.NaN};
            }
        }

        /**
         * The last fit of a crowd's emitter with its bound from the joint information of it and the neighbours whose
         * centres lie in its window (the others' light held fixed).
         */
        private ClusterFit.Result withJointBound(final ModelImage image, final List<Crowd> crowd, final Crowd e) {
            final int[] win = window(e.cur[0], e.cur[1], k, w, h);
            final List<double[]> near = new ArrayList<>();
            near.add(e.cur);
            for (final Crowd o : crowd) {
                if (o != e && o.alive && o.cur[0] >= win[0] && o.cur[0] <= win[2] && o.cur[1] >= win[1]
                    && o.cur[1] <= win[3]) {
                    near.add(o.cur);
                }
            }
            final double[] bound = fit.jointBound(win[0], win[1], win[2] - win[0] + 1, win[3] - win[1] + 1,
                near.toArray(new double[0][]), e.last.background(), image.in(win));
            final ClusterFit.Emitter f = e.last.emitters()[0];
            if (bound == null || !(bound[0] >= f.sigmaX()) || !(bound[1] >= f.sigmaY())) {
                return e.last;
            }
            return e.last.withEmitters(new ClusterFit.Emitter[] {new ClusterFit.Emitter(f.converged(), f.x(), f.y(),
                f.photons(), bound[0], bound[1], f.llr())});
        }

        /**
         * Fits one emitter jointly with its closest neighbours (those nearer than {@link #COUPLED} σ, at most
         * {@link #CROWD_JOINT} in all), everything else held fixed: emitters that close pull on each other, and fitting
         * them one at a time converges slowly. Updates their estimates and the image; the emitter's last fit is this
         * one (the emitter first).
         */
        private void refitWithNeighbours(final ModelImage image, final List<Crowd> crowd, final Crowd e) {
            final List<Crowd> near = new ArrayList<>();
            final double reach = COUPLED * psf.sigma();
            for (final Crowd o : crowd) {
                if (o != e && o.alive && Math.abs(o.cur[0] - e.cur[0]) < reach && Math.abs(o.cur[1] - e.cur[1]) < reach
                    && Math.hypot(o.cur[0] - e.cur[0], o.cur[1] - e.cur[1]) < reach) {
                    near.add(o);
                }
            }
            if (near.isEmpty()) {
                refitAlone(image, e);
                return;
            }
            near.sort((a, b) -> Double.compare(Math.hypot(a.cur[0] - e.cur[0], a.cur[1] - e.cur[1]),
                Math.hypot(b.cur[0] - e.cur[0], b.cur[1] - e.cur[1])));
            final List<Crowd> joint = new ArrayList<>();
            joint.add(e);
            joint.addAll(near.subList(0, Math.min(near.size(), CROWD_JOINT - 1)));
            final List<double[]> starts = new ArrayList<>();
            final List<double[]> origins = new ArrayList<>();
            for (final Crowd j : joint) {
                image.add(j.cur, -1);
                starts.add(j.cur);
                origins.add(j.origin);
            }
            final int[] win = unionWindow(starts);
            final ClusterFit.Result res = fitChecked(win, starts, origins, image.in(win));
            for (int g = 0; g < joint.size(); g++) {
                final Crowd j = joint.get(g);
                final ClusterFit.Emitter fitted = res.emitters()[g];
                if (fitted.converged()) {
                    j.cur = estimate(fitted);
                }
                image.add(j.cur, 1);
            }
            e.last = res;
            e.lastWindow = win;
        }

        /** Fits one emitter alone against the model image of the others; updates its estimate and the image. */
        private void refitAlone(final ModelImage image, final Crowd e) {
            final int[] win = window(e.cur[0], e.cur[1], k, w, h);
            image.add(e.cur, -1);
            final double[] fixed = image.in(win);
            e.last = fitChecked(win, List.of(e.cur), List.of(e.origin), fixed);
            e.lastWindow = win;
            final ClusterFit.Emitter fitted = e.last.emitters()[0];
            if (fitted.converged()) {
                e.cur = estimate(fitted);
            }
            image.add(e.cur, 1);
        }

        /**
         * Tries a merged emitter as its detections again; when the data need them (deviance lower by
         * {@link #ADD_DEVIANCE} per emitter more, all converged and σ apart), it is replaced by them.
         */
        private void trySplit(final ModelImage image, final Crowd e, final List<Crowd> split) {
            final int[] win = window(e.cur[0], e.cur[1], k, w, h);
            image.add(e.cur, -1);
            final double[] fixed = image.in(win);
            // the two brightest detections: more emitters closer than σ to each other are beyond any data
            final int[] two = brightestTwo(e.members);
            final List<double[]> starts = new ArrayList<>();
            final List<double[]> origins = new ArrayList<>();
            for (final int g : two) {
                starts.add(new double[] {start[g][0], start[g][1], e.cur[2] / 2});
                origins.add(start[g]);
            }
            final ClusterFit.Result many = fitChecked(win, starts, origins, fixed);
            // e's last fit when it used this window: against nearly the same neighbours (some were refitted since)
            final ClusterFit.Result one = Arrays.equals(win, e.lastWindow) ? e.last
                : fitChecked(win, List.of(e.cur), List.of(e.origin), fixed);
            if (converged(many) && resolved(many.emitters(), 1) && converged(one)
                && many.deviance() < one.deviance() - ADD_DEVIANCE) {
                e.alive = false;
                for (int g = 0; g < 2; g++) {
                    // the other detections join the nearer of the two
                    final int[] members = nearerMembers(e.members, two, g);
                    final Crowd part = new Crowd(members);
                    part.cur = estimate(many.emitters()[g]);
                    part.last = many;
                    image.add(part.cur, 1);
                    split.add(part);
                }
            } else {
                image.add(e.cur, 1);
            }
        }

        /** @return the two members with the most photons at the start, brightest first */
        private int[] brightestTwo(final int[] members) {
            int a = members[0];
            int b = members[1];
            if (start[b][2] > start[a][2]) {
                a = members[1];
                b = members[0];
            }
            for (int i = 2; i < members.length; i++) {
                final int g = members[i];
                if (start[g][2] > start[a][2]) {
                    b = a;
                    a = g;
                } else if (start[g][2] > start[b][2]) {
                    b = g;
                }
            }
            return new int[] {a, b};
        }

        /** @return two[which] and the members other than the two that lie nearer to it than to the other */
        private int[] nearerMembers(final int[] members, final int[] two, final int which) {
            final List<Integer> out = new ArrayList<>();
            out.add(two[which]);
            final double[] mine = start[two[which]];
            final double[] other = start[two[1 - which]];
            for (final int g : members) {
                if (g != two[0] && g != two[1]
                    && (Math.hypot(start[g][0] - mine[0], start[g][1] - mine[1])
                        < Math.hypot(start[g][0] - other[0], start[g][1] - other[1])
                        || which == 0 && Math.hypot(start[g][0] - mine[0], start[g][1] - mine[1])
                            == Math.hypot(start[g][0] - other[0], start[g][1] - other[1]))) {
                    out.add(g);
                }
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }

        /** Merges emitters of a crowd that came closer than σ unless the data need both. */
        private void mergeCrowd(final List<Crowd> crowd, final ModelImage image) {
            final double reach = psf.sigma();
            final List<Crowd> order = new ArrayList<>(crowd);
            order.removeIf(e -> !e.alive);
            order.sort((a, b) -> Double.compare(a.cur[0], b.cur[0]));
            final int m = order.size();
            for (int ia = 0; ia < m; ia++) {
                final Crowd a = order.get(ia);
                for (int ib = ia + 1; ib < m && a.alive && order.get(ib).cur[0] - a.cur[0] < reach; ib++) {
                    final Crowd b = order.get(ib);
                    if (!b.alive || Math.hypot(a.cur[0] - b.cur[0], a.cur[1] - b.cur[1]) >= reach) {
                        continue;
                    }
                    image.add(a.cur, -1);
                    image.add(b.cur, -1);
                    final double[] one = {(a.cur[0] * a.cur[2] + b.cur[0] * b.cur[2]) / (a.cur[2] + b.cur[2]),
                        (a.cur[1] * a.cur[2] + b.cur[1] * b.cur[2]) / (a.cur[2] + b.cur[2]), a.cur[2] + b.cur[2]};
                    final int[] win = window(one[0], one[1], k, w, h);
                    final double[] fixed = image.in(win);
                    final double[] oneOrigin = combinedOrigin(a.origin, b.origin);
                    final ClusterFit.Result single = fitChecked(win, List.of(one), List.of(oneOrigin), fixed);
                    // only a single emitter that explains its window worse than noise may be two
                    final ClusterFit.Result pair = converged(single) && single.misfit() <= MISFIT_Z ? null
                        : fitChecked(win, List.of(a.cur, b.cur), List.of(a.origin, b.origin), fixed);
                    final boolean needed = pair != null && converged(pair) && resolved(pair.emitters(), 1)
                        && pair.deviance() < single.deviance() - ADD_DEVIANCE;
                    if (needed || !converged(single)) {
                        if (pair != null && converged(pair)) {
                            a.cur = estimate(pair.emitters()[0]);
                            b.cur = estimate(pair.emitters()[1]);
                        }
                        image.add(a.cur, 1);
                        image.add(b.cur, 1);
                        continue;
                    }
                    // b's detections join a
                    final int[] members = Arrays.copyOf(a.members, a.members.length + b.members.length);
                    System.arraycopy(b.members, 0, members, a.members.length, b.members.length);
                    final Crowd joined = new Crowd(members);
                    joined.cur = estimate(single.emitters()[0]);
                    joined.origin = oneOrigin;
                    joined.last = single;
                    a.alive = false;
                    b.alive = false;
                    crowd.add(joined);
                    order.set(ia, joined);
                    image.add(joined.cur, 1);
                }
            }
        }

        /**
         * Fits starts in a window; an emitter that moved more than {@link #MAX_SHIFT_PX} from its origin (twice that
         * for an origin without photons: a residual peak or a merged pair) counts as failed.
         */
        private ClusterFit.Result fitChecked(final int[] win, final List<double[]> starts,
            final List<double[]> origins, final double[] fixed) {
            final ClusterFit.Result res = fit.fit(pixels, w, win[0], win[1], win[2] - win[0] + 1,
                win[3] - win[1] + 1, starts.toArray(new double[0][]), Double.POSITIVE_INFINITY, fixed);
            final ClusterFit.Emitter[] es = res.emitters();
            boolean changed = false;
            for (int g = 0; g < es.length; g++) {
                final double[] o = origins.get(g);
                final double limit = Double.isNaN(o[2]) ? 2 * MAX_SHIFT_PX : MAX_SHIFT_PX;
                if (es[g].converged() && (Math.abs(es[g].x() - o[0]) > limit || Math.abs(es[g].y() - o[1]) > limit)) {
                    es[g] = es[g].failed();
                    changed = true;
                }
            }
            return changed ? res.withEmitters(es) : res;
        }

        private int[] unionWindow(final List<double[]> s) {
            final int[] u = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MIN_VALUE, Integer.MIN_VALUE};
            for (final double[] e : s) {
                final int[] win = window(e[0], e[1], k, w, h);
                u[0] = Math.min(u[0], win[0]);
                u[1] = Math.min(u[1], win[1]);
                u[2] = Math.max(u[2], win[2]);
                u[3] = Math.max(u[3], win[3]);
            }
            return u;
        }

        /** The photons of the current estimates of a crowd, per frame pixel. */
        private final class ModelImage {
            private final double[] photons = new double[w * h];
            private final int side = 2 * k + 1;
            private final double[] spot = new double[side * side];
            private final double[] scratch = new double[psf.scratchSize(side, side)];

            /** Adds (sign 1) or removes (sign −1) an emitter {x, y, photons}. */
            void add(final double[] e, final int sign) {
                final int[] win = window(e[0], e[1], k, w, h);
                final int ww = win[2] - win[0] + 1;
                final int wh = win[3] - win[1] + 1;
                psf.render(e[0], e[1], win[0], win[1], ww, wh, spot, null, null, scratch);
                final double n = sign * e[2];
                for (int i = 0; i < wh; i++) {
                    final int row = (win[1] + i) * w + win[0];
                    for (int j = 0; j < ww; j++) {
                        photons[row + j] += n * spot[i * ww + j];
                    }
                }
            }

            /** @return the photons in a window, row-major */
            double[] in(final int[] win) {
                final int ww = win[2] - win[0] + 1;
                final int wh = win[3] - win[1] + 1;
                final double[] out = new double[ww * wh];
                for (int i = 0; i < wh; i++) {
                    System.arraycopy(photons, (win[1] + i) * w + win[0], out, i * ww, ww);
                }
                return out;
            }
        }
    }

    /** @return the pair of emitters closer than σ, closest first, or null */
    private int[] closestPair(final ClusterFit.Emitter[] es) {
        int[] best = null;
        double bestD = psf.sigma();
        for (int a = 0; a < es.length; a++) {
            for (int b = a + 1; b < es.length; b++) {
                final double d = Math.hypot(es[a].x() - es[b].x(), es[a].y() - es[b].y());
                if (d < bestD) {
                    bestD = d;
                    // the brighter emitter keeps its row
                    best = es[a].photons() >= es[b].photons() ? new int[] {a, b} : new int[] {b, a};
                }
            }
        }
        if (best == null) {
            // not closer than σ, but the data may still not need both: test the closest pair within 2σ
            bestD = 2 * psf.sigma();
            for (int a = 0; a < es.length; a++) {
                for (int b = a + 1; b < es.length; b++) {
                    final double d = Math.hypot(es[a].x() - es[b].x(), es[a].y() - es[b].y());
                    if (d < bestD) {
                        bestD = d;
                        best = es[a].photons() >= es[b].photons() ? new int[] {a, b} : new int[] {b, a};
                    }
                }
            }
        }
        return best;
    }

    /** Whether emitter g stands at least one PSF width (σ) from every other. */
    private boolean resolved(final ClusterFit.Emitter[] es, final int g) {
        for (int o = 0; o < es.length; o++) {
            if (o != g && Math.hypot(es[o].x() - es[g].x(), es[o].y() - es[g].y()) < psf.sigma()) {
                return false;
            }
        }
        return true;
    }

    private static boolean converged(final ClusterFit.Result res) {
        for (final ClusterFit.Emitter e : res.emitters()) {
            if (!e.converged()) {
                return false;
            }
        }
        return true;
    }

    private static double[] estimate(final ClusterFit.Emitter e) {
        return new double[] {e.x(), e.y(), Math.max(e.photons(), 1)};
    }

    /** One emitter in place of two: the photon-weighted centre, the photons summed. */
    private static double[] combined(final ClusterFit.Emitter a, final ClusterFit.Emitter b) {
        final double na = Math.max(a.photons(), 1);
        final double nb = Math.max(b.photons(), 1);
        return new double[] {(a.x() * na + b.x() * nb) / (na + nb), (a.y() * na + b.y() * nb) / (na + nb), na + nb};
    }

    /** The origin of a merged emitter: between the two, with no photons (so it may move twice as far). */
    private static double[] combinedOrigin(final double[] oa, final double[] ob) {
        return new double[] {(oa[0] + ob[0]) / 2, (oa[1] + ob[1]) / 2, Double.NaN};
    }

    private static double[] nans(final int n) {
        final double[] v = new double[n];
        Arrays.fill(v, Double.NaN);
        return v;
    }

    private static double[] toNm(final double[] px, final double ps) {
        final double[] v = new double[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = LocalisationTable.pxToNm(px[i], ps);
        }
        return v;
    }

    private static double[] scaled(final double[] px, final double ps) {
        final double[] v = new double[px.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = px[i] * ps;
        }
        return v;
    }

    /**
     * How much wider than the Cramér–Rao bound an estimate's spread is when its window is explained worse than
     * noise: in a crowd, an emitter nobody detected or two emitters fitted as one leave light the model lacks, and the
     * bound, which assumes the model is right, is then too optimistic. As in quasi-likelihood, the bound is widened by
     * √(Pearson χ² per degree of freedom) when that clearly exceeds 1 (by more than two of its standard deviations,
     * √(2/n)); a window the model explains is left alone.
     */
    static double widening(final ClusterFit.Result res) {
        final double d = res.dispersion();
        return Double.isFinite(d) && d > 1 + 2 * Math.sqrt(2.0 / res.pixels()) ? Math.sqrt(d) : 1;
    }

    /** ThunderSTORM's uncertainty: the per-axis bound √((σx² + σy²)/2), nm. */
    private static double[] uncertainty(final double[] sx, final double[] sy, final double ps) {
        final double[] v = new double[sx.length];
        for (int i = 0; i < v.length; i++) {
            v[i] = Math.sqrt((sx[i] * sx[i] + sy[i] * sy[i]) / 2) * ps;
        }
        return v;
    }

    /** @return {x0, y0, x1, y1}: the window of half-size k around (x, y), inside the frame */
    private static int[] window(final double x, final double y, final int k, final int w, final int h) {
        final int cx = (int)Math.round(clamp(x, 0, w - 1));
        final int cy = (int)Math.round(clamp(y, 0, h - 1));
        return new int[] {Math.max(0, cx - k), Math.max(0, cy - k), Math.min(w - 1, cx + k),
            Math.min(h - 1, cy + k)};
    }

    /** Groups detections whose windows overlap (closer than {@code reach} in x and in y), transitively. */
    static List<int[]> groups(final double[][] start, final double reach) {
        final int m = start.length;
        final int[] parent = new int[m];
        for (int i = 0; i < m; i++) {
            parent[i] = i;
        }
        final Integer[] order = new Integer[m];
        for (int i = 0; i < m; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(start[a][0], start[b][0]));
        for (int a = 0; a < m; a++) {
            for (int b = a + 1; b < m && start[order[b]][0] - start[order[a]][0] <= reach; b++) {
                if (Math.abs(start[order[b]][1] - start[order[a]][1]) <= reach) {
                    union(parent, order[a], order[b]);
                }
            }
        }
        final List<List<Integer>> byRoot = new ArrayList<>();
        final int[] slot = new int[m];
        Arrays.fill(slot, -1);
        for (int i = 0; i < m; i++) {
            final int r = find(parent, i);
            if (slot[r] < 0) {
                slot[r] = byRoot.size();
                byRoot.add(new ArrayList<>());
            }
            byRoot.get(slot[r]).add(i);
        }
        final List<int[]> out = new ArrayList<>(byRoot.size());
        for (final List<Integer> g : byRoot) {
            out.add(g.stream().mapToInt(Integer::intValue).toArray());
        }
        return out;
    }

    private static int find(final int[] parent, final int i) {
        int r = i;
        while (parent[r] != r) {
            parent[r] = parent[parent[r]];
            r = parent[r];
        }
        return r;
    }

    private static void union(final int[] parent, final int a, final int b) {
        final int ra = find(parent, a);
        final int rb = find(parent, b);
        if (ra != rb) {
            parent[Math.max(ra, rb)] = Math.min(ra, rb);
        }
    }

    private static double clamp(final double v, final double lo, final double hi) {
        return v < lo ? lo : v > hi ? hi : v;
    }
}
