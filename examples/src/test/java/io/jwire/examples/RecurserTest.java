package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireScheduler;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RecurserTest {

    /**
     * The recurser is meant to fail, so this test does not use the harness: the example installs
     * its own exception handler, which prints each failure; any other failing wire would print a
     * line too, and the exact line list below would not match.
     */
    @Test
    void theOverflowIsReportedWithTheWiresNameAndTheOtherWireGoesOn() {
        Output o = new Output();
        try (WireScheduler s = WireScheduler.create()) {
            Recurser.start(s, o.out, Duration.ofMillis(5));
            s.run();
        }
        List<String> lines = o.lines();
        assertEquals(6, lines.size(), o.toString());
        assertEquals(List.of("tick 1", "do recurse"), lines.subList(0, 2));
        assertTrue(lines.get(2).matches("wire 'recurser' overflowed its stack at depth \\d{3,} \\(java.lang.StackOverflowError\\)"),
                lines.get(2));
        assertEquals(List.of("tick 2", "tick 3", "ticker: still running after the overflow"), lines.subList(3, 6));
    }
}
