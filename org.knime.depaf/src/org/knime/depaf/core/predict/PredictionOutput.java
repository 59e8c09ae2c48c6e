package org.knime.depaf.core.predict;

/** What a prediction run produces (depaf-method.md §12 step 6, §13); chosen in {@link PredictionOptions}. */
public enum PredictionOutput {
    /** The localisation table: one row per detection, positions in nm, frames 1-based. */
    LOCALISATIONS("localisations"),
    /**
     * ISyn: the detections re-synthesised on the upsampled grid, × normMax, downsampled to the camera grid; normMin
     * is not added, so it is a noise- and background-free image in raw camera units.
     */
    SYNTHESIS("re-synthesis (ISyn)"),
    /** BG: the estimated background × normMax, downsampled to the camera grid, + normMin (raw camera units). */
    BACKGROUND("background (BG)"),
    /** The raw frames minus {@link #BACKGROUND} (raw camera units, may be negative). */
    BACKGROUND_SUBTRACTED("background-subtracted frames");

    private final String label;

    PredictionOutput(final String label) {
        this.label = label;
    }

    /** @return a name for messages */
    public String label() {
        return label;
    }
}
