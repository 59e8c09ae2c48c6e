package org.knime.depaf.core.train;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The POI channel-compression curriculum for multi-channel POIs (depaf-method.md §8), with 0-based channels.
 *
 * <p>At level L the C channels form 2^L contiguous groups (every channel its own group once 2^L > C); each group
 * is represented by its middle ("active") channel, which fits with the mean of the group's POI slices, while the
 * other channels are masked off. Training starts at level 1 and {@link #decompress() decompresses} one level at a
 * time until every channel is active. A single-channel POI is fully decompressed from the start.
 *
 * <p>Not thread-safe; one per training run.
 */
public final class Curriculum {

    /** One step of a decompression: copy the head of {@code source} to {@code target}, times {@code scale}. */
    public record HeadCopy(int source, int target, double scale) {
    }

    private final int channels;
    private int level = 1;

    /** @param channels number of POI channels C, ≥ 1 */
    public Curriculum(final int channels) {
        if (channels < 1) {
            throw new IllegalArgumentException("number of POI channels must be ≥ 1, got " + channels);
        }
        this.channels = channels;
    }

    /** @return the current level, starting at 1 */
    public int level() {
        return level;
    }

    /** @return number of POI channels C */
    public int channels() {
        return channels;
    }

    /** @return whether another level exists (2^level < C) */
    public boolean canDecompress() {
        return (1L << level) < channels;
    }

    /** @return the number of decompressions a full training performs, max(0, ceil(log2 C) − 1) */
    public int totalDecompressions() {
        int levels = 1;
        while ((1L << levels) < channels) {
            levels++;
        }
        return levels - 1;
    }

    /**
     * The contiguous groups at a level: each row is {first, last} (inclusive, 0-based).
     *
     * @param channels C
     * @param level L ≥ 1
     * @return the groups in channel order
     */
    public static int[][] groupsAt(final int channels, final int level) {
        List<int[]> groups = List.of(new int[]{0, channels - 1});
        for (int l = 1; l <= level; l++) {
            if ((1L << l) > channels) {
                final int[][] singles = new int[channels][];
                for (int c = 0; c < channels; c++) {
                    singles[c] = new int[]{c, c};
                }
                return singles;
            }
            final List<int[]> split = new ArrayList<>();
            for (final int[] g : groups) {
                final int n = g[1] - g[0] + 1;
                final int firstPart = (n + 1) / 2; // ceil(n/2)
                split.add(new int[]{g[0], g[0] + firstPart - 1});
                if (n > firstPart) {
                    split.add(new int[]{g[0] + firstPart, g[1]});
                }
            }
            groups = split;
        }
        return groups.toArray(int[][]::new);
    }

    /**
     * The active channel of a group: its middle, ceil((first + last)/2) in the method's 1-based numbering.
     *
     * @param first first channel (0-based)
     * @param last last channel (0-based)
     * @return the active channel (0-based)
     */
    public static int activeChannel(final int first, final int last) {
        // 1-based: ceil((first+1 + last+1) / 2); back to 0-based: minus 1.
        return (first + last + 2 + 1) / 2 - 1;
    }

    /** @return the groups of the current level */
    public int[][] groups() {
        return groupsAt(channels, level);
    }

    /** @return the active channels of the current level, ascending */
    public int[] activeChannels() {
        return Arrays.stream(groups()).mapToInt(g -> activeChannel(g[0], g[1])).toArray();
    }

    /** @return the channel mask m: 1 for active channels, 0 otherwise */
    public float[] mask() {
        final float[] mask = new float[channels];
        for (final int c : activeChannels()) {
            mask[c] = 1;
        }
        return mask;
    }

    /**
     * The compressed POI of the current level: each group's active channel gets the mean of the group's slices,
     * every other channel a zero kernel.
     *
     * @param poi the full POI, channel-major (C slices of sliceSize values)
     * @param sliceSize values per slice (h·w)
     * @return the compressed POI in the same layout
     */
    public float[] compressedPoi(final float[] poi, final int sliceSize) {
        if (poi.length != channels * sliceSize) {
            throw new IllegalArgumentException("POI has " + poi.length + " values, expected " + channels + " slices of "
                + sliceSize);
        }
        final float[] out = new float[poi.length];
        for (final int[] g : groups()) {
            final int active = activeChannel(g[0], g[1]);
            final int n = g[1] - g[0] + 1;
            for (int i = 0; i < sliceSize; i++) {
                double sum = 0;
                for (int c = g[0]; c <= g[1]; c++) {
                    sum += poi[c * sliceSize + i];
                }
                out[active * sliceSize + i] = (float)(sum / n);
            }
        }
        return out;
    }

    /**
     * Goes to the next level and says how the network's head must be re-initialised: each active channel of the
     * new level takes the head of its parent group's active channel, scaled by |group| / |parent group| so the
     * parent's amplitude is split in proportion to group size. Apply the copies from values read <b>before</b> any
     * of them is written (a child may share its channel with its parent).
     *
     * @return the head copies, one per active channel of the new level
     * @throws IllegalStateException if {@link #canDecompress()} is false
     */
    public List<HeadCopy> decompress() {
        if (!canDecompress()) {
            throw new IllegalStateException("the curriculum is already fully decompressed at level " + level);
        }
        final int[][] parents = groups();
        level++;
        final List<HeadCopy> copies = new ArrayList<>();
        for (final int[] g : groups()) {
            final int child = activeChannel(g[0], g[1]);
            for (final int[] p : parents) {
                if (p[0] <= child && child <= p[1]) {
                    copies.add(new HeadCopy(activeChannel(p[0], p[1]), child,
                        (g[1] - g[0] + 1) / (double)(p[1] - p[0] + 1)));
                    break;
                }
            }
        }
        return copies;
    }
}
