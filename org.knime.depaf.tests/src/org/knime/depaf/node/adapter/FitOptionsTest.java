package org.knime.depaf.node.adapter;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.knime.depaf.core.fit.RefinementOptions;

/** The Predictor node's fitting and camera options and their translation into the engine's. */
class FitOptionsTest {

    @Test
    void theDefaultsAreTheEngines() {
        final RefinementOptions r = FitOptions.defaults().toRefinement();
        assertEquals(RefinementOptions.defaults(), r);
        assertTrue(r.gainFromData(), "gain read from the data by default");
    }

    @Test
    void aGainOfZeroMeansFromTheDataAndAPositiveGainIsTakenAsGiven() {
        final FitOptions d = FitOptions.defaults();
        final RefinementOptions given = new FitOptions(true, 400, 6, true, 0.9, 1.6, 20).toRefinement();
        assertFalse(given.gainFromData());
        assertEquals(6, given.camera().aduPerPhoton());
        assertEquals(400, given.camera().offsetAdu());
        assertTrue(given.camera().emccd());
        assertEquals(0.9, given.camera().qe());
        assertEquals(1.6, given.camera().readNoiseAdu());
        assertEquals(20, given.minLlr());
        assertTrue(new FitOptions(true, d.cameraOffsetAdu(), 0, false, 1, 0, 0).toRefinement().gainFromData());
    }

    @Test
    void fittingOffGivesNoRefinementButStillChecksTheValues() {
        assertNull(new FitOptions(false, 100, 0, false, 1, 0, 50).toRefinement());
        assertThrows(IllegalArgumentException.class, () -> new FitOptions(false, 100, -1, false, 1, 0, 50).validate());
    }

    @Test
    void impossibleValuesNameTheOption() {
        assertMessage(new FitOptions(true, 100, -2, false, 1, 0, 50), "Camera gain");
        assertMessage(new FitOptions(true, Double.NaN, 0, false, 1, 0, 50), "Camera offset");
        assertMessage(new FitOptions(true, 100, 0, false, 0, 0, 50), "Quantum efficiency");
        assertMessage(new FitOptions(true, 100, 0, false, 1, -1, 50), "Read noise");
        assertMessage(new FitOptions(true, 100, 0, false, 1, 0, -5), "Minimum log-likelihood ratio");
    }

    private static void assertMessage(final FitOptions o, final String name) {
        final IllegalArgumentException e = assertThrows(IllegalArgumentException.class, o::validate);
        assertTrue(e.getMessage().startsWith(name), e.getMessage());
    }
}
