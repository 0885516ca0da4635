package io.jwire.sync;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.testing.StressScale;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireLock: libwire's locks program, fair hand-off, misuse, cancellation, stuck report, fairness stress. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireLockTest {

    /** libwire test/locks.c: 8 wires take one lock, each holding it across a yield; they get it in FIFO order. */
    @Test
    void libwireLocksProgram() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireLock lock = new WireLock("shared");
            for (int i = 0; i < 8; i++) {
                int n = i;
                s.spawn("wire " + n, () -> {
                    lock.lock();
                    out.add("locked " + n);
                    Wire.yieldNow();
                    out.add("unlocking " + n);
                    lock.unlock();
                });
            }
        });
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add("locked " + i);
            expected.add("unlocking " + i);
        }
        assertEquals(expected, out);
    }

    /**
     * libwire test/locks.c, timed as there (sleeps scaled down to 2 ms units): 8 pool wires take
     * the lock in FIFO order, each holding it num units, while a ninth waits for it to be clear.
     */
    @Test
    @Tag("timing") // its order rests on sleeps milliseconds apart; the pitest profile leaves it out
    void libwireLocksProgramWithSleepsAndWaitClear() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> s.execute(() -> { // a pool is started from its scheduler's thread
            WirePool pool = new WirePool(s, "pool", 9);
            WireLock lock = new WireLock("lock");
            assertNotNull(pool.tryStart("lock closer", () -> {
                Wire.sleep(Duration.ofMillis(20));
                out.add("Trying to close the lock now");
                lock.awaitClear();
                out.add("Lock is clear");
                pool.close();
            }));
            for (int i = 0; i < 8; i++) {
                int n = i;
                assertNotNull(pool.tryStart("lock " + n, () -> {
                    lock.lock();
                    out.add("Lock taken from " + n);
                    Wire.sleep(Duration.ofMillis(n * 2L));
                    out.add("Releasing lock from " + n);
                    lock.unlock();
                    out.add("Lock released from " + n);
                }));
            }
        }));
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 8; i++) {
            expected.add("Lock taken from " + i);
            expected.add("Releasing lock from " + i);
            expected.add("Lock released from " + i);
        }
        expected.add("Lock is clear");
        int trying = out.indexOf("Trying to close the lock now");
        assertTrue(trying >= 0, out.toString());
        List<String> rest = new ArrayList<>(out);
        rest.remove(trying);
        assertEquals(expected, rest);
    }

    @Test
    void newcomerNeverJumpsTheQueue() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireLock lock = new WireLock("l");
            s.spawn("holder", () -> {
                lock.lock();
                Wire.yieldNow(); // waiter queues
                lock.unlock(); // handed to waiter, which has not run yet
                assertFalse(lock.tryLock(), "the lock belongs to the waiter now");
                assertEquals("waiter", lock.owner().name());
                lock.lock(); // queues behind
                out.add("holder again");
                lock.unlock();
            });
            s.spawn("waiter", () -> {
                lock.lock();
                out.add("waiter");
                lock.unlock();
            });
        });
        assertEquals(List.of("waiter", "holder again"), out);
    }

    @Test
    void holdIsReusableAndTryWithResourcesReleases() {
        WireTestHarness.run(s -> {
            WireLock lock = new WireLock("l");
            s.spawn("x", () -> {
                WireLock.Held first;
                try (var held = lock.hold()) {
                    first = held;
                    assertTrue(lock.isHeldByCurrentWire());
                }
                assertFalse(lock.isLocked());
                try (var held = lock.hold()) {
                    assertSame(first, held);
                }
                assertTrue(lock.tryLock());
                lock.unlock();
            });
        });
    }

    @Test
    void misuseNamesTheWires() {
        WireLock lock = new WireLock("db");
        WireTestHarness.run(s -> {
            s.spawn("owner", () -> {
                lock.lock();
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::lock);
                assertTrue(e.getMessage().contains("not reentrant"), e.getMessage());
                assertThrows(IllegalStateException.class, lock::awaitClear);
                Wire.yieldNow();
                lock.unlock();
            });
            s.spawn("intruder", () -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::unlock);
                assertEquals("wire 'intruder' cannot unlock lock 'db' (held by wire 'owner'): wire 'owner' holds it; "
                        + "only the holder may unlock", e.getMessage());
            });
        });
        assertThrows(NotInWireException.class, lock::lock);
    }

    @Test
    void awaitClearWaitsUntilFreeAndNobodyWaits() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireLock lock = new WireLock("l");
            for (int i = 0; i < 3; i++) {
                int n = i;
                s.spawn("user " + n, () -> {
                    try (var held = lock.hold()) {
                        Wire.yieldNow();
                        out.add("user " + n);
                    }
                });
            }
            s.spawn("watcher", () -> {
                lock.awaitClear();
                out.add("clear");
                lock.awaitClear(); // already clear: returns at once
            });
        });
        assertEquals(List.of("user 0", "user 1", "user 2", "clear"), out);
    }

    @Test
    void cancelledWaiterIsSkippedAndTryLockTimesOut() {
        List<String> out = new ArrayList<>();
        WireLock lock = new WireLock("l");
        Wire[] victim = new Wire[1];
        WireTestHarness.run(s -> {
            s.spawn("holder", () -> {
                lock.lock();
                Wire.yieldNow();
                assertEquals(2, lock.queueLength());
                victim[0].cancel();
                Wire.yieldNow();
                assertEquals(1, lock.queueLength());
                lock.unlock();
            });
            victim[0] = s.spawn("victim", () -> {
                try {
                    lock.lock();
                    out.add("victim locked");
                } catch (WireCancelledException e) {
                    out.add("victim cancelled");
                }
            });
            s.spawn("patient", () -> {
                lock.lock();
                out.add("patient locked");
                lock.unlock();
            });
        });
        assertNull(lock.owner());
        assertEquals(List.of("victim cancelled", "patient locked"), out);
        out.clear();
        WireTestHarness.run(s -> {
            WireLock timed = new WireLock("l");
            s.spawn("holder", () -> {
                try (var held = timed.hold()) {
                    Wire.sleep(Duration.ofMillis(40));
                }
            });
            s.spawn("timid", () -> {
                out.add("timid " + timed.tryLock(Duration.ofMillis(5)));
                assertEquals(0, timed.queueLength());
                out.add("patient " + timed.tryLock(Duration.ofSeconds(10)));
                timed.unlock();
            });
        });
        assertEquals(List.of("timid false", "patient true"), out);
    }

    @Test
    void stuckReportShowsLockCycle() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireLock a = new WireLock("A");
            WireLock b = new WireLock("B");
            s.spawn("left", () -> {
                a.lock();
                Wire.yieldNow();
                b.lock();
            });
            s.spawn("right", () -> {
                b.lock();
                Wire.yieldNow();
                a.lock();
            });
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("wire 'left' SUSPENDED waiting on lock 'B' (held by wire 'right', 1 waiting)"), e.getMessage());
            assertTrue(e.getMessage().contains("wire 'right' SUSPENDED waiting on lock 'A' (held by wire 'left', 1 waiting)"), e.getMessage());
            assertTrue(e.getMessage().contains("WireLock.lock"), e.getMessage());
        }
    }

    @Test
    void dumpFromAnotherThreadShowsLockWaitsAndCloseCancelsThem() throws Exception {
        WireScheduler s = WireScheduler.create(); // runs on its own thread and is closed from this one: the point of the test
        List<Throwable> failures = WireTestHarness.watch(s);
        WireLock lock = new WireLock("config");
        List<String> out = new java.util.concurrent.CopyOnWriteArrayList<>();
        s.spawn("holder", () -> {
            lock.lock();
            Wire.sleep(Duration.ofSeconds(30));
        });
        s.spawn("waiter", () -> {
            try {
                lock.lock();
            } catch (WireCancelledException e) {
                out.add("waiter cancelled, queue " + lock.queueLength());
                throw e;
            }
        });
        Thread t = s.startThread("lock scheduler", 0);
        String dump = "";
        long end = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        // until the scheduler runs both wires into their waits (an early dump may predate run())
        while (!(dump.contains("wire 'waiter' SUSPENDED") && dump.contains("wire 'holder' SUSPENDED"))
                && System.nanoTime() < end) {
            dump = s.dump();
        }
        assertTrue(dump.contains("wire 'waiter' SUSPENDED waiting on lock 'config' (held by wire 'holder', 1 waiting)"), dump);
        assertTrue(dump.contains("wire 'holder' SUSPENDED waiting on sleep"), dump);
        s.close();
        t.join(10_000);
        assertFalse(t.isAlive());
        WireTestHarness.rethrow(failures);
        assertEquals(List.of("waiter cancelled, queue 0"), out);
    }

    @Test
    void fairnessWithManyWires() {
        int wires = StressScale.of(1000, 200);
        int rounds = 20;
        WireLock lock = new WireLock("fair");
        List<Integer> order = new ArrayList<>();
        int[] inside = new int[1];
        WireTestHarness.run(s -> {
            for (int i = 0; i < wires; i++) {
                int n = i;
                s.spawn("w" + n, () -> {
                    for (int r = 0; r < rounds; r++) {
                        lock.lock();
                        assertEquals(1, ++inside[0]);
                        order.add(n);
                        Wire.yieldNow();
                        inside[0]--;
                        lock.unlock();
                    }
                });
            }
        });
        assertEquals(wires * rounds, order.size());
        for (int k = 0; k < order.size(); k++) {
            assertEquals(k % wires, order.get(k), "acquisition " + k);
        }
    }

    @Test
    void whoHoldsTheLockAndWhatItSaysAboutItself() {
        WireLock lock = new WireLock("db");
        assertEquals("db", lock.name());
        assertEquals("lock", new WireLock().name());
        assertEquals("lock 'db' (free)", lock.toString());
        assertFalse(lock.isLocked());
        assertFalse(lock.isHeldByCurrentWire(), "outside a wire nobody holds it");
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire holder = s.spawn("holder", () -> {
                assertFalse(lock.isHeldByCurrentWire());
                assertTrue(lock.tryLock(Duration.ofSeconds(1)), "a free lock is taken at once");
                assertTrue(lock.isHeldByCurrentWire());
                assertTrue(lock.isLocked());
                IllegalStateException again = assertThrows(IllegalStateException.class, () -> lock.tryLock(Duration.ofMillis(1)));
                assertEquals("wire 'holder' already holds lock 'db' (held by wire 'holder'); a WireLock is not reentrant, "
                        + "so taking it again would wait forever", again.getMessage());
                assertFalse(lock.tryLock(), "tryLock() of one's own lock is just false");
                Wire.yieldNow(); // the other wire queues
                assertEquals("lock 'db' (held by wire 'holder', 1 waiting)", lock.toString());
                lock.unlock();
                assertFalse(lock.isHeldByCurrentWire());
                assertTrue(lock.isLocked(), "handed to the waiter");
            });
            s.spawn("other", () -> {
                assertTrue(lock.isLocked());
                assertFalse(lock.isHeldByCurrentWire(), "held, but by another wire");
                assertFalse(lock.tryLock());
                assertEquals(holder, lock.owner());
                lock.lock();
                assertTrue(lock.isHeldByCurrentWire());
                out.add("other got it");
                lock.unlock();
                assertFalse(lock.isLocked());
                IllegalStateException e = assertThrows(IllegalStateException.class, lock::unlock);
                assertEquals("wire 'other' cannot unlock lock 'db' (free): nobody holds it; only the holder may unlock",
                        e.getMessage());
            });
        });
        assertEquals(List.of("other got it"), out);
    }

    @Test
    void tryLockWithATimeoutGetsALockHandedOverInTime() {
        List<String> out = new ArrayList<>();
        WireLock lock = new WireLock("l");
        WireTestHarness.run(s -> {
            s.spawn("holder", () -> {
                lock.lock();
                Wire.sleep(Duration.ofMillis(10));
                lock.unlock();
            });
            s.spawn("waiter", () -> {
                out.add("got " + lock.tryLock(Duration.ofSeconds(10)));
                assertTrue(lock.isHeldByCurrentWire());
                lock.unlock();
            });
        });
        assertEquals(List.of("got true"), out);
    }

    @Test
    void aStrayResumeDoesNotEndATimedWaitForTheLock() {
        List<String> out = new ArrayList<>();
        WireLock lock = new WireLock("l");
        WireTestHarness.run(s -> {
            s.spawn("holder", () -> {
                lock.lock();
                Wire.sleep(Duration.ofMillis(30));
                lock.unlock();
            });
            Wire waiter = s.spawn("waiter", () -> out.add("got " + lock.tryLock(Duration.ofSeconds(10))));
            s.spawn("poker", () -> {
                waiter.resume(); // not a grant: the waiter must go on waiting
                Wire.yieldNow();
                out.add("still waiting " + (lock.queueLength() == 1));
            });
        });
        assertEquals(List.of("still waiting true", "got true"), out);
    }
}
