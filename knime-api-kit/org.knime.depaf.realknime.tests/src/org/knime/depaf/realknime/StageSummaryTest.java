package org.knime.depaf.realknime;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;

/**
 * Runs last: prints what the real-KNIME stage checked for each node registered in plugin.xml, and fails when a
 * registered node missed a check (a node added to plugin.xml must be added to the stage too).
 */
@Order(Integer.MAX_VALUE)
class StageSummaryTest {

    @Test
    void everyRegisteredNodePassedEveryCheck() {
        final List<String> factories = RegisteredNodes.factoryClassNames();
        final StringBuilder table = new StringBuilder("Real-KNIME stage (KNIME 5.8 API test kit, in OSGi): "
            + factories.size() + " nodes registered in plugin.xml\n");
        table.append(String.format("%-26s", "node"));
        for (final StageReport.Check c : StageReport.Check.values()) {
            table.append(String.format(" %-11s", c.m_title));
        }
        table.append('\n');
        final List<String> missing = new ArrayList<>();
        for (final String factory : factories) {
            final Set<StageReport.Check> passed = StageReport.passed(factory);
            table.append(String.format("%-26s", RegisteredNodes.factory(factory).getNodeName()));
            for (final StageReport.Check c : StageReport.Check.values()) {
                table.append(String.format(" %-11s", passed.contains(c) ? "ok" : "MISSING"));
            }
            table.append('\n');
            final Set<StageReport.Check> notPassed = EnumSet.allOf(StageReport.Check.class);
            notPassed.removeAll(passed);
            if (!notPassed.isEmpty()) {
                missing.add(factory + " " + notPassed);
            }
        }
        System.out.print(table);
        assertTrue(missing.isEmpty(), "registered nodes the stage did not check completely: " + missing);
    }
}
