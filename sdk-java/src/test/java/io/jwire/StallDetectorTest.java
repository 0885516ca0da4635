package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.LogCapture;
import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** The stall detector reports a wire that keeps its scheduler from switching, once per stall, with the likely cause. */
class StallDetectorTest {
    @RegisterExtension
    final LogCapture log = LogCapture.warnings("is stalled");
    private final List<String> warnings = log.messages();

    @Test
    void threadSleepInAWireIsReportedOnceWithItsCause() {
        WireTestHarness.run(s -> {
            s.setStallThreshold(Duration.ofMillis(100));
            s.spawn("sleepy", () -> {
                try {
                    Thread.sleep(600); // wrong on purpose: blocks every wire of the scheduler
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            s.spawn("starved", Wire::yieldNow);
        });
        assertEquals(1, warnings.size(), "one report per stall: " + warnings);
        String w = warnings.get(0);
        assertTrue(w.contains("wire 'sleepy'") && w.contains("Thread.sleep") && w.contains("Wire.sleep"), w);
        assertTrue(w.contains("StallDetectorTest"), "the report has the wire's stack: " + w);
    }

    @Test
    void aLongLoopWithoutAYieldIsReported() {
        WireTestHarness.run(s -> {
            s.setStallThreshold(Duration.ofMillis(200));
            s.spawn("spinner", () -> {
                long end = System.nanoTime() + Duration.ofMillis(1500).toNanos();
                long x = 0;
                while (System.nanoTime() < end) {
                    x += end & 7;
                }
                assertTrue(x >= 0);
            });
        });
        assertTrue(warnings.stream().anyMatch(w -> w.contains("wire 'spinner'") && w.contains("without a switch")), warnings.toString());
    }

    @Test
    void wiresThatSwitchAreNeverReported() {
        WireTestHarness.run(s -> {
            // 400 ms: far above a switch interval and a loaded machine's hiccups, well below the run
            s.setStallThreshold(Duration.ofMillis(400));
            for (int k = 0; k < 2; k++) {
                s.spawn("busy-" + k, () -> {
                    long end = System.nanoTime() + Duration.ofMillis(1200).toNanos();
                    while (System.nanoTime() < end) {
                        Wire.yieldNow();
                    }
                });
            }
            s.spawn("sleeper", () -> Wire.sleep(Duration.ofMillis(1200)));
        });
        assertEquals(List.of(), warnings);
    }

    @Test
    void theThresholdCanBeTurnedOff() {
        WireTestHarness.run(s -> {
            s.setStallThreshold(Duration.ZERO);
            s.spawn("sleepy", () -> {
                try {
                    Thread.sleep(200);
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
        });
        assertEquals(List.of(), warnings);
    }

    /**
     * A monitor held across a switch: on JDK 24+ the switch succeeds, and the next wire that enters
     * the monitor blocks the carrier for good. Either the switch is refused (WirePinnedException)
     * or the detector reports the blocked wire and names the monitor; it never hangs silently.
     */
    @Test
    void aMonitorHeldAcrossASwitchIsNeverSilent() throws Exception {
        Object monitor = new Object();
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        // created directly: the holder is meant to fail (WirePinnedException) or block the carrier, on a thread the test may abandon
        WireScheduler s = WireScheduler.create();
        s.setStallThreshold(Duration.ofMillis(100));
        s.setExceptionHandler((w, t) -> failures.add(t));
        s.spawn("holder", () -> {
            synchronized (monitor) {
                Wire.yieldNow(); // wrong on purpose
            }
        });
        s.spawn("victim", () -> {
            synchronized (monitor) {
                monitor.notifyAll();
            }
        });
        Thread runner = new Thread(s::run, "stuck-scheduler");
        runner.setDaemon(true); // if the carrier blocks for good, the test abandons it
        runner.start();
        long deadline = System.nanoTime() + Duration.ofSeconds(5).toNanos();
        while (System.nanoTime() < deadline && warnings.isEmpty() && runner.isAlive()) {
            Thread.sleep(20);
        }
        runner.join(100);
        if (runner.isAlive()) {
            assertTrue(warnings.stream().anyMatch(w -> w.contains("wire 'victim'") && w.contains("monitor")),
                    "a carrier blocked on a monitor is reported: " + warnings);
        } else {
            assertTrue(failures.stream().anyMatch(t -> t instanceof WirePinnedException),
                    "or the switch was refused: " + failures);
        }
    }

    @Test
    void badThresholdTextIsRefusedWithTheFix() {
        IllegalArgumentException e = org.junit.jupiter.api.Assertions.assertThrows(IllegalArgumentException.class,
                () -> WireScheduler.parseStallThreshold("soon"));
        assertTrue(e.getMessage().contains("500ms"), e.getMessage());
        assertEquals(250_000_000L, WireScheduler.parseStallThreshold("250ms"));
        assertEquals(0L, WireScheduler.parseStallThreshold("off"));
        assertEquals(2_000_000_000L, WireScheduler.parseStallThreshold("2s"));
        assertEquals(warnings.stream().collect(Collectors.toList()), List.of());
    }
}
