package org.knime.node.parameters;

import static java.lang.annotation.RetentionPolicy.RUNTIME;
import java.lang.annotation.Retention;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.Advanced} (see README.md). */
@Retention(RUNTIME)
public @interface Advanced {
}
