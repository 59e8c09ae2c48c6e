package org.knime.depaf;

import org.knime.depaf.core.net.Nd4jRuntime;
import org.osgi.framework.BundleActivator;
import org.osgi.framework.BundleContext;

/**
 * Prepares the deep-learning runtime when KNIME activates the plugin.
 *
 * <p>ND4J looks for its CPU backend through the class loader of the thread that first touches it. KNIME runs
 * nodes on framework threads whose context class loader cannot see this plugin's embedded jars, and a failed
 * discovery breaks ND4J until the JVM restarts; so the plugin's own class loader is handed to ND4J here,
 * before any node can run. JavaCPP gets a cache folder of this plugin's own (in the bundle's data area), so
 * another JavaCPP-based plugin cannot overwrite the unpacked natives.
 */
public final class DepafActivator implements BundleActivator {

    @Override
    public void start(final BundleContext context) {
        Nd4jRuntime.initialise(DepafActivator.class.getClassLoader(),
            context.getDataFile("javacpp-cache").toPath());
    }

    @Override
    public void stop(final BundleContext context) {
        // Native memory is released with the JVM; nothing to undo.
    }
}
