/**
 * Image stacks (frames × height × width, float) and their files: TIFF and MATLAB readers and writers with
 * frame-range access.
 */
package org.knime.depaf.core.image;
