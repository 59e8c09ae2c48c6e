/** The POI Reader node: a pattern of interest read from a file, generated, or calibrated from beads. */
package org.knime.depaf.node.poi;
