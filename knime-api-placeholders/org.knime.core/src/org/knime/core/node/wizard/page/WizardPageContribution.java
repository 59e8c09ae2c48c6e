package org.knime.core.node.wizard.page;

/**
 * Compile-only placeholder of KNIME's {@code org.knime.core.node.wizard.page.WizardPageContribution} (see README.md):
 * here only as a supertype of other placeholders, so their supertypes match KNIME's.
 */
public interface WizardPageContribution {
}
