/** The Image Stack Writer node: an Image Stack port as a TIFF file. */
package org.knime.depaf.node.writer;
