package org.knime.depaf.realknime;

import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.util.ArrayList;
import java.util.List;

import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;

import org.knime.core.node.NodeFactory;
import org.knime.core.node.NodeModel;
import org.knime.depaf.DepafActivator;
import org.osgi.framework.Bundle;
import org.osgi.framework.FrameworkUtil;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

/** The nodes the plugin registers in its plugin.xml, as KNIME's node repository finds them. */
final class RegisteredNodes {

    private RegisteredNodes() {
    }

    /** @return the factory class names of every node in the plugin's plugin.xml, in file order */
    static List<String> factoryClassNames() {
        final Bundle bundle = FrameworkUtil.getBundle(DepafActivator.class);
        final URL pluginXml = bundle.getEntry("plugin.xml");
        try (InputStream in = pluginXml.openStream()) {
            final NodeList nodes = DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(in)
                .getElementsByTagName("node");
            final List<String> out = new ArrayList<>();
            for (int i = 0; i < nodes.getLength(); i++) {
                final Element node = (Element)nodes.item(i);
                if ("org.knime.workbench.repository.nodes".equals(((Element)node.getParentNode())
                    .getAttribute("point"))) {
                    out.add(node.getAttribute("factory-class"));
                }
            }
            return out;
        } catch (IOException | ParserConfigurationException | SAXException e) {
            throw new IllegalStateException("Cannot read the plugin's plugin.xml: " + e.getMessage(), e);
        }
    }

    /**
     * @param className a factory class registered in plugin.xml
     * @return a new, initialised factory, as KNIME makes it when it loads the node repository
     */
    @SuppressWarnings("unchecked")
    static NodeFactory<NodeModel> factory(final String className) {
        try {
            final NodeFactory<NodeModel> f = (NodeFactory<NodeModel>)Class.forName(className).getDeclaredConstructor()
                .newInstance();
            f.init();
            return f;
        } catch (ReflectiveOperationException e) {
            throw new IllegalStateException("Cannot construct " + className + ": " + e, e);
        }
    }
}
