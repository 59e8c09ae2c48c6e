/** The Localization Renderer node: a super-resolution image from a localisation table. */
package org.knime.depaf.node.renderer;
