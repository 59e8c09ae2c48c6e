package org.knime.depaf.build;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URL;
import java.net.URLClassLoader;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.knime.depaf.DepafActivator;
import org.nd4j.autodiff.samediff.SDVariable;
import org.nd4j.autodiff.samediff.SameDiff;
import org.nd4j.linalg.api.buffer.DataType;
import org.nd4j.linalg.api.ndarray.INDArray;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.Conv2DConfig;
import org.nd4j.linalg.api.ops.impl.layers.convolution.config.PaddingMode;
import org.nd4j.linalg.factory.Nd4j;
import org.nd4j.nativeblas.NativeOpsHolder;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;

/**
 * The deep-learning runtime works inside the OSGi framework the way KNIME uses it: ND4J is first touched on a
 * thread whose context class loader cannot see the plugin (as KNIME's node threads), finds its oneDNN CPU
 * backend through the plugin's activator, and a SameDiff convolution gives the same numbers as plain Java.
 */
@Order(1) // must be the first test class to touch ND4J, or it would prove nothing about start-up
class Nd4jInOsgiTest {

    @Test
    void pluginIsActiveInsideOsgi() {
        final Bundle bundle = FrameworkUtil.getBundle(DepafActivator.class);
        org.junit.jupiter.api.Assumptions.assumeTrue(bundle != null, "not running inside OSGi");
        assertEquals(Bundle.ACTIVE, bundle.getState(), "the DEPAF plugin should be active once a class is loaded");
    }

    @Test
    void sameDiffConvolutionMatchesPlainJavaOnAForeignThread() throws Exception {
        // Outside OSGi nobody runs the activator; the command line calls Nd4jRuntime itself.
        org.junit.jupiter.api.Assumptions.assumeTrue(FrameworkUtil.getBundle(DepafActivator.class) != null,
            "not running inside OSGi");
        final int h = 12;
        final int w = 10;
        final int kh = 5;
        final int kw = 3;
        final SplittableRandom random = new SplittableRandom(7);
        final float[] image = new float[h * w];
        final float[] kernel = new float[kh * kw];
        for (int i = 0; i < image.length; i++) {
            image[i] = (float)random.nextDouble(-1, 1);
        }
        for (int i = 0; i < kernel.length; i++) {
            kernel[i] = (float)random.nextDouble(-1, 1);
        }

        final AtomicReference<float[]> result = new AtomicReference<>();
        final AtomicReference<Throwable> failure = new AtomicReference<>();
        final Thread thread = new Thread(() -> {
            try {
                result.set(sameDiffValidCorrelation(image, h, w, kernel, kh, kw));
            } catch (Throwable t) { // NOSONAR the test reports whatever went wrong on the worker thread
                failure.set(t);
            }
        }, "foreign-context-loader");
        // A loader that sees only the JDK, as a KNIME framework thread sees nothing of this plugin.
        try (URLClassLoader foreign = new URLClassLoader(new URL[0], null)) {
            thread.setContextClassLoader(foreign);
            thread.start();
            thread.join();
        }
        if (failure.get() != null) {
            throw new AssertionError("ND4J failed on a thread with a foreign context class loader", failure.get());
        }
        assertArrayEquals(plainValidCorrelation(image, h, w, kernel, kh, kw), result.get(), 1e-5f);

        final String buildInfo = NativeOpsHolder.getInstance().getDeviceNativeOps().buildInfo();
        assertTrue(Nd4j.getBackend().getClass().getName().contains("Cpu"),
            "expected the CPU backend, got " + Nd4j.getBackend().getClass().getName());
        assertTrue(buildInfo.toUpperCase().contains("ONEDNN") || buildInfo.toUpperCase().contains("MKLDNN"),
            "expected natives built with oneDNN, build info: " + buildInfo);
    }

    private static float[] sameDiffValidCorrelation(final float[] image, final int h, final int w,
        final float[] kernel, final int kh, final int kw) {
        final SameDiff sd = SameDiff.create();
        final SDVariable input = sd.constant("input", Nd4j.create(image, new long[]{1, 1, h, w}, 'c'));
        // SameDiff's default weight layout is [kH, kW, inChannels, outChannels].
        final SDVariable weights = sd.constant("weights", Nd4j.create(kernel, new long[]{kh, kw, 1, 1}, 'c'));
        final SDVariable output = sd.cnn().conv2d("output", input, weights, Conv2DConfig.builder().kH(kh).kW(kw)
            .sH(1).sW(1).paddingMode(PaddingMode.VALID).dataFormat("NCHW").build());
        final INDArray out = output.eval().castTo(DataType.FLOAT);
        return out.data().asFloat();
    }

    /** Cross-correlation without padding ("valid"), as deep-learning convolutions compute it. */
    private static float[] plainValidCorrelation(final float[] image, final int h, final int w,
        final float[] kernel, final int kh, final int kw) {
        final int oh = h - kh + 1;
        final int ow = w - kw + 1;
        final float[] out = new float[oh * ow];
        for (int y = 0; y < oh; y++) {
            for (int x = 0; x < ow; x++) {
                double sum = 0;
                for (int i = 0; i < kh; i++) {
                    for (int j = 0; j < kw; j++) {
                        sum += image[(y + i) * w + x + j] * kernel[i * kw + j];
                    }
                }
                out[y * ow + x] = (float)sum;
            }
        }
        return out;
    }
}
