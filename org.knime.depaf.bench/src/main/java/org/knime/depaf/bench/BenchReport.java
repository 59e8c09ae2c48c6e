package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.knime.depaf.core.eval.Metrics;

/** Writes the Markdown report and its charts (charts into a folder named like the report, without ".md"). */
final class BenchReport {

    private BenchReport() {
    }

    static void write(final Path out, final RunInfo info, final List<SideBySideBenchmark.Row> rows,
        final List<String> notes, final double convBefore, final double convAfter, final double minutes,
        final boolean finished) throws IOException {
        final Path file = out.toAbsolutePath();
        final String base = file.getFileName().toString().replaceFirst("\\.md$", "");
        final Path chartDir = file.resolveSibling(base);
        final List<String> charts = SideBySideBenchmark.charts(chartDir, rows);
        final StringBuilder sb = new StringBuilder();
        sb.append("# Benchmarks: DEPAF beside GDSC SMLM\n\n");
        if (info.quick()) {
            sb.append("> **Quick run** (`--quick`): fewer data sets and short DEPAF training (≤ 300 iterations, base "
                + "width 8). A smoke test of the benchmark, not DEPAF's accuracy; the full grid comes from `./bench.sh`.\n\n");
        }
        if (!finished) {
            sb.append("> **Run in progress**: this file is rewritten after every data set.\n\n");
        }
        sb.append("* Date: ").append(info.date()).append('\n');
        sb.append("* Machine: ").append(info.machine()).append('\n');
        sb.append("* Commit: ").append(info.commit()).append('\n');
        sb.append("* Command: `").append(info.command()).append("`\n");
        sb.append("* Runtime: ").append(info.runtime()).append('\n');
        sb.append(String.format(Locale.ROOT, "* Wall time: %.1f min%s%n", minutes, finished ? "" : " so far"));
        for (final String n : notes) {
            sb.append("* ").append(n).append('\n');
        }
        sb.append("\nProtocol: EPFL SMLM Challenge 2016 matching (per frame, greedy nearest pair first, each point once; no "
            + "border exclusion on these 6.4 µm fields), at 250 nm and at 100 nm tolerance. Jaccard = 100·TP/(TP+FP+FN), "
            + "RMSE over matched pairs, efficiency E = 100 − √((100 − Jaccard)² + (1 nm⁻¹·RMSE)²). Every data set is "
            + "seeded; the random row places the true number of emitters per frame uniformly at random (seeded).\n\n");

        sb.append("## Summary\n\n").append(summaryTable(rows)).append('\n');

        sb.append("## Uncertainty of the refined localisations\n\n");
        sb.append("DEPAF + fit reports a Cramér–Rao bound per localisation and axis (`crlb x [nm]`, `crlb y [nm]`; "
            + "`uncertainty [nm]` is their root mean square). Mean CRLB: the mean of √(σx² + σy²) over the pairs "
            + "matched at 100 nm, comparable with the lateral RMSE. The uncertainty is calibrated when the error "
            + "divided by the reported σ has a standard deviation of 1 per axis. The robust sd (1.4826 × the median absolute "
            + "deviation) shows the bulk of the localisations; the plain sd also counts the few pairs of emitters closer "
            + "than the PSF's width that are fitted as one, whose error the bound cannot know.\n\n");
        sb.append(calibrationTable(rows)).append('\n');

        sb.append("## Accuracy per data set\n\n");
        sb.append("| data set | tool | Jaccard % 250 nm | recall | precision | RMSE nm | efficiency | Jaccard % 100 nm "
            + "| recall | precision | RMSE nm | efficiency |\n|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (final SideBySideBenchmark.Row r : rows) {
            sb.append("| ").append(r.data().name()).append(" | ").append(r.tool()).append(" | ")
                .append(metricCells(r.m250())).append(" | ").append(metricCells(r.m100())).append(" |\n");
        }

        sb.append("\n## Speed, memory and the limit\n\n");
        sb.append(String.format(Locale.ROOT, "Reference (the limit), measured in this run: a plain SameDiff conv2d "
            + "(oneDNN), 16 → 16 channels, 3 × 3, 96 × 96 px, batch 8, float32: **%.1f GFLOP/s** at the start%s. "
            + "DEPAF's FLOP per frame are the U-Net's convolutions on the upsampled frame (forward pass; see "
            + "`NetworkConfig.flopsPerFrame`); achieved GFLOP/s = FLOP per frame × frames/s, so the ratio shows how close "
            + "prediction (which also resamples, detects and localises) comes to the convolution throughput.%n%n",
            convBefore, Double.isFinite(convAfter) ? String.format(Locale.ROOT, ", %.1f GFLOP/s at the end", convAfter)
                : ""));
        sb.append("| data set | tool | training s (iterations) | frames/s | GFLOP per frame | achieved GFLOP/s "
            + "| % of reference | peak RSS MiB (growth in the phase) |\n|---|---|---|---|---|---|---|---|\n");
        for (final SideBySideBenchmark.Row r : rows) {
            if ("random".equals(r.tool())) {
                continue;
            }
            final double achieved = r.flopsPerFrame() * r.framesPerSecond() / 1e9;
            sb.append(String.format(Locale.ROOT, "| %s | %s | %s | %.1f | %s | %s | %s | %s |%n", r.data().name(),
                r.tool(), Double.isFinite(r.trainSeconds()) ? String.format(Locale.ROOT, "%.0f (%d)", r.trainSeconds(),
                    r.iterations()) : "–", r.framesPerSecond(),
                Double.isFinite(r.flopsPerFrame()) ? String.format(Locale.ROOT, "%.2f", r.flopsPerFrame() / 1e9) : "–",
                Double.isFinite(achieved) ? String.format(Locale.ROOT, "%.1f", achieved) : "–",
                Double.isFinite(achieved) ? String.format(Locale.ROOT, "%.0f %%", 100 * achieved / convBefore) : "–",
                Double.isFinite(r.peakMiB()) ? String.format(Locale.ROOT, "%.0f (+%.0f)", r.peakMiB(),
                    Math.max(0, r.growthMiB())) : "–"));
        }
        sb.append("\nPeak RSS: the process's resident-set high-water mark (Linux VmHWM) during the phase (DEPAF: training "
            + "and prediction; GDSC: fitting), reset before each phase; it includes what earlier phases left resident "
            + "(the JVM keeps heap it once committed), so the growth over the resident set at the start of the phase is "
            + "given beside it. GDSC SMLM runs one fitting thread; DEPAF runs with OMP_NUM_THREADS as shown above. DEPAF + fit: "
            + "the same model's prediction again with refinement by fitting (frames/s of the whole prediction, gain "
            + "read from the data included where it is); its memory is not measured separately.\n");

        sb.append("\n## Data sets and settings\n\n");
        final Map<String, SideBySideBenchmark.Row> first = new LinkedHashMap<>();
        for (final SideBySideBenchmark.Row r : rows) {
            first.putIfAbsent(r.data().name(), r);
        }
        for (final SideBySideBenchmark.Row r : first.values()) {
            sb.append("* **").append(r.data().name()).append("**: ").append(r.data().description()).append(", ")
                .append(r.data().truth().size()).append(" emitters.\n");
            for (final SideBySideBenchmark.Row t : rows) {
                if (t.data() == r.data() && !"random".equals(t.tool())) {
                    sb.append("  * ").append(t.tool()).append(": ").append(t.settings()).append('\n');
                }
            }
        }
        sb.append("\nDEPAF: self-supervised training on all frames of the data set (no ground truth), CPU preset, "
            + "pixel-integrated Gaussian POI of the data set's σ, seed 2016; λ by a fixed rule: log λ linear in "
            + "log density through λ = 0.2 at 0.5 emitters/µm² and λ = 0.005 at 6 emitters/µm² (the settings "
            + "measured to work today), clamped to [0.005, 0.2]; density from the simulation settings, or for the shared "
            + "stack from its emitter count). GDSC SMLM "
            + "(uk.ac.sussex.gdsc:gdsc-smlm 2.0, GPL-3): fit engine headless with the settings listed.\n");

        if (!charts.isEmpty()) {
            sb.append("\n## Charts (simulated grid; solid 1 000 photons, dashed 5 000 photons)\n\n");
            for (final String c : charts) {
                sb.append("![").append(c.replace(".png", "")).append("](").append(base).append('/').append(c)
                    .append(")\n");
            }
        }
        Files.createDirectories(file.getParent());
        final Path tmp = Files.createTempFile(file.getParent(), ".bench", ".md");
        try {
            Files.writeString(tmp, sb.toString(), StandardCharsets.UTF_8);
            PeakMemory.makeReadable(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static String metricCells(final Metrics m) {
        // no matched pair: RMSE and efficiency are undefined, printed as a dash rather than NaN
        return String.format(Locale.ROOT, "%.1f | %.2f | %.2f | %s | %s", m.jaccardPercent(), m.recall(),
            m.precision(), dash(m.rmseLateralNm(), 1), dash(m.efficiencyLateral(), 1));
    }

    private static String dash(final double v, final int decimals) {
        return Double.isFinite(v) ? String.format(Locale.ROOT, "%." + decimals + "f", v) : "–";
    }

    /**
     * The headline table: Jaccard at both tolerances and RMSE at 100 nm, tools side by side per data set, DEPAF
     * without and with refinement by fitting, with the mean Cramér–Rao bound of the refined localisations.
     */
    static String summaryTable(final List<SideBySideBenchmark.Row> rows) {
        final Map<String, Map<String, SideBySideBenchmark.Row>> byData = new LinkedHashMap<>();
        for (final SideBySideBenchmark.Row r : rows) {
            byData.computeIfAbsent(r.data().name(), k -> new LinkedHashMap<>()).put(r.tool(), r);
        }
        final StringBuilder sb = new StringBuilder();
        sb.append("| data set | Jaccard % 100 nm: DEPAF / DEPAF + fit / GDSC / random | Jaccard % 250 nm: DEPAF / "
            + "DEPAF + fit / GDSC / random | RMSE nm 100 nm: DEPAF / DEPAF + fit / GDSC | mean CRLB nm (DEPAF + fit) "
            + "| frames/s: DEPAF / DEPAF + fit / GDSC | DEPAF training s |\n|---|---|---|---|---|---|---|\n");
        for (final Map.Entry<String, Map<String, SideBySideBenchmark.Row>> e : byData.entrySet()) {
            final SideBySideBenchmark.Row d = e.getValue().get("DEPAF");
            final SideBySideBenchmark.Row f = e.getValue().get(SideBySideBenchmark.DEPAF_FIT);
            final SideBySideBenchmark.Row g = e.getValue().get("GDSC SMLM");
            final SideBySideBenchmark.Row x = e.getValue().get("random");
            if (d == null || f == null || g == null || x == null) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.1f / **%.1f** / %.1f / %.1f | %.1f / %.1f / %.1f / %.1f "
                + "| %s / %s / %s | %s | %.1f / %.1f / %.1f | %.0f |%n", e.getKey(), d.m100().jaccardPercent(),
                f.m100().jaccardPercent(), g.m100().jaccardPercent(), x.m100().jaccardPercent(),
                d.m250().jaccardPercent(), f.m250().jaccardPercent(), g.m250().jaccardPercent(),
                x.m250().jaccardPercent(), dash(d.m100().rmseLateralNm(), 1), dash(f.m100().rmseLateralNm(), 1),
                dash(g.m100().rmseLateralNm(), 1), dash(f.meanCrlbNm(), 1), d.framesPerSecond(),
                f.framesPerSecond(), g.framesPerSecond(), d.trainSeconds()));
        }
        return sb.toString();
    }

    /** Whether the reported uncertainty is calibrated: the spread of error / σ per axis, 1 when it is. */
    static String calibrationTable(final List<SideBySideBenchmark.Row> rows) {
        final StringBuilder sb = new StringBuilder();
        sb.append("| data set | mean CRLB nm | RMSE nm (100 nm) | RMSE / CRLB | sd of error/σ x, y | robust sd x, y "
            + "|\n|---|---|---|---|---|---|\n");
        for (final SideBySideBenchmark.Row r : rows) {
            if (!SideBySideBenchmark.DEPAF_FIT.equals(r.tool()) || !Double.isFinite(r.meanCrlbNm())) {
                continue;
            }
            sb.append(String.format(Locale.ROOT, "| %s | %.1f | %s | %.2f | %.2f, %.2f | %.2f, %.2f |%n",
                r.data().name(), r.meanCrlbNm(), dash(r.m100().rmseLateralNm(), 1),
                r.m100().rmseLateralNm() / r.meanCrlbNm(), r.calibration()[1], r.calibration()[2],
                r.calibration()[3], r.calibration()[4]));
        }
        return sb.toString();
    }

}
