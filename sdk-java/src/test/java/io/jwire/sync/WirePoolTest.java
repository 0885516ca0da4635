package io.jwire.sync;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.WireState;
import io.jwire.channels.WireChannel;
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

/** WirePool: libwire's pool program, tryStart, LIFO reuse, failing tasks, cancellation, close, churn. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WirePoolTest {
    /** libwire's time unit in the timed pool program: long enough that a loaded machine's hiccup does not reorder tasks. */
    private static final long UNIT_MS = 50;

    /**
     * libwire test/pool.c: a pool of 4 and 8 blocking starts, twice. The fifth start waits for a
     * slot; the freed workers are reused last in, first out.
     */
    @Test
    void libwirePoolProgram() {
        List<String> out = new ArrayList<>();
        List<Wire> workers = new ArrayList<>();
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "pool", 4);
            s.spawn("main", () -> {
                WireSemaphore done = new WireSemaphore("tasks done", 0);
                for (int round = 1; round <= 2; round++) {
                    for (int i = 0; i < 8; i++) {
                        int n = i;
                        out.add("start " + n);
                        Wire w = pool.start("task " + n, () -> {
                            out.add("task " + n + " runs as " + Wire.current().name());
                            Wire.yieldNow();
                            out.add("task " + n + " done");
                            done.release();
                        });
                        if (!workers.contains(w)) {
                            workers.add(w);
                        }
                        out.add("started " + n + " on worker " + (workers.indexOf(w) + 1));
                    }
                    for (int i = 0; i < 8; i++) {
                        done.acquire();
                    }
                    out.add("round " + round + " complete");
                }
                pool.close();
            });
        });
        assertEquals(4, workers.size());
        for (Wire w : workers) {
            assertEquals(WireState.ENDED, w.state());
            assertTrue(w.name().startsWith("pool/worker-"), w.name());
        }
        List<String> expected = new ArrayList<>();
        for (int round = 1; round <= 2; round++) {
            for (int i = 0; i < 4; i++) {
                expected.add("start " + i);
                expected.add("started " + i + " on worker " + (i + 1));
            }
            expected.add("start 4");
            for (int i = 0; i < 4; i++) {
                expected.add("task " + i + " runs as task " + i);
            }
            for (int i = 0; i < 4; i++) {
                expected.add("task " + i + " done");
            }
            expected.add("started 4 on worker 4");
            for (int i = 5; i < 8; i++) {
                expected.add("start " + i);
                expected.add("started " + i + " on worker " + (8 - i));
            }
            for (int i = 4; i < 8; i++) {
                expected.add("task " + i + " runs as task " + i);
            }
            for (int i = 4; i < 8; i++) {
                expected.add("task " + i + " done");
            }
            expected.add("round " + round + " complete");
        }
        assertEquals(expected, out);
    }

    /**
     * libwire test/pool.c, timed as there (sleeps scaled to 50 ms units): a pool of 4, and 8
     * blocking starts of tasks that sleep num units, twice; every start after the fourth waits
     * for the next task to end, and the second round reuses the idle workers last in, first out.
     */
    @Test
    @Tag("timing") // its order rests on sleeps milliseconds apart; the pitest profile leaves it out
    void libwirePoolProgramWithSleeps() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "pool", 4);
            List<Wire> workers = new ArrayList<>();
            s.spawn("init", () -> {
                for (int round = 0; round < 2; round++) {
                    for (int i = 0; i < 8; i++) {
                        int n = i;
                        pool.start("pool " + n, () -> {
                            Wire me = Wire.current();
                            if (!workers.contains(me)) {
                                workers.add(me);
                            }
                            out.add("wire started " + n + " on worker " + (workers.indexOf(me) + 1));
                            Wire.sleep(Duration.ofMillis(n * UNIT_MS));
                            out.add("wire done " + n);
                        });
                    }
                    Wire.sleep(Duration.ofMillis(20 * UNIT_MS)); // every task ends meanwhile (the last by 10 units)
                }
                pool.close();
            });
        });
        List<String> expected = new ArrayList<>();
        int[][] workerOf = {{1, 2, 3, 4, 1, 2, 3, 4}, {4, 3, 2, 1, 4, 3, 2, 1}};
        for (int[] w : workerOf) {
            for (int i = 0; i < 4; i++) {
                expected.add("wire started " + i + " on worker " + w[i]);
            }
            for (int i = 4; i < 8; i++) {
                expected.add("wire done " + (i - 4));
                expected.add("wire started " + i + " on worker " + w[i]);
            }
            for (int i = 4; i < 8; i++) {
                expected.add("wire done " + i);
            }
        }
        assertEquals(expected, out);
    }

    @Test
    void tryStartReturnsNullWhenBusyAndReusesTheLastFreedWorker() {
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "p", 2);
            s.spawn("main", () -> {
                WireChannel<String> gate = WireChannel.rendezvous("gate");
                Wire a = pool.tryStart("a", gate::receive);
                Wire b = pool.tryStart("b", gate::receive);
                assertNotNull(a);
                assertNotNull(b);
                assertNull(pool.tryStart("c", () -> { }));
                assertEquals(2, pool.busy());
                Wire.yieldNow();
                gate.send("free a"); // a finishes first, then b
                gate.send("free b");
                Wire.yieldNow();
                assertEquals(0, pool.busy());
                assertSame(b, pool.tryStart("d", () -> { }), "the most recently freed worker runs next");
                assertSame(a, pool.tryStart("e", () -> { }));
                Wire.yieldNow();
                pool.close();
                assertThrows(IllegalStateException.class, () -> pool.tryStart("late", () -> { }));
            });
        });
    }

    @Test
    void failingTaskFreesItsSlotAndIsReported() {
        List<String> reported = new ArrayList<>();
        List<String> out = new ArrayList<>();
        // created directly with its own handler: the point is that the failure is reported under the task's name;
        // the handler records every failure, so the assertion below also fails on any other one
        try (WireScheduler s = WireScheduler.create()) {
            s.setExceptionHandler((w, t) -> reported.add(w.name() + ": " + t.getMessage()));
            try (WirePool pool = new WirePool(s, "p", 1)) {
                s.spawn("main", () -> {
                    pool.start("bad", () -> {
                        throw new IllegalStateException("boom");
                    });
                    pool.start("good", () -> out.add("good ran"));
                    pool.start("last", () -> {
                        out.add("last ran");
                        pool.close();
                    });
                });
                s.run();
            }
        }
        assertEquals(List.of("bad: boom"), reported);
        assertEquals(List.of("good ran", "last ran"), out);
    }

    @Test
    void cancelledStarterLeavesTheQueueAndCloseFailsWaitingStarters() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "p", 1);
            WireChannel<String> gate = WireChannel.rendezvous("gate");
            s.spawn("holder", () -> pool.start("long", gate::receive));
            Wire victim = s.spawn("victim", () -> {
                try {
                    pool.start("never", () -> out.add("never ran"));
                } catch (WireCancelledException e) {
                    out.add("victim cancelled");
                }
            });
            s.spawn("waiter", () -> {
                try {
                    pool.start("also never", () -> out.add("also never ran"));
                } catch (IllegalStateException e) {
                    out.add("waiter: " + e.getMessage());
                }
            });
            s.spawn("main", () -> {
                assertEquals(2, pool.waitingStarters());
                victim.cancel();
                Wire.yieldNow();
                assertEquals(1, pool.waitingStarters());
                pool.close();
                gate.send("finish");
            });
        });
        assertEquals(List.of("victim cancelled", "waiter: pool 'p' (1/1 busy, closed) was closed while wire 'waiter' waited "
                + "to start task 'also never'; the task did not run"), out);
    }

    @Test
    void stuckReportShowsBusySlotsWaitingStartersAndIdleWorkers() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WirePool pool = new WirePool(s, "p", 1);
            WireChannel<String> never = WireChannel.rendezvous("never");
            s.spawn("main", () -> {
                pool.start("stuck task", never::receive);
                pool.start("second", () -> { });
            });
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            String m = e.getMessage();
            assertTrue(m.contains("wire 'stuck task' SUSPENDED waiting on receive from channel 'never'"), m);
            assertTrue(m.contains("wire 'main' SUSPENDED waiting on a free slot of pool 'p' (1/1 busy, 1 waiting to start)"), m);
        }
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WirePool pool = new WirePool(s, "p", 1);
            WireChannel<String> never = WireChannel.rendezvous("never");
            s.spawn("main", () -> pool.start("quick", () -> { }));
            s.spawn("blocked", never::receive);
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("1 suspended"), e.getMessage());
            assertTrue(e.getMessage().contains("wire 'p/worker-1' SUSPENDED waiting on a task from pool 'p' (0/1 busy) "
                    + "(idle worker; close the pool when no more tasks come)"), e.getMessage());
        }
    }

    @Test
    void idleWorkersDoNotKeepRunGoingAndServeTheNextRun() {
        List<String> out = new ArrayList<>();
        try (WireScheduler s = WireScheduler.create()) {
            WirePool pool = new WirePool(s, "p", 2);
            s.spawn("main", () -> pool.start("first", () -> out.add("first on " + Wire.current().name())));
            WireTestHarness.runChecked(s); // one scheduler, three runs
            assertEquals(1, pool.idleWorkers());
            s.spawn("main", () -> pool.start("second", () -> out.add("second")));
            WireTestHarness.runChecked(s);
            assertEquals(1, pool.workers(), "the idle worker was reused");
            pool.close();
            WireTestHarness.runChecked(s);
            assertEquals(0, pool.workers());
        }
        assertEquals(List.of("first on first", "second"), out);
    }

    @Test
    void aPoolIsConfinedToItsScheduler() {
        try (WireScheduler a = WireScheduler.create()) { // never runs: it only owns the pool
            WirePool pool = new WirePool(a, "p", 1);
            WireTestHarness.run(b -> b.spawn("intruder", () -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.start("t", () -> { }));
                // names the wire and its scheduler, the call, the pool, and the scheduler it belongs to
                assertTrue(e.getMessage().startsWith("wire 'intruder' of " + b + " called starting task 't' on pool 'p'"),
                        e.getMessage());
                assertTrue(e.getMessage().contains("which belongs to " + a), e.getMessage());
            }));
            pool.close();
        }
    }

    @Test
    void churn() {
        int tasks = StressScale.of(100_000, 10_000);
        long[] sum = new long[1];
        int[] ran = new int[1];
        WirePool[] churn = new WirePool[1];
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "churn", 16);
            churn[0] = pool;
            s.spawn("feeder", () -> {
                for (int i = 1; i <= tasks; i++) {
                    int n = i;
                    if (i % 3 == 0 && pool.tryStart("t", () -> {
                        sum[0] += n;
                        ran[0]++;
                    }) != null) {
                        continue;
                    }
                    pool.start("t", () -> {
                        if (n % 2 == 0) {
                            Wire.yieldNow();
                        }
                        sum[0] += n;
                        ran[0]++;
                    });
                }
                WireLock clear = new WireLock();
                while (pool.busy() > 0) {
                    Wire.yieldNow();
                }
                clear.awaitClear();
                pool.close();
            });
        });
        assertEquals(tasks, ran[0]);
        assertEquals((long) tasks * (tasks + 1) / 2, sum[0]);
        assertEquals(0, churn[0].busy());
    }

    @Test
    void aCancelledIdleWorkerLeavesTheIdleStackAndTheOthersAreStillReusedLastInFirstOut() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "p", 4);
            s.spawn("main", () -> {
                Wire[] w = new Wire[4];
                for (int i = 0; i < 4; i++) {
                    w[i] = pool.tryStart("t" + i, () -> { });
                }
                Wire.yieldNow(); // all four ran their task: idle stack (bottom to top) w0 w1 w2 w3
                assertEquals(4, pool.idleWorkers());
                assertEquals(0, pool.busy());
                w[1].cancel(); // an idle worker in the middle of the stack
                Wire.yieldNow();
                assertEquals(WireState.ENDED, w[1].state());
                assertEquals(3, pool.idleWorkers(), "the cancelled worker left the idle stack");
                assertEquals(3, pool.workers());
                assertSame(w[3], pool.tryStart("a", () -> out.add("a")));
                assertSame(w[2], pool.tryStart("b", () -> out.add("b")));
                assertSame(w[0], pool.tryStart("c", () -> out.add("c")), "w1 is skipped: it has ended");
                Wire d = pool.tryStart("d", () -> out.add("d"));
                assertTrue(d != w[1] && d.name().equals("d"), "a fresh worker for the fourth slot");
                assertEquals(4, pool.workers());
                Wire.yieldNow();
                pool.close();
            });
        });
        assertEquals(List.of("a", "b", "c", "d"), out);
    }

    @Test
    void cancellingTheTopAndBottomIdleWorkersKeepsTheRestInOrder() {
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "p", 3);
            s.spawn("main", () -> {
                Wire[] w = new Wire[3];
                for (int i = 0; i < 3; i++) {
                    w[i] = pool.tryStart("t" + i, () -> { });
                }
                Wire.yieldNow();
                w[2].cancel(); // top
                w[0].cancel(); // bottom
                Wire.yieldNow();
                assertEquals(1, pool.idleWorkers());
                assertSame(w[1], pool.tryStart("x", () -> { }));
                assertEquals(0, pool.idleWorkers());
                Wire.yieldNow();
                pool.close();
            });
        });
    }

    @Test
    void aPoolSaysWhatItIs() {
        WireTestHarness.run(s -> {
            WirePool pool = new WirePool(s, "handlers", 2);
            assertEquals("handlers", pool.name());
            assertEquals(2, pool.size());
            assertFalse(pool.isClosed());
            assertEquals("pool 'handlers' (0/2 busy)", pool.toString());
            s.spawn("main", () -> {
                pool.tryStart("a", Wire::yieldNow);
                assertEquals("pool 'handlers' (1/2 busy)", pool.toString());
                pool.close();
                assertTrue(pool.isClosed());
                assertEquals("pool 'handlers' (1/2 busy, closed)", pool.toString());
                pool.close(); // idempotent
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> pool.start("late", () -> { }));
                assertEquals("cannot start task 'late': pool 'handlers' (1/2 busy, closed) is closed", e.getMessage());
            });
        });
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> {
            try (WireScheduler s = WireScheduler.create()) { // never runs: the constructor refuses on the caller's thread
                new WirePool(s, "empty", 0);
            }
        });
        assertTrue(e.getMessage().startsWith("new WirePool(scheduler, \"empty\", size) got size 0 in thread '"), e.getMessage());
    }

    @Test
    void aTaskThatThrowsACancellationOfItsOwnIsAFailureUnderTheTasksName() {
        WireCancelledException own = new WireCancelledException("not the worker's cancel");
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> { // the task is meant to fail
            WirePool pool = new WirePool(s, "p", 1);
            s.spawn("main", () -> {
                pool.start("liar", () -> {
                    throw own;
                });
                pool.start("after", () -> { }); // the slot was freed
                pool.close();
            });
        });
        assertEquals(List.of(own), failures);
    }
}
