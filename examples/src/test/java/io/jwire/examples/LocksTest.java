package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class LocksTest {

    @Test
    void theLockGoesToEachWireInTurnAndTheCloserSeesItClearLast() {
        Output o = new Output();
        WireTestHarness.run(s -> Locks.start(s, o.out, Duration.ofMillis(5)));
        List<String> lines = new ArrayList<>(o.lines());

        // The closer prints once, somewhere in the middle (after 10 units; the holds add up to 28).
        assertTrue(lines.remove("Trying to close the lock now"), o.toString());
        assertEquals("Lock is clear", lines.remove(lines.size() - 1), o.toString());

        // The rest: strictly one holder at a time, in the order the wires asked (fair FIFO).
        List<String> expected = new ArrayList<>();
        for (int n = 0; n < Locks.WIRES; n++) {
            expected.add("Lock taken from " + n);
            expected.add("Releasing lock from " + n);
            expected.add("Lock released from " + n);
        }
        assertEquals(expected, lines);
    }
}
