package org.knime.node;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionContext;
import org.knime.core.node.FluentNodeAPI;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.KNIMEException;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.node.parameters.NodeParameters;

/** Compile-only placeholder of KNIME's {@code org.knime.node.DefaultModel} (see README.md). */
public abstract sealed class DefaultModel implements FluentNodeAPI {

    private DefaultModel(final Class<? extends NodeParameters> parametersClass) {
        throw new UnsupportedOperationException();
    }

    static final class StandardDefaultModel extends DefaultModel {
        private StandardDefaultModel() {
            super(null);
            throw new UnsupportedOperationException();
        }
    }

    /** The other permitted subclass, so that the sealed hierarchy matches KNIME's. */
    static final class RearrangeColumnsDefaultModel extends DefaultModel {
        private RearrangeColumnsDefaultModel() {
            super(null);
            throw new UnsupportedOperationException();
        }
    }

    public interface RequireModelParameters {

        RequireConfigureOrRearrangeColumns parametersClass(Class<? extends NodeParameters> parametersClass);

        default RequireConfigureOrRearrangeColumns withoutParameters() {
            throw new UnsupportedOperationException();
        }
    }

    public interface RequireConfigureOrRearrangeColumns {

        RequireExecute configure(final ConfigureOrRearrangerConsumer<ConfigureInput, ConfigureOutput> configure);
    }

    public interface ConfigureOrRearrangerConsumer<I, O> {

        void accept(I input, O output) throws InvalidSettingsException;
    }

    public interface ConfigureInput {

        <S extends NodeParameters> S getParameters();

        <S extends PortObjectSpec> S getInPortSpec(int index);
    }

    public interface ConfigureOutput {

        <S extends PortObjectSpec> void setOutSpec(int index, S spec);

        void setWarningMessage(String message);
    }

    public interface ExecuteInput {

        <S extends NodeParameters> S getParameters();

        ExecutionContext getExecutionContext();

        <D extends PortObject> D getInPortObject(int portIndex);

        BufferedDataTable getInTable(final int portIndex);
    }

    public interface ExecuteOutput {

        <D extends PortObject> void setOutData(int index, D data);

        void setWarningMessage(String message);
    }

    public interface RequireExecute {

        DefaultModel execute(ExecuteConsumer execute);
    }

    public interface ExecuteConsumer {

        void accept(ExecuteInput input, ExecuteOutput output) throws CanceledExecutionException, KNIMEException;
    }
}
