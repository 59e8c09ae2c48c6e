/**
 * DEPAF prediction (depaf-method.md §12, §13): a trained model applied to a stack, batch by batch.
 *
 * <p>{@link org.knime.depaf.core.predict.Predictor} is the engine: created from a
 * {@link org.knime.depaf.core.model.DepafModel} and {@link org.knime.depaf.core.predict.PredictionOptions}, it
 * reads frame batches from a {@link org.knime.depaf.core.image.FrameSource}, prepares them, runs tiled inference
 * with Gaussian blending ({@link org.knime.depaf.core.predict.TiledInference}), detects, maps to nm
 * ({@link org.knime.depaf.core.predict.LocalisationConverter}) and sends each batch's localisations and optional
 * image outputs (ISyn, BG, raw − BG on the camera grid) to a {@link org.knime.depaf.core.predict.PredictionSink}:
 * in memory ({@link org.knime.depaf.core.predict.InMemoryPredictionSink}) or streamed to files
 * ({@link org.knime.depaf.core.predict.FilePredictionSink}). Memory depends on the batch and frame size, not on
 * the stack length. {@link org.knime.depaf.core.predict.BackgroundEstimation} is the background-only variant.
 *
 * <p>The inference is one function ({@link org.knime.depaf.core.predict.TileInference}), so tests pass analytic
 * stand-ins for the network. Coordinates: 0-based pixels with centres at integers inside the engine; nm
 * ({@code (x_px + 0.5)·pixelSize}) and 1-based frames in tables.
 */
package org.knime.depaf.core.predict;
