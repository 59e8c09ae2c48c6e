package org.knime.depaf.realknime;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.knime.core.node.BufferedDataTable;
import org.knime.core.node.CanceledExecutionException;
import org.knime.core.node.ExecutionMonitor;
import org.knime.core.node.InvalidSettingsException;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.PortObject;
import org.knime.core.node.port.PortObjectSpec;
import org.knime.core.node.workflow.NativeNodeContainer;
import org.knime.core.node.workflow.NodeContainer;
import org.knime.core.node.workflow.NodeID;
import org.knime.core.node.workflow.NodeMessage;
import org.knime.core.node.workflow.UnsupportedWorkflowVersionException;
import org.knime.core.node.workflow.WorkflowCreationHelper;
import org.knime.core.node.workflow.WorkflowLoadHelper;
import org.knime.core.node.workflow.WorkflowManager;
import org.knime.core.node.workflow.contextv2.WorkflowContextV2;
import org.knime.core.util.LockFailedException;

/**
 * A KNIME workflow project in KNIME's own {@link WorkflowManager}, as the KNIME Analytics Platform and the batch
 * executor run it: nodes are added from their factories, settings are changed the way a dialog or a flow variable
 * changes them, and the workflow is executed, saved to a folder and loaded from it. Port 0 of every node is KNIME's
 * flow variable port; a node's first data port is port 1.
 */
final class KnimeWorkflow implements AutoCloseable {

    /** Settings of a node's model, as its dialog would change them. */
    @FunctionalInterface
    interface SettingsEdit {
        /** Changes the model settings (keys are the parameter fields' names without the m_ prefix). */
        void edit(NodeSettings model) throws InvalidSettingsException;
    }

    private final WorkflowManager m_wfm;

    private KnimeWorkflow(final WorkflowManager wfm) {
        m_wfm = wfm;
    }

    /** @return a new, empty workflow project living in {@code folder} */
    static KnimeWorkflow create(final String name, final Path folder) {
        return new KnimeWorkflow(WorkflowManager.ROOT.createAndAddProject(name,
            new WorkflowCreationHelper(WorkflowContextV2.forTemporaryWorkflow(folder, null))));
    }

    /** @return the workflow saved in {@code folder}, loaded as a project */
    static KnimeWorkflow load(final Path folder) throws IOException, InvalidSettingsException,
        CanceledExecutionException, UnsupportedWorkflowVersionException, LockFailedException {
        final WorkflowLoadHelper helper = new WorkflowLoadHelper(WorkflowContextV2.forTemporaryWorkflow(folder, null));
        final var result = WorkflowManager.loadProject(folder.toFile(), new ExecutionMonitor(), helper);
        if (result.hasErrors()) {
            throw new IOException("Loading the workflow reported errors: " + result.getFilteredError("", 
                org.knime.core.node.workflow.WorkflowPersistor.LoadResultEntry.LoadResultEntryType.Error));
        }
        return new KnimeWorkflow(result.getWorkflowManager());
    }

    /** @return KNIME's workflow manager of this project */
    WorkflowManager manager() {
        return m_wfm;
    }

    /** Adds a node made by a new, initialised instance of the factory class. */
    NodeID add(final Class<? extends NodeFactory<? extends NodeModel>> factoryClass) {
        return m_wfm.createAndAddNode(RegisteredNodes.factory(factoryClass.getName()));
    }

    /** Changes a node's model settings and loads them into the node, as applying a dialog does. */
    void configure(final NodeID node, final SettingsEdit edit) throws InvalidSettingsException {
        // with the node's default model settings, also for a node just added (as its dialog starts from them)
        final NodeSettings settings = m_wfm.getNodeContainer(node).getNodeSettings();
        edit.edit(settings.getNodeSettings("model"));
        m_wfm.loadNodeSettings(node, settings);
    }

    /** Connects output port {@code fromPort} of one node to input port {@code toPort} of another. */
    void connect(final NodeID from, final int fromPort, final NodeID to, final int toPort) {
        m_wfm.addConnection(from, fromPort, to, toPort);
    }

    /** @return the node's container */
    NodeContainer node(final NodeID id) {
        return m_wfm.getNodeContainer(id);
    }

    /** @return the ids of the nodes, in the order they were added */
    List<NodeID> nodes() {
        final List<NodeID> out = new ArrayList<>();
        m_wfm.getNodeContainers().forEach(nc -> out.add(nc.getID()));
        out.sort(null);
        return out;
    }

    /** @return the node whose name is {@code name} (e.g. "DEPAF Learner") */
    NodeID find(final String name) {
        return m_wfm.getNodeContainers().stream().filter(nc -> nc.getName().equals(name)).findFirst()
            .orElseThrow(() -> new IllegalArgumentException("No node named " + name)).getID();
    }

    /** @return the class name of the factory that made the node */
    String factoryClass(final NodeID node) {
        return ((NativeNodeContainer)node(node)).getNode().getFactory().getClass().getName();
    }

    /** @return the spec at output port {@code port} */
    PortObjectSpec spec(final NodeID node, final int port) {
        return node(node).getOutPort(port).getPortObjectSpec();
    }

    /** @return the object at output port {@code port} (null before execution) */
    @SuppressWarnings("unchecked")
    <T extends PortObject> T output(final NodeID node, final int port) {
        return (T)node(node).getOutPort(port).getPortObject();
    }

    /** @return the table at output port {@code port} */
    BufferedDataTable table(final NodeID node, final int port) {
        return output(node, port);
    }

    /** @return the node's message, e.g. "ERROR: ..." or "WARNING: ...", or "" when it has none */
    String message(final NodeID node) {
        final NodeMessage m = node(node).getNodeMessage();
        return m.getMessageType() == NodeMessage.Type.RESET ? "" : m.getMessageType() + ": " + m.getMessage();
    }

    /** Executes every executable node and waits until all are done. */
    boolean executeAll() {
        return m_wfm.executeAllAndWaitUntilDone();
    }

    /** Starts executing the node (and what it needs) without waiting. */
    void start(final NodeID node) {
        m_wfm.executeUpToHere(node);
    }

    /** Cancels the node's execution. */
    void cancel(final NodeID node) {
        m_wfm.cancelExecution(node(node));
    }

    /** Waits until no node executes any more, at most the given seconds; @return whether it finished in time */
    boolean waitUntilIdle(final long seconds) throws InterruptedException {
        return m_wfm.waitWhileInExecution(seconds, TimeUnit.SECONDS);
    }

    /** Resets every node and configures them again. */
    void resetAll() {
        m_wfm.resetAndConfigureAll();
    }

    /** Saves the workflow with its data into {@code folder}. */
    void save(final Path folder) throws IOException, CanceledExecutionException, LockFailedException {
        m_wfm.save(folder.toFile(), new ExecutionMonitor(), true);
    }

    @Override
    public void close() {
        if (WorkflowManager.ROOT.containsNodeContainer(m_wfm.getID())) {
            WorkflowManager.ROOT.removeProject(m_wfm.getID());
        }
    }
}
