package org.knime.depaf.core.model;

import java.time.Instant;
import java.util.Objects;

/**
 * Where a model came from, for the people who read its summary later.
 *
 * @param dataSource the training data (file name or description)
 * @param poiSource the POI (file name or generator description)
 * @param created when training finished
 * @param softwareVersion version of DEPAF for KNIME that trained it
 * @param iterations optimiser steps done
 * @param bestValidationLoss validation loss of the returned weights
 * @param trainingSeconds wall time of training (without the threshold search)
 */
public record ModelProvenance(String dataSource, String poiSource, Instant created, String softwareVersion,
    long iterations, double bestValidationLoss, double trainingSeconds) {

    /** Checks the fields. */
    public ModelProvenance {
        Objects.requireNonNull(dataSource, "dataSource");
        Objects.requireNonNull(poiSource, "poiSource");
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(softwareVersion, "softwareVersion");
    }
}
