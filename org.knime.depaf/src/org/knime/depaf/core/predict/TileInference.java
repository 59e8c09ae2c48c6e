package org.knime.depaf.core.predict;

import java.util.Objects;

import org.knime.depaf.core.image.ImageStack;
import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.NetworkOutput;

/**
 * The inference step of prediction: maps a stack of patches (normalised, upsampled data) to the network's maps A,
 * Dsum and BG, as {@link DepafNetwork#infer(ImageStack)} does (§12 step 2).
 *
 * <p>The predictor only needs this one function, so tests and benchmarks can pass an analytic stand-in (an
 * identity, a peak finder, a constant background) and check tiling, detection and output plumbing exactly,
 * without a trained network. Implementations must return one patch per input patch, of the input's size, with
 * the model's number of POI channels; they need not be thread-safe (the predictor calls them from one thread).
 */
@FunctionalInterface
public interface TileInference {

    /**
     * @param patches B patches of H × W
     * @return A ({@code B × C × H × W}), Dsum and BG ({@code B × H × W})
     */
    NetworkOutput infer(ImageStack patches);

    /**
     * @param network a trained network
     * @return the network's prediction-mode inference (no dropout, all channels, full POI)
     */
    static TileInference of(final DepafNetwork network) {
        Objects.requireNonNull(network, "network");
        return network::infer;
    }
}
