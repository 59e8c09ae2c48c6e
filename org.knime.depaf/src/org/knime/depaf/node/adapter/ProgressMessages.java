package org.knime.depaf.node.adapter;

import java.util.Locale;

import org.knime.depaf.core.train.TrainingProgress;

/** Short progress messages for a person watching a node run. Stateless. */
public final class ProgressMessages {

    private ProgressMessages() {
    }

    /**
     * @param p the state after one training iteration
     * @return e.g. "epoch 3, iteration 150, loss 0.53", with ", validation loss 0.48" when this iteration validated
     */
    public static String training(final TrainingProgress p) {
        final StringBuilder sb = new StringBuilder(64);
        sb.append("epoch ").append(p.epoch()).append(", iteration ").append(p.iteration()).append(", loss ")
            .append(number(p.loss()));
        if (p.validated()) {
            sb.append(", validation loss ").append(number(p.validationLoss()));
        }
        return sb.toString();
    }

    /**
     * @param done frames processed so far
     * @param total frames to process
     * @return e.g. "frames 120 of 2000"
     */
    public static String frames(final long done, final long total) {
        return "frames " + done + " of " + total;
    }

    /** Two significant digits, plain notation for ordinary magnitudes (0.53, 12, 0.0041), scientific otherwise. */
    static String number(final double v) {
        if (!Double.isFinite(v)) {
            return Double.toString(v);
        }
        final double a = Math.abs(v);
        if (a != 0 && (a < 1e-3 || a >= 1e5)) {
            return String.format(Locale.ROOT, "%.2g", v);
        }
        return new java.math.BigDecimal(v).round(new java.math.MathContext(2)).stripTrailingZeros().toPlainString();
    }
}
