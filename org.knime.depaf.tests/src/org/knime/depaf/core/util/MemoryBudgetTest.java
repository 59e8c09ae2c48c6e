package org.knime.depaf.core.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class MemoryBudgetTest {

    @Test
    void sizesAreWrittenForAPerson() {
        assertEquals("512 B", MemoryBudget.bytes(512));
        assertEquals("3.2 MB", MemoryBudget.bytes(3.2e6));
        assertEquals("800 GB", MemoryBudget.bytes(8e11));
        assertEquals("1.6 TB", MemoryBudget.bytes(1.6e12));
    }

    @Test
    void workBeyondTheHeapOrBeyondOneArrayIsRefusedNamingItAndWhatToDo() {
        MemoryBudget.require("A small job", 1000, 100, "never shown");
        final IllegalArgumentException heap = assertThrows(IllegalArgumentException.class,
            () -> MemoryBudget.require("A big job", 4.0 * MemoryBudget.maxHeapBytes(), 10, "do less"));
        assertTrue(heap.getMessage().startsWith("A big job needs ") && heap.getMessage().contains("; this JVM has "
            + MemoryBudget.bytes(MemoryBudget.maxHeapBytes())) && heap.getMessage().endsWith(": do less"),
            heap.getMessage());
        final IllegalArgumentException array = assertThrows(IllegalArgumentException.class,
            () -> MemoryBudget.require("A long job", 100, 3e9, "split it"));
        assertTrue(array.getMessage().contains("3000000000 values in one array, more than Java can hold"),
            array.getMessage());
    }
}
