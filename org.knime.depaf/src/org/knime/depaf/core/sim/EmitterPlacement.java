package org.knime.depaf.core.sim;

import java.util.SplittableRandom;

/**
 * Where emitters may sit: draws positions of fluorophores in the field.
 *
 * <p>Positions are in nm, origin at the top-left corner of the first pixel (the table convention), inside the
 * field [0, width) × [0, height); z in nm (0 for 2-D structures). Implementations are immutable and
 * thread-safe; all randomness comes from the random passed in, so a seeded random gives reproducible positions.
 */
@FunctionalInterface
public interface EmitterPlacement {

    /**
     * Draws one position.
     *
     * @param rng the source of randomness
     * @param xyz receives x, y, z in nm (length ≥ 3)
     */
    void sample(SplittableRandom rng, double[] xyz);
}
