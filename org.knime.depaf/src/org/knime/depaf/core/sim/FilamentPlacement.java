package org.knime.depaf.core.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Emitters along filaments: a filament is chosen with probability proportional to its length, a point uniform
 * along its contour, then a Gaussian lateral offset (x and y) of standard deviation {@code spreadNm} (label
 * size, antibody linkage). Points that the offset moves out of the field are redrawn. Immutable.
 */
public final class FilamentPlacement implements EmitterPlacement {

    private final List<Filament> filaments;
    private final double[] cumLength;
    private final double widthNm;
    private final double heightNm;
    private final double spreadNm;

    /**
     * @param filaments the structure, at least one filament of positive length
     * @param widthNm field width in nm
     * @param heightNm field height in nm
     * @param spreadNm standard deviation of the offset from the curve in nm, ≥ 0
     */
    public FilamentPlacement(final List<Filament> filaments, final double widthNm, final double heightNm,
        final double spreadNm) {
        if (filaments.isEmpty()) {
            throw new IllegalArgumentException("Filament placement needs at least one filament");
        }
        if (!(spreadNm >= 0) || !(widthNm > 0) || !(heightNm > 0)) {
            throw new IllegalArgumentException("Filament spread must be ≥ 0 nm and the field positive, got spread "
                + spreadNm + " nm, field " + widthNm + " × " + heightNm + " nm");
        }
        this.filaments = List.copyOf(filaments);
        cumLength = new double[filaments.size()];
        double c = 0;
        for (int i = 0; i < filaments.size(); i++) {
            c += filaments.get(i).length();
            cumLength[i] = c;
        }
        if (!(c > 0)) {
            throw new IllegalArgumentException("Filaments have zero total length");
        }
        this.widthNm = widthNm;
        this.heightNm = heightNm;
        this.spreadNm = spreadNm;
    }

    /**
     * Random worm-like filaments (see {@link Filament#randomWalk}) with the given count and contour length.
     */
    public static FilamentPlacement random(final SplittableRandom rng, final int count, final double widthNm,
        final double heightNm, final double zMinNm, final double zMaxNm, final double lengthNm,
        final double persistenceNm, final double spreadNm) {
        if (count < 1) {
            throw new IllegalArgumentException("Filament count must be ≥ 1, got " + count);
        }
        final List<Filament> list = new ArrayList<>();
        final double step = Math.min(20, lengthNm / 2);
        for (int i = 0; i < count; i++) {
            list.add(Filament.randomWalk(rng, widthNm, heightNm, zMinNm, zMaxNm, lengthNm, persistenceNm, step));
        }
        return new FilamentPlacement(list, widthNm, heightNm, spreadNm);
    }

    /** @return the filaments */
    public List<Filament> filaments() {
        return filaments;
    }

    /** @return the smallest lateral distance in nm from a point to any filament */
    public double lateralDistance(final double xNm, final double yNm) {
        double best = Double.POSITIVE_INFINITY;
        for (final Filament f : filaments) {
            best = Math.min(best, f.lateralDistance(xNm, yNm));
        }
        return best;
    }

    @Override
    public void sample(final SplittableRandom rng, final double[] xyz) {
        final double total = cumLength[cumLength.length - 1];
        do {
            final double s = rng.nextDouble() * total;
            int i = 0;
            while (i < cumLength.length - 1 && cumLength[i] <= s) {
                i++;
            }
            final double start = i == 0 ? 0 : cumLength[i - 1];
            filaments.get(i).pointAt(s - start, xyz);
            if (spreadNm > 0) {
                xyz[0] += spreadNm * rng.nextGaussian();
                xyz[1] += spreadNm * rng.nextGaussian();
            }
        } while (xyz[0] < 0 || xyz[0] >= widthNm || xyz[1] < 0 || xyz[1] >= heightNm);
    }
}
