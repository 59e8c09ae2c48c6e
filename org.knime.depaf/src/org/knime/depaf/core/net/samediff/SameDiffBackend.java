package org.knime.depaf.core.net.samediff;

import java.io.IOException;
import java.io.InputStream;

import org.knime.depaf.core.net.DepafNetwork;
import org.knime.depaf.core.net.ForwardKernels;
import org.knime.depaf.core.net.NetworkBackend;
import org.knime.depaf.core.net.NetworkConfig;
import org.knime.depaf.core.util.MemoryBudget;

/**
 * The Deeplearning4j SameDiff engine (CPU with oneDNN by default): see the package description. Stateless and
 * thread-safe. The first network built in a JVM starts ND4J (a few seconds; call
 * {@link org.knime.depaf.core.net.Nd4jRuntime#initialise} before that inside OSGi).
 */
public final class SameDiffBackend implements NetworkBackend {

    /** Name written into network files. */
    public static final String NAME = "samediff";

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public DepafNetwork build(final NetworkConfig config, final ForwardKernels kernels) {
        requireFits(config);
        final SameDiffNetwork net = new SameDiffNetwork(config, kernels);
        net.initialiseWeights();
        return net;
    }

    /**
     * Refuses, before ND4J allocates anything, a network whose weights cannot fit: each parameter is held four
     * times (the weight, its gradient and Adam's two moments).
     *
     * @throws IllegalArgumentException naming the encoder depth and base width
     */
    private static void requireFits(final NetworkConfig config) {
        final double bridge = config.stageWidth(config.encoderDepth() + 1);
        MemoryBudget.require("A network of encoder depth " + config.encoderDepth() + " and base width "
            + config.baseWidth() + " (" + config.parameterCount() + " parameters)",
            4.0 * Float.BYTES * config.parameterCount(), (config.oneDimensional() ? 3 : 9) * bridge * bridge,
            "use a smaller base width or encoder depth");
    }

    @Override
    public DepafNetwork read(final InputStream in) throws IOException {
        final NetworkFile.Content content = NetworkFile.read(in);
        if (!NAME.equals(content.backend())) {
            throw new IOException("the network was written by the \"" + content.backend()
                + "\" engine, not by \"" + NAME + "\"");
        }
        requireFits(content.config());
        final SameDiffNetwork net = new SameDiffNetwork(content.config(), content.kernels());
        try {
            net.load(content);
        } catch (IOException | RuntimeException e) {
            net.close();
            throw e;
        }
        return net;
    }
}
