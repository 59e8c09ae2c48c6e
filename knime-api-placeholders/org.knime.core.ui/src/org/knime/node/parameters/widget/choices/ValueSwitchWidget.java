package org.knime.node.parameters.widget.choices;

import static java.lang.annotation.ElementType.FIELD;
import static java.lang.annotation.RetentionPolicy.RUNTIME;
import java.lang.annotation.Retention;
import java.lang.annotation.Target;

/** Compile-only placeholder of KNIME's {@code org.knime.node.parameters.widget.choices.ValueSwitchWidget} (see README.md). */
@Retention(RUNTIME)
@Target(FIELD)
public @interface ValueSwitchWidget {
}
