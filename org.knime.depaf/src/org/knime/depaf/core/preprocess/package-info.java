/**
 * Data preprocessing of DEPAF (method spec §3.2, §3.4): normalisation constants (normMin, normMax as the
 * 99.9th percentile with MATLAB {@code prctile} semantics), frame preparation shared by training and prediction
 * (subtract normMin, centre-keeping resampling, clamp at 0, divide by normMax), frame assignment ("sample
 * sequence"), the default 80/20 frame split, seeded patch positions and patch extraction into network batches.
 *
 * <p>Frame indices are 0-based in this package. All randomness is seeded ({@link java.util.SplittableRandom}).
 */
package org.knime.depaf.core.preprocess;
