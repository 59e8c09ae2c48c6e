package org.knime.depaf.realknime;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;

import javax.imageio.ImageIO;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.knime.core.node.Node;
import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.core.node.NodeSettings;
import org.knime.core.node.port.flowvariable.FlowVariablePortObject;
import org.w3c.dom.Element;

/**
 * Every node registered in plugin.xml, made the way KNIME makes it: the factory from its class name, the node
 * description KNIME builds from the factory, KNIME's {@link Node} with its model and ports, and the node's default
 * settings through KNIME's settings round trip.
 */
@Order(1)
class NodeFactoriesTest {

    static List<String> factories() {
        return RegisteredNodes.factoryClassNames();
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theNodeIsConstructedAndDescribedAsKnimeShowsIt(final String className) throws IOException {
        final NodeFactory<NodeModel> f = RegisteredNodes.factory(className);
        StageReport.passed(className, StageReport.Check.FACTORY);

        final Element description = f.getXMLDescription();
        assertNotNull(description, className + " has no node description");
        final String name = f.getNodeName();
        assertFalse(name == null || name.isBlank(), className + " has no name");
        final String text = text(description);
        assertTrue(text.length() > 300, name + ": the description is only " + text.length() + " characters");
        assertTrue(f.getKeywords().length > 0, name + " has no keywords");
        final Node node = new Node(f);
        for (int i = 1; i < node.getNrInPorts(); i++) {
            assertDescribed(name, "input port " + i, f.getInportName(i - 1), f.getInportDescription(i - 1));
        }
        for (int i = 1; i < node.getNrOutPorts(); i++) {
            assertDescribed(name, "output port " + i, f.getOutportName(i - 1), f.getOutportDescription(i - 1));
        }
        try (InputStream in = f.getIcon().openStream()) {
            final BufferedImage icon = ImageIO.read(in);
            assertNotNull(icon, name + ": the icon is not an image");
            assertEquals(16, icon.getWidth(), name + ": icon width");
            assertEquals(16, icon.getHeight(), name + ": icon height");
        }
        StageReport.passed(className, StageReport.Check.DESCRIPTION);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void knimeCreatesTheModelWithTheDeclaredPorts(final String className) {
        final NodeFactory<NodeModel> f = RegisteredNodes.factory(className);
        final Node node = new Node(f);
        assertNotNull(node.getNodeModel(), className);
        // port 0 of every node is KNIME's flow variable port, then the node's own ports
        assertEquals(FlowVariablePortObject.TYPE_OPTIONAL, node.getInputType(0));
        for (int i = 1; i < node.getNrInPorts(); i++) {
            assertNotNull(node.getInputType(i).getPortObjectClass(), f.getNodeName() + " input " + i);
        }
        for (int i = 1; i < node.getNrOutPorts(); i++) {
            assertNotNull(node.getOutputType(i).getPortObjectClass(), f.getNodeName() + " output " + i);
        }
        StageReport.passed(className, StageReport.Check.MODEL);
    }

    @ParameterizedTest
    @MethodSource("factories")
    void theDefaultSettingsSurviveSaveValidateLoad(final String className) throws Exception {
        final Node node = new Node(RegisteredNodes.factory(className));
        final NodeSettings saved = new NodeSettings("node");
        node.saveSettingsTo(saved);
        final NodeSettings model = saved.getNodeSettings("model");
        assertTrue(model.keySet().size() > 0, className + " saves no settings");
        node.validateModelSettings(model);
        node.loadModelSettingsFrom(model);
        final NodeSettings again = new NodeSettings("node");
        node.saveSettingsTo(again);
        assertEquals(xml(saved), xml(again), className + ": settings changed in a save/load round trip");
        StageReport.passed(className, StageReport.Check.SETTINGS);
    }

    private static void assertDescribed(final String node, final String port, final String name,
        final String description) {
        assertFalse(name == null || name.isBlank(), node + " " + port + " has no name");
        assertFalse(description == null || description.isBlank(), node + " " + port + " has no description");
    }

    /** @return the text of a DOM element and its descendants (KNIME's XMLBeans DOM has no getTextContent) */
    private static String text(final org.w3c.dom.Node node) {
        final short type = node.getNodeType();
        if (type == org.w3c.dom.Node.TEXT_NODE || type == org.w3c.dom.Node.CDATA_SECTION_NODE) {
            return node.getNodeValue();
        }
        final StringBuilder sb = new StringBuilder();
        for (org.w3c.dom.Node c = node.getFirstChild(); c != null; c = c.getNextSibling()) {
            sb.append(text(c));
        }
        return sb.toString();
    }

    private static String xml(final NodeSettings s) throws IOException {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        s.saveToXML(out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
