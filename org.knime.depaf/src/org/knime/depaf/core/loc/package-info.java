/**
 * Localisation tables: {@link org.knime.depaf.core.loc.LocalisationTable}, the one columnar emitter table every
 * package shares (positions in nm, frames 1-based), its CSV files in the ThunderSTORM convention
 * ({@link org.knime.depaf.core.loc.LocalisationCsv}) and super-resolution rendering
 * ({@link org.knime.depaf.core.loc.SuperResolutionRenderer}, {@link org.knime.depaf.core.loc.RenderImages}).
 */
package org.knime.depaf.core.loc;
