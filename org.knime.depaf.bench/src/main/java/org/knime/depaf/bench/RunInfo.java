package org.knime.depaf.bench;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/** Where and when a run happened: date, machine, commit, command, Java and thread settings. */
record RunInfo(String date, String machine, String commit, String command, String runtime, boolean quick) {

    static RunInfo collect(final String command, final boolean quick) {
        final String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
        String cpu = "unknown CPU";
        try {
            for (final String line : Files.readAllLines(Path.of("/proc/cpuinfo"))) {
                if (line.startsWith("model name")) {
                    cpu = line.substring(line.indexOf(':') + 1).trim();
                    break;
                }
            }
        } catch (IOException | RuntimeException e) {
            // not Linux
        }
        final String machine = String.format(Locale.ROOT, "%d cores available to the JVM, %s, %s %s, %.1f GiB max heap",
            Runtime.getRuntime().availableProcessors(), cpu, System.getProperty("os.name"),
            System.getProperty("os.arch"), Runtime.getRuntime().maxMemory() / (1024.0 * 1024 * 1024));
        final String commit = git("rev-parse", "--short", "HEAD") + (git("status", "--porcelain").isEmpty() ? ""
            : " (working tree has uncommitted changes)");
        final String runtime = "Java " + System.getProperty("java.version") + ", OMP_NUM_THREADS="
            + System.getenv().getOrDefault("OMP_NUM_THREADS", "unset");
        return new RunInfo(date, machine, commit, command, runtime, quick);
    }

    private static String git(final String... args) {
        final String[] cmd = new String[args.length + 1];
        cmd[0] = "git";
        System.arraycopy(args, 0, cmd, 1, args.length);
        try {
            final Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            final String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            return p.waitFor() == 0 ? out : "unknown";
        } catch (IOException e) {
            return "unknown";
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "unknown";
        }
    }

    String header() {
        return "Date: " + date + "\nMachine: " + machine + "\nCommit: " + commit + "\nCommand: " + command
            + "\nRuntime: " + runtime + (quick ? "\nQUICK RUN (fewer data sets, short training)" : "");
    }
}
