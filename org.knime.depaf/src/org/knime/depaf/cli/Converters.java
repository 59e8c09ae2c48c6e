package org.knime.depaf.cli;

import java.util.Arrays;
import java.util.BitSet;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Option values with several numbers ("64,64", "1.5,1.5,1", "1-80,90"), with messages that show the form. */
final class Converters {

    private Converters() {
    }

    /** Two whole numbers (a size h,w; a stride y,x). */
    record Ints(int first, int second) {
    }

    /** Two whole numbers of iterations. */
    record Longs(long first, long second) {
    }

    /** Two numbers (a field width,height in nm). */
    record Doubles(double first, double second) {
    }

    /** Upsampling ratios. */
    record Ratios(double y, double x, double z) {
    }

    /** 0-based frame indices, sorted, no duplicates. */
    record Frames(int[] indices) {
        int first() {
            return indices[0];
        }

        int last() {
            return indices[indices.length - 1];
        }

        int count() {
            return indices.length;
        }
    }

    /** "h,w", or one number for a square. */
    static final class IntPair implements ITypeConverter<Ints> {
        @Override
        public Ints convert(final String value) {
            final String[] p = parts(value, 1, 2, "one or two whole numbers, e.g. 64 or 64,32");
            final int a = integer(p[0], value);
            return new Ints(a, p.length == 2 ? integer(p[1], value) : a);
        }
    }

    /** "first,second" iteration milestones. */
    static final class LongPair implements ITypeConverter<Longs> {
        @Override
        public Longs convert(final String value) {
            final String[] p = parts(value, 2, 2, "two whole numbers, e.g. 250,500");
            try {
                return new Longs(Long.parseLong(p[0].trim()), Long.parseLong(p[1].trim()));
            } catch (final NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not two whole numbers like 250,500");
            }
        }
    }

    /** "y,x" or "y,x,z" ratios (z defaults to 1), or one number for y and x. */
    static final class RatioTriple implements ITypeConverter<Ratios> {
        @Override
        public Ratios convert(final String value) {
            final String[] p = parts(value, 1, 3, "y,x or y,x,z ratios ≥ 1, e.g. 1.5,1.5 or 1.5,1.5,1");
            final double y = decimal(p[0], value);
            final double x = p.length >= 2 ? decimal(p[1], value) : y;
            final double z = p.length == 3 ? decimal(p[2], value) : 1;
            return new Ratios(y, x, z);
        }
    }

    /** Two numbers "a,b" (e.g. a field size in nm). */
    static final class DoublePair implements ITypeConverter<Doubles> {
        @Override
        public Doubles convert(final String value) {
            final String[] p = parts(value, 2, 2, "two numbers, e.g. 6400,6400");
            return new Doubles(decimal(p[0], value), decimal(p[1], value));
        }
    }

    /**
     * Frames as a person counts them, 1-based and inclusive: "1-80", "1-80,90,95-100". The result is the sorted
     * 0-based frame indices, as the engine wants them.
     */
    static final class FrameRanges implements ITypeConverter<Frames> {
        @Override
        public Frames convert(final String value) {
            final BitSet frames = new BitSet();
            for (final String part : value.split(",")) {
                final String s = part.trim();
                if (s.isEmpty()) {
                    throw new TypeConversionException("'" + value + "' has an empty range; expected frames like "
                        + "1-80 or 1-80,90");
                }
                final int dash = s.indexOf('-', 1);
                final int first = frame(dash < 0 ? s : s.substring(0, dash), value);
                final int last = dash < 0 ? first : frame(s.substring(dash + 1), value);
                if (last < first) {
                    throw new TypeConversionException("'" + s + "' runs backwards; write the first frame first, "
                        + "e.g. 1-80");
                }
                frames.set(first - 1, last);
            }
            return new Frames(frames.stream().toArray());
        }

        private static int frame(final String s, final String value) {
            final int f;
            try {
                f = Integer.parseInt(s.trim());
            } catch (final NumberFormatException e) {
                throw new TypeConversionException("'" + value + "' is not a list of frame ranges like 1-80,90 "
                    + "(frames count from 1)");
            }
            if (f < 1) {
                throw new TypeConversionException("frame " + f + " in '" + value + "': frames count from 1");
            }
            return f;
        }
    }

    private static String[] parts(final String value, final int min, final int max, final String expected) {
        final String[] p = value.split(",", -1);
        if (p.length < min || p.length > max || Arrays.stream(p).anyMatch(s -> s.isBlank())) {
            throw new TypeConversionException("'" + value + "' is not " + expected);
        }
        return p;
    }

    private static int integer(final String s, final String value) {
        try {
            return Integer.parseInt(s.trim());
        } catch (final NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': '" + s.trim() + "' is not a whole number");
        }
    }

    private static double decimal(final String s, final String value) {
        try {
            return Double.parseDouble(s.trim());
        } catch (final NumberFormatException e) {
            throw new TypeConversionException("'" + value + "': '" + s.trim() + "' is not a number");
        }
    }
}
