package org.knime.depaf.core.net.samediff;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * Runs an action while {@code System.out} drops SameDiff's "Added differentiated op" lines (printed
 * unconditionally by {@code SameDiff.createGradFunction} in 1.0.0-M2.1). Other output passes through, line by
 * line. {@code System.out} is process-wide: the swap is serialised and undone in all cases.
 */
final class QuietStdout {

    private static final byte[] NOISE = "Added differentiated op".getBytes(StandardCharsets.US_ASCII);

    private QuietStdout() {
    }

    static synchronized void run(final Runnable action) {
        final PrintStream original = System.out;
        final PrintStream filtered = new PrintStream(new LineFilter(original), true);
        System.setOut(filtered);
        try {
            action.run();
        } finally {
            filtered.flush();
            System.setOut(original);
        }
    }

    private static final class LineFilter extends OutputStream {
        private final PrintStream target;
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();

        LineFilter(final PrintStream target) {
            this.target = target;
        }

        @Override
        public synchronized void write(final int b) {
            line.write(b);
            if (b == '\n') {
                emit();
            }
        }

        @Override
        public synchronized void flush() {
            if (line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            final byte[] bytes = line.toByteArray();
            line.reset();
            if (!startsWithNoise(bytes)) {
                target.write(bytes, 0, bytes.length);
                target.flush();
            }
        }

        private static boolean startsWithNoise(final byte[] bytes) {
            if (bytes.length < NOISE.length) {
                return false;
            }
            for (int i = 0; i < NOISE.length; i++) {
                if (bytes[i] != NOISE[i]) {
                    return false;
                }
            }
            return true;
        }
    }
}
