package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class CancelTest {

    @Test
    void cancelOfASuspendedWireThrowsInItAndRunsFinally() {
        List<String> out = new ArrayList<>();
        Wire[] victim = new Wire[1];
        // runExpectingFailures, to assert that the cancelled wire is not reported as a failure
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> {
            victim[0] = s.spawn("victim", () -> {
                try {
                    Wire.suspend();
                    out.add("not reached");
                } catch (WireCancelledException e) {
                    out.add("cancelled: " + e.getMessage());
                    throw e;
                } finally {
                    out.add("finally");
                }
            });
            s.spawn("killer", () -> {
                victim[0].cancel();
                out.add("cancel sent");
            });
        });
        assertEquals(WireState.ENDED, victim[0].state());
        assertTrue(victim[0].isCancelled());
        assertEquals(List.of("cancel sent", "cancelled: wire 'victim' was cancelled", "finally"), out);
        assertTrue(failures.isEmpty(), "a cancelled wire is not a failure: " + failures);
    }

    @Test
    void cancelOfASleepingWireWakesItEarly() {
        long[] took = new long[1];
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire sleeper = s.spawn("sleeper", () -> {
                long t0 = System.nanoTime();
                try {
                    Wire.sleep(Duration.ofSeconds(60));
                } finally {
                    took[0] = System.nanoTime() - t0;
                    out.add("finally");
                }
            });
            s.spawn("killer", () -> {
                Wire.sleep(Duration.ofMillis(10));
                sleeper.cancel();
            });
        });
        assertEquals(List.of("finally"), out);
        assertTrue(took[0] < TimeUnit.SECONDS.toNanos(30), "took " + took[0]);
    }

    @Test
    void cancelOfTheRunningWireIsDeliveredAtItsNextSwitch() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("self", () -> {
                Wire.current().cancel();
                out.add("still running");
                try {
                    Wire.yieldNow();
                } catch (WireCancelledException e) {
                    out.add("cancelled at yield");
                }
                Wire.yieldNow();
                out.add("delivered once");
            });
        });
        assertEquals(List.of("still running", "cancelled at yield", "delivered once"), out);
    }

    @Test
    void cancelBeforeStartEndsWithoutRunningTheBody() {
        boolean[] ran = new boolean[1];
        Wire[] w = new Wire[1];
        WireTestHarness.run(s -> {
            w[0] = s.spawn("never", () -> ran[0] = true);
            w[0].cancel();
        });
        assertEquals(WireState.ENDED, w[0].state());
        assertFalse(ran[0]);
    }

    @Test
    void cancelFromAnotherThread() throws Exception {
        CountDownLatch started = new CountDownLatch(1);
        List<String> out = new ArrayList<>();
        Thread[] t = new Thread[1];
        WireTestHarness.run(s -> {
            KeepAlive hold = s.keepAlive();
            Wire victim = s.spawn("victim", () -> {
                started.countDown();
                try {
                    Wire.suspend();
                } finally {
                    out.add("finally");
                }
            });
            t[0] = new Thread(() -> {
                try (hold) {
                    started.await(10, TimeUnit.SECONDS);
                    victim.cancel();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            t[0].start();
        });
        t[0].join();
        assertEquals(List.of("finally"), out);
    }

    @Test
    void cancelOfAnEndedWireDoesNothing() {
        try (WireScheduler s = WireScheduler.create()) {
            Wire w = s.spawn("done", () -> { });
            WireTestHarness.runChecked(s); // the scheduler stays open for the cancel below
            w.cancel();
            assertFalse(w.isCancelled());
            assertEquals(WireState.ENDED, w.state());
        }
    }

    @Test
    void closeAfterAStuckReportCancelsTheStuckWiresAndRunsTheirFinallyBlocks() {
        List<String> out = new ArrayList<>();
        // created directly: the point is run()'s stuck report and what close() does after it
        WireScheduler s = WireScheduler.create();
        List<Throwable> failures = WireTestHarness.watch(s);
        s.spawn("a", () -> {
            try {
                Wire.suspend();
            } finally {
                out.add("a finally");
            }
        });
        s.spawn("b", () -> {
            try {
                Wire.suspend();
            } finally {
                out.add("b finally");
            }
        });
        assertThrows(WireDeadlockException.class, s::run);
        assertTrue(out.isEmpty());
        s.close();
        WireTestHarness.rethrow(failures);
        assertEquals(List.of("a finally", "b finally"), out);
        assertTrue(s.isClosed());
    }

    @Test
    void closeBeforeRunEndsWiresThatNeverStarted() {
        boolean[] ran = new boolean[1];
        // created directly: the point is close() without any run()
        WireScheduler s = WireScheduler.create();
        List<Throwable> failures = WireTestHarness.watch(s);
        Wire w = s.spawn("unborn", () -> ran[0] = true);
        s.close();
        WireTestHarness.rethrow(failures);
        assertEquals(WireState.ENDED, w.state());
        assertFalse(ran[0]);
    }

    @Test
    void aCancelThatArrivesWhileAWireIsYieldedOutIsDeliveredByThatYield() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire[] victim = new Wire[1];
            victim[0] = s.spawn("victim", () -> {
                try {
                    Wire.yieldNow(); // the killer runs meanwhile
                    out.add("not cancelled");
                } catch (WireCancelledException e) {
                    out.add("cancelled at the yield it was in");
                }
            });
            s.spawn("killer", () -> victim[0].cancel());
        });
        assertEquals(List.of("cancelled at the yield it was in"), out);
    }

    /** A yield or a zero sleep is a switch point even when nothing else can run: a pending cancel arrives there. */
    @Test
    void aCancelledWireAloneGetsItsCancelFromAYieldOrAZeroSleep() {
        List<String> log = new ArrayList<>();
        WireTestHarness.inWire(() -> {
            for (Runnable call : List.<Runnable>of(Wire::yieldNow, () -> Wire.sleep(Duration.ZERO))) {
                Wire.current().cancel();
                try {
                    call.run();
                    log.add("returned");
                } catch (WireCancelledException e) {
                    log.add("cancelled");
                }
            }
        });
        assertEquals(List.of("cancelled", "cancelled"), log);
    }
}
