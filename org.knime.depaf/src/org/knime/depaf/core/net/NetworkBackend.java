package org.knime.depaf.core.net;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A deep-learning engine that runs {@link DepafNetwork}s. Implementations are stateless and thread-safe; the
 * networks they make are not (see {@link DepafNetwork}).
 */
public interface NetworkBackend {

    /** @return a short, stable name of the engine, written into network files (e.g. "samediff") */
    String name();

    /**
     * Builds a freshly initialised network (He-normal weights, zero biases, seeded by
     * {@link NetworkConfig#seed()}), learning rate 1e-3, no steps done.
     *
     * @param config the architecture
     * @param kernels the full POI and background box; POI channels must equal {@link NetworkConfig#poiChannels()}
     * @return the network
     * @throws IllegalArgumentException if config and kernels do not fit together
     */
    DepafNetwork build(NetworkConfig config, ForwardKernels kernels);

    /**
     * Reads a network written by {@link DepafNetwork#write} of this backend.
     *
     * @param in the stream (not closed)
     * @return the network, in the state it was written
     * @throws IOException if the stream is not such a network or cannot be read
     */
    DepafNetwork read(InputStream in) throws IOException;

    /**
     * @param file a file written by {@link DepafNetwork#save}
     * @return the network
     * @throws IOException if the file cannot be read or is not a network of this backend (the message names it)
     */
    default DepafNetwork load(final Path file) throws IOException {
        try (InputStream in = new java.io.BufferedInputStream(Files.newInputStream(file), 1 << 16)) {
            return read(in);
        } catch (IOException e) {
            throw new IOException("Cannot read network file " + file + ": " + e.getMessage(), e);
        }
    }
}
