/**
 * A trained DEPAF model and its file: the network with every constant prediction needs (preprocessed POI,
 * adjusted upsampling ratios, interpolation, normalisation constants, threshold, parameters) and its provenance.
 */
package org.knime.depaf.core.model;
