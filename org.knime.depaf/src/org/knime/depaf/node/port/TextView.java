package org.knime.depaf.node.port;

import javax.swing.JComponent;
import javax.swing.JScrollPane;
import javax.swing.JTextArea;

/** A read-only text tab for the port views. */
final class TextView {

    private TextView() {
    }

    static JComponent[] of(final String name, final String text) {
        final JTextArea area = new JTextArea(text);
        area.setEditable(false);
        area.setLineWrap(true);
        area.setWrapStyleWord(true);
        final JScrollPane pane = new JScrollPane(area);
        pane.setName(name);
        return new JComponent[] {pane};
    }
}
