package org.knime.depaf.bench;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.Stroke;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import javax.imageio.ImageIO;

/**
 * A small headless line chart: logarithmic x axis (density), linear y axis, one polyline per series with markers,
 * a legend. Written as PNG. Non-finite points are skipped (a gap, not a zero).
 */
final class LineChart {

    /** One line: name, colour, dashed or solid, x and y values of equal length. */
    record Series(String name, Color color, boolean dashed, double[] x, double[] y) {
    }

    private static final int W = 760;
    private static final int H = 480;
    private static final int LEFT = 70;
    private static final int RIGHT = 230;
    private static final int TOP = 40;
    private static final int BOTTOM = 55;

    private final String title;
    private final String xLabel;
    private final String yLabel;
    private final List<Series> series = new ArrayList<>();

    LineChart(final String title, final String xLabel, final String yLabel) {
        this.title = title;
        this.xLabel = xLabel;
        this.yLabel = yLabel;
    }

    LineChart add(final Series s) {
        series.add(s);
        return this;
    }

    void write(final Path file) throws IOException {
        double xMin = Double.POSITIVE_INFINITY;
        double xMax = Double.NEGATIVE_INFINITY;
        double yMin = 0;
        double yMax = Double.NEGATIVE_INFINITY;
        final List<Double> xTicks = new ArrayList<>();
        for (final Series s : series) {
            for (int i = 0; i < s.x.length; i++) {
                if (Double.isFinite(s.y[i]) && s.x[i] > 0) {
                    xMin = Math.min(xMin, s.x[i]);
                    xMax = Math.max(xMax, s.x[i]);
                    yMin = Math.min(yMin, s.y[i]);
                    yMax = Math.max(yMax, s.y[i]);
                    if (!xTicks.contains(s.x[i])) {
                        xTicks.add(s.x[i]);
                    }
                }
            }
        }
        if (!(xMax > xMin)) {
            xMin = 0.1;
            xMax = 10;
        }
        if (!(yMax > yMin)) {
            yMax = yMin + 1;
        }
        final double yStep = niceStep((yMax - yMin) / 6);
        yMin = Math.floor(yMin / yStep) * yStep;
        yMax = Math.ceil(yMax / yStep) * yStep;
        final double lx0 = Math.log(xMin) - 0.1 * (Math.log(xMax) - Math.log(xMin));
        final double lx1 = Math.log(xMax) + 0.1 * (Math.log(xMax) - Math.log(xMin));

        final BufferedImage img = new BufferedImage(W, H, BufferedImage.TYPE_INT_RGB);
        final Graphics2D g = img.createGraphics();
        try {
            g.setRenderingHint(RenderingHints.KEY_ANTIALIASING, RenderingHints.VALUE_ANTIALIAS_ON);
            g.setRenderingHint(RenderingHints.KEY_TEXT_ANTIALIASING, RenderingHints.VALUE_TEXT_ANTIALIAS_ON);
            g.setColor(Color.WHITE);
            g.fillRect(0, 0, W, H);
            final int pw = W - LEFT - RIGHT;
            final int ph = H - TOP - BOTTOM;
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            final FontMetrics fm = g.getFontMetrics();
            // grid and ticks
            for (double y = yMin; y <= yMax + yStep / 2; y += yStep) {
                final int py = TOP + (int)Math.round(ph * (1 - (y - yMin) / (yMax - yMin)));
                g.setColor(new Color(230, 230, 230));
                g.drawLine(LEFT, py, LEFT + pw, py);
                g.setColor(Color.BLACK);
                final String label = format(y, yStep);
                g.drawString(label, LEFT - 6 - fm.stringWidth(label), py + fm.getAscent() / 2 - 1);
            }
            for (final double x : xTicks) {
                final int px = LEFT + (int)Math.round(pw * (Math.log(x) - lx0) / (lx1 - lx0));
                g.setColor(new Color(230, 230, 230));
                g.drawLine(px, TOP, px, TOP + ph);
                g.setColor(Color.BLACK);
                g.drawLine(px, TOP + ph, px, TOP + ph + 4);
                final String label = format(x, 0.1);
                g.drawString(label, px - fm.stringWidth(label) / 2, TOP + ph + 18);
            }
            g.setColor(Color.BLACK);
            g.drawRect(LEFT, TOP, pw, ph);
            g.drawString(xLabel, LEFT + pw / 2 - fm.stringWidth(xLabel) / 2, H - 14);
            final Graphics2D rotated = (Graphics2D)g.create();
            rotated.rotate(-Math.PI / 2);
            rotated.drawString(yLabel, -(TOP + ph / 2 + fm.stringWidth(yLabel) / 2), 16);
            rotated.dispose();
            g.setFont(new Font(Font.SANS_SERIF, Font.BOLD, 14));
            g.drawString(title, LEFT, TOP - 14);
            g.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
            // series
            int legendY = TOP + 10;
            for (final Series s : series) {
                final Stroke stroke = s.dashed
                    ? new BasicStroke(2f, BasicStroke.CAP_BUTT, BasicStroke.JOIN_ROUND, 1f, new float[] {7f, 5f}, 0f)
                    : new BasicStroke(2f);
                g.setColor(s.color);
                g.setStroke(stroke);
                int lastX = Integer.MIN_VALUE;
                int lastY = 0;
                for (int i = 0; i < s.x.length; i++) {
                    if (!Double.isFinite(s.y[i]) || !(s.x[i] > 0)) {
                        lastX = Integer.MIN_VALUE;
                        continue;
                    }
                    final int px = LEFT + (int)Math.round(pw * (Math.log(s.x[i]) - lx0) / (lx1 - lx0));
                    final int py = TOP + (int)Math.round(ph * (1 - (s.y[i] - yMin) / (yMax - yMin)));
                    if (lastX != Integer.MIN_VALUE) {
                        g.drawLine(lastX, lastY, px, py);
                    }
                    g.fillOval(px - 3, py - 3, 7, 7);
                    lastX = px;
                    lastY = py;
                }
                g.drawLine(W - RIGHT + 12, legendY, W - RIGHT + 42, legendY);
                g.setStroke(new BasicStroke(1f));
                g.setColor(Color.BLACK);
                g.drawString(s.name, W - RIGHT + 48, legendY + fm.getAscent() / 2 - 1);
                legendY += 20;
            }
        } finally {
            g.dispose();
        }
        Files.createDirectories(file.toAbsolutePath().getParent());
        final Path tmp = Files.createTempFile(file.toAbsolutePath().getParent(), ".chart", ".png");
        try {
            ImageIO.write(img, "png", tmp.toFile());
            PeakMemory.makeReadable(tmp);
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } finally {
            Files.deleteIfExists(tmp);
        }
    }

    private static double niceStep(final double raw) {
        final double p = Math.pow(10, Math.floor(Math.log10(raw)));
        final double f = raw / p;
        return (f <= 1 ? 1 : f <= 2 ? 2 : f <= 5 ? 5 : 10) * p;
    }

    private static String format(final double v, final double step) {
        if (step >= 1 && Math.abs(v - Math.rint(v)) < 1e-9) {
            return Long.toString(Math.round(v));
        }
        return String.format(Locale.ROOT, "%.2f", v).replaceAll("0+$", "").replaceAll("\\.$", "");
    }
}
