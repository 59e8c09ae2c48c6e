package org.knime.depaf.core.train;

import java.util.List;

import org.knime.depaf.core.detect.ThresholdSearchResult;
import org.knime.depaf.core.model.DepafModel;

/**
 * What a training run produced.
 *
 * @param model the trained model (owns its network: close it when done)
 * @param history one entry per iteration
 * @param thresholdSearch the threshold search with its loss curves and warnings
 * @param stopReason why training ended, in words
 */
public record TrainingResult(DepafModel model, List<TrainingProgress> history, ThresholdSearchResult thresholdSearch,
    String stopReason) {
}
