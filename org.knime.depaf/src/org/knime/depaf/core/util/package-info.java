/**
 * Small pieces every engine package shares: progress and cancellation ({@link org.knime.depaf.core.util.Monitor}).
 */
package org.knime.depaf.core.util;
