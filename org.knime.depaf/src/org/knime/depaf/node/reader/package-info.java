/** The Image Stack Reader node: a TIFF or MAT stack file as an Image Stack port (referenced, not copied). */
package org.knime.depaf.node.reader;
