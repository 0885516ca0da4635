package io.jwire.sync;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.testing.StressScale;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireSemaphore: counting, FIFO hand-off, tryAcquire, timeouts, cancellation, fairness stress. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSemaphoreTest {

    @Test
    void countsAndHandsOffFifo() {
        List<String> out = new ArrayList<>();
        WireSemaphore sem = new WireSemaphore("slots", 2);
        WireTestHarness.run(s -> {
            for (int i = 0; i < 5; i++) {
                int n = i;
                s.spawn("w" + n, () -> {
                    sem.acquire();
                    out.add("in " + n);
                    Wire.yieldNow();
                    out.add("out " + n);
                    sem.release();
                });
            }
        });
        assertEquals(2, sem.availablePermits());
        assertEquals(List.of("in 0", "in 1", "out 0", "out 1", "in 2", "in 3", "out 2", "out 3", "in 4", "out 4"), out);
    }

    @Test
    void tryAcquireNeverJumpsWaitersAndTimeoutGivesUp() {
        List<String> out = new ArrayList<>();
        WireSemaphore sem = new WireSemaphore("s", 1);
        WireTestHarness.run(s -> {
            s.spawn("a", () -> {
                assertTrue(sem.tryAcquire());
                assertFalse(sem.tryAcquire());
                Wire.yieldNow(); // b waits
                sem.release(); // handed to b
                assertEquals(0, sem.availablePermits());
                assertFalse(sem.tryAcquire());
                out.add("a timed " + sem.tryAcquire(Duration.ofMillis(5)));
            });
            s.spawn("b", () -> {
                sem.acquire();
                out.add("b acquired");
                Wire.sleep(Duration.ofMillis(30));
                sem.release();
            });
        });
        assertEquals(1, sem.availablePermits());
        assertEquals(List.of("b acquired", "a timed false"), out);
    }

    @Test
    void cancelledWaiterLosesNoPermit() {
        List<String> out = new ArrayList<>();
        WireSemaphore sem = new WireSemaphore("s", 0);
        WireTestHarness.run(s -> {
            Wire victim = s.spawn("victim", () -> {
                try {
                    sem.acquire();
                } catch (WireCancelledException e) {
                    out.add("victim cancelled");
                }
            });
            s.spawn("next", () -> {
                sem.acquire();
                out.add("next acquired");
            });
            s.spawn("releaser", () -> {
                victim.cancel();
                Wire.yieldNow();
                assertEquals(1, sem.queueLength());
                sem.release();
            });
        });
        assertEquals(0, sem.availablePermits());
        assertEquals(List.of("victim cancelled", "next acquired"), out);
    }

    @Test
    void misuseAndStuckReport() {
        assertThrows(IllegalArgumentException.class, () -> new WireSemaphore("neg", -1));
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireSemaphore sem = new WireSemaphore("db connections", 0);
            s.spawn("query", sem::acquire);
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("wire 'query' SUSPENDED waiting on semaphore 'db connections' (0 free, 1 waiting)"),
                    e.getMessage());
        }
    }

    @Test
    void fairnessWithManyWires() {
        int wires = StressScale.of(1000, 200);
        int rounds = 20;
        int permits = 7;
        WireSemaphore sem = new WireSemaphore("fair", permits);
        List<Integer> order = new ArrayList<>();
        int[] inside = new int[2];
        WireTestHarness.run(s -> {
            for (int i = 0; i < wires; i++) {
                int n = i;
                s.spawn("w" + n, () -> {
                    for (int r = 0; r < rounds; r++) {
                        sem.acquire();
                        inside[1] = Math.max(inside[1], ++inside[0]);
                        order.add(n);
                        Wire.yieldNow();
                        inside[0]--;
                        sem.release();
                    }
                });
            }
        });
        assertEquals(permits, inside[1], "never more than the permits inside");
        assertEquals(wires * rounds, order.size());
        for (int k = 0; k < order.size(); k++) {
            assertEquals(k % wires, order.get(k), "acquisition " + k);
        }
        assertEquals(permits, sem.availablePermits());
    }

    @Test
    void namesCountsAndTimedAcquires() {
        WireSemaphore sem = new WireSemaphore("slots", 1);
        assertEquals("slots", sem.name());
        assertEquals("semaphore", new WireSemaphore(3).name());
        assertEquals(3, new WireSemaphore(3).availablePermits());
        assertEquals("semaphore 'slots' (1 free)", sem.toString());
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("a", () -> {
                assertTrue(sem.tryAcquire(Duration.ofSeconds(1)), "a free permit is taken at once");
                assertEquals(0, sem.availablePermits());
                Wire.yieldNow(); // b queues
                assertEquals("semaphore 'slots' (0 free, 1 waiting)", sem.toString());
                assertEquals(1, sem.queueLength());
                Wire.sleep(Duration.ofMillis(10));
                sem.release(); // handed to b, not counted
                assertEquals(0, sem.availablePermits());
            });
            s.spawn("b", () -> {
                out.add("b " + sem.tryAcquire(Duration.ofSeconds(10)));
                sem.release();
            });
        });
        assertEquals(List.of("b true"), out);
        assertEquals(1, sem.availablePermits());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> new WireSemaphore("neg", -1));
        assertTrue(e.getMessage().startsWith("new WireSemaphore(\"neg\", permits) got permits -1 in thread '"), e.getMessage());
        assertEquals(0, new WireSemaphore("zero", 0).availablePermits(), "zero permits are allowed");
    }
}
