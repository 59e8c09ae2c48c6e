package org.knime.node.parameters.layout;

import static java.lang.annotation.ElementType.TYPE;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.layout.Section} (see README.md). */
@Retention(RUNTIME)
@Target(TYPE)
public @interface Section {

    String title() default "";

    String description() default "";

    boolean sideDrawer() default false;
}
