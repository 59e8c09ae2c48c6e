package org.knime.node.parameters.layout;

import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.layout.Layout} (see README.md). */
@Retention(RetentionPolicy.RUNTIME)
public @interface Layout {

    Class<?> value();
}
