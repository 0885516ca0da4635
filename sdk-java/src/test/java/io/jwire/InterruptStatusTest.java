package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A wire's interrupt status belongs to that wire, on both switches. */
class InterruptStatusTest {

    /** Was (fast path): the flag stayed on the carrier and the next wire saw it. */
    @Test
    void anInterruptDoesNotLeakToTheNextWireAndComesBackWithItsOwner() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("self-interrupter", () -> {
                Thread.currentThread().interrupt();
                Wire.yieldNow();
                log.add("owner still interrupted: " + Thread.currentThread().isInterrupted());
                Thread.interrupted();
            });
            s.spawn("bystander", () -> {
                log.add("bystander interrupted: " + Thread.currentThread().isInterrupted());
                Wire.yieldNow();
            });
            s.spawn("after the end", () -> {
                Wire.yieldNow();
                Wire.yieldNow();
                log.add("later wire interrupted: " + Thread.currentThread().isInterrupted());
            });
        });
        assertEquals(List.of("bystander interrupted: false", "owner still interrupted: true",
                "later wire interrupted: false"), log);
    }

    @Test
    void aWireThatEndsInterruptedLeavesNoFlagBehind() {
        List<Boolean> seen = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("ends interrupted", () -> Thread.currentThread().interrupt());
            s.spawn("next", () -> seen.add(Thread.currentThread().isInterrupted()));
        });
        assertEquals(List.of(false), seen);
    }

    /** Was (fallback): two wires that re-assert their interrupt and yield hung the scheduler. */
    @Test
    void wiresThatStayInterruptedStillYieldToEachOther() {
        int[] yields = new int[2];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> WireTestHarness.run(s -> {
            for (int k = 0; k < 2; k++) {
                int me = k;
                s.spawn("interrupted-" + k, () -> {
                    for (int i = 0; i < 200; i++) {
                        Thread.currentThread().interrupt();
                        Wire.yieldNow();
                        yields[me]++;
                    }
                    Thread.interrupted();
                });
            }
        }));
        assertEquals(200, yields[0]);
        assertEquals(200, yields[1]);
    }
}
