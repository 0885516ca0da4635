package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * A wire's stack is bounded even though its suspended frames live on the heap. Was: a recursion
 * that yielded reached 1,000,000 frames in 0.5 s and, uncapped, took the whole JVM down with an
 * OutOfMemoryError.
 */
class StackLimitTest {

    @Test
    void aRecursionThatSwitchesFailsItsWireAloneWithAStackOverflowNamingIt() {
        int[] ticks = new int[1];
        int[] finallies = new int[1];
        List<Throwable> failures = assertTimeoutPreemptively(Duration.ofSeconds(60), () ->
                WireTestHarness.runExpectingFailures(s -> {
                    Wire recurser = s.spawn("recurser", () -> recurse(0, finallies));
                    s.spawn("ticker", () -> { // keeps every yield of the recurser a real switch
                        while (recurser.state() != WireState.ENDED) {
                            ticks[0]++;
                            Wire.yieldNow();
                        }
                    });
                }));
        assertEquals(1, failures.size(), failures.toString());
        StackOverflowError e = assertInstanceOf(StackOverflowError.class, failures.get(0));
        if (e.getMessage() != null || "continuation".equals(System.getProperty("jwire.test.expectSwitch"))) {
            // on the fallback a virtual thread's own stack may overflow first: a plain StackOverflowError
            assertTrue(e.getMessage().contains("wire 'recurser'") && e.getMessage().contains("jwire.maxStackFrames"), e.getMessage());
        }
        assertTrue(ticks[0] > Wire.MAX_STACK_FRAMES, "the other wire went on: " + ticks[0]);
        assertTrue(finallies[0] > Wire.MAX_STACK_FRAMES / 2, "the recursion unwound through its finally blocks: " + finallies[0]);
    }

    private static void recurse(int depth, int[] finallies) {
        try {
            Wire.yieldNow();
            recurse(depth + 1, finallies);
        } finally {
            finallies[0]++;
        }
    }

    /** The depth check runs every 2^16 switches of a wire: a shallow wire passes it, however often it switches. */
    @Test
    void aShallowWireThatSwitchesOftenIsNeverTakenForADeepOne() {
        int switches = Wire.STACK_CHECK_MASK + 2; // at least one depth check per wire
        int[] ended = new int[1];
        WireTestHarness.run(s -> {
            for (int k = 0; k < 2; k++) { // two, so that each yield really switches
                s.spawn("yielder " + k, () -> {
                    for (int i = 0; i < switches; i++) {
                        Wire.yieldNow();
                    }
                    ended[0]++;
                });
            }
        });
        assertEquals(2, ended[0]);
    }
}
