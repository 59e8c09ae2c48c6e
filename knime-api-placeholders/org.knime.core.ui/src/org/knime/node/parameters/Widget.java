package org.knime.node.parameters;

import java.lang.annotation.ElementType;
import java.lang.annotation.Inherited;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.Widget} (see README.md). */
@Retention(RetentionPolicy.RUNTIME)
@Target(ElementType.FIELD)
@Inherited
public @interface Widget {

    String title();

    String description();

    boolean advanced() default false;
}
