/**
 * Small pieces every engine package shares: progress and cancellation ({@link org.knime.depaf.core.util.Monitor})
 * and atomic file writing ({@link org.knime.depaf.core.util.AtomicFiles}).
 */
package org.knime.depaf.core.util;
