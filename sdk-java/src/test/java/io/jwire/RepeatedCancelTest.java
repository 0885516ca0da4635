package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Each cancel() delivers; close() cancels until wires end, then reports those that refuse. */
class RepeatedCancelTest {

    /** Was: the second cancel() was a silent no-op and the wire slept for an hour. */
    @Test
    void aWireThatCaughtACancelGetsTheNextOne() {
        List<String> log = new ArrayList<>();
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> WireTestHarness.run(s -> {
            Wire stubborn = s.spawn("stubborn", () -> {
                try {
                    Wire.sleep(Duration.ofHours(1));
                } catch (WireCancelledException e) {
                    log.add("first cancel caught");
                }
                try {
                    Wire.sleep(Duration.ofHours(1));
                } catch (WireCancelledException e) {
                    log.add("second cancel caught");
                }
            });
            s.spawn("canceller", () -> {
                Wire.yieldNow();
                stubborn.cancel();
                Wire.yieldNow();
                Wire.yieldNow();
                stubborn.cancel();
            });
        }));
        assertEquals(List.of("first cancel caught", "second cancel caught"), log);
    }

    /** Was: run() never returned after close() when a wire caught the cancel and slept in a loop. */
    @Test
    void closeGivesUpOnAWireThatRefusesEveryCancelAndRunReturns() throws Exception {
        int[] caught = new int[1];
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            WireScheduler s = WireScheduler.create(); // created directly: the point is close() against a wire refusing its cancels
            Wire refuser = s.spawn("refuser", () -> {
                for (;;) {
                    try {
                        Wire.sleep(Duration.ofMillis(50));
                    } catch (WireCancelledException e) {
                        caught[0]++; // refuses to end: bad code, but close() must not hang on it
                    }
                }
            });
            Thread runner = s.startThread("runner", 0);
            while (refuser.state() != WireState.SUSPENDED) {
                Thread.onSpinWait();
            }
            s.close();
            runner.join();
            assertTrue(s.isClosed());
        });
        assertEquals(3, caught[0], "close() cancels a refusing wire three times, then reports it");
    }

    @Test
    void aWireCleaningUpAfterItsCancelMayStillWaitBriefly() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("tidy", () -> {
                try {
                    Wire.sleep(Duration.ofHours(1));
                } finally {
                    Wire.sleep(Duration.ofMillis(20)); // e.g. a clean shutdown of a connection
                    log.add("cleaned up");
                }
            });
            s.spawn("closer", s::close);
        });
        assertEquals(List.of("cleaned up"), log);
    }
}
