/**
 * Evaluation of localisations against ground truth: the EPFL SMLM challenge 2016 protocol
 * ({@link org.knime.depaf.core.eval.EpflMatcher}, {@link org.knime.depaf.core.eval.Metrics}), the DEPAF paper's
 * 2-D protocol ({@link org.knime.depaf.core.eval.DepafPaperEvaluator}), the random-positions baseline
 * ({@link org.knime.depaf.core.eval.RandomBaseline}) and a text/Markdown table for reports
 * ({@link org.knime.depaf.core.eval.TextTable}). Positions in nm, frames 1-based, as in
 * {@link org.knime.depaf.core.loc.LocalisationTable}.
 */
package org.knime.depaf.core.eval;
