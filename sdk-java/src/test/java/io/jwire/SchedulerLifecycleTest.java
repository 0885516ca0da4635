package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulerLifecycleTest {

    @Test
    void runReturnsAtOnceWithNoWires() {
        WireTestHarness.run(s -> { });
    }

    @Test
    void executeFromOtherThreadsRunsOnTheSchedulerThread() throws Exception {
        List<String> threads = Collections.synchronizedList(new ArrayList<>());
        AtomicInteger spawned = new AtomicInteger();
        try (WireScheduler s = WireScheduler.create()) { // runs on its own thread: watch, then rethrow after the join
            List<Throwable> failures = WireTestHarness.watch(s);
            KeepAlive hold = s.keepAlive();
            Thread runner = s.startThread("sched", 0);
            List<Thread> posters = new ArrayList<>();
            for (int t = 0; t < 4; t++) {
                Thread p = new Thread(() -> {
                    for (int i = 0; i < 100; i++) {
                        s.execute(() -> {
                            threads.add(Thread.currentThread().getName());
                            s.spawn("from-task", spawned::incrementAndGet);
                        });
                    }
                });
                p.start();
                posters.add(p);
            }
            for (Thread p : posters) {
                p.join();
            }
            hold.close();
            runner.join(10_000);
            assertTrue(!runner.isAlive());
            WireTestHarness.rethrow(failures);
        }
        assertEquals(400, threads.size());
        assertTrue(threads.stream().allMatch("sched"::equals), threads.toString());
        assertEquals(400, spawned.get());
    }

    @Test
    void spawnFromAnotherThreadWhileRunning() throws Exception {
        CountDownLatch done = new CountDownLatch(1);
        try (WireScheduler s = WireScheduler.create()) { // runs on its own thread: watch, then rethrow after the join
            List<Throwable> failures = WireTestHarness.watch(s);
            KeepAlive hold = s.keepAlive();
            Thread runner = s.startThread("sched", 0);
            s.spawn("remote", () -> {
                Wire.sleep(Duration.ofMillis(1));
                done.countDown();
            });
            assertTrue(done.await(10, TimeUnit.SECONDS));
            hold.close();
            runner.join(10_000);
            WireTestHarness.rethrow(failures);
        }
    }

    @Test
    void keepAliveMakesRunWaitUntilClosed() throws Exception {
        try (WireScheduler s = WireScheduler.create()) { // runs on its own thread; no wire, so nothing to watch
            KeepAlive hold = s.keepAlive();
            Thread runner = s.startThread("sched", 0);
            Thread.sleep(100);
            assertTrue(runner.isAlive(), "run() must wait while a keep-alive is open");
            hold.close();
            hold.close();
            runner.join(10_000);
            assertTrue(!runner.isAlive());
        }
    }

    @Test
    void startThreadUsesTheGivenStackSize() throws Exception {
        int[] depths = new int[2];
        for (int k = 0; k < 2; k++) {
            int idx = k;
            try (WireScheduler s = WireScheduler.create()) { // runs on its own thread: watch, then rethrow after the join
                List<Throwable> failures = WireTestHarness.watch(s);
                s.spawn("deep", () -> {
                    int[] d = new int[1];
                    try {
                        dive(d);
                    } catch (StackOverflowError e) {
                        depths[idx] = d[0];
                    }
                });
                s.startThread("stack-" + k, k == 0 ? 256 * 1024 : 8 * 1024 * 1024).join(30_000);
                WireTestHarness.rethrow(failures);
            }
        }
        if ("continuation".equals(System.getProperty("jwire.test.expectSwitch"))) {
            assertTrue(depths[1] > depths[0] * 4, "depths " + depths[0] + " vs " + depths[1]);
        } else {
            assertTrue(depths[0] > 0 && depths[1] > 0);
        }
    }

    private static void dive(int[] depth) {
        depth[0]++;
        dive(depth);
    }

    @Test
    void stuckProgramFailsWithAReportNamingEachWire() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            s.spawn("lonely", () -> Wire.suspend("a friend who never comes"));
            s.spawn("sleepy", () -> {
                Wire.sleep(Duration.ofMillis(5));
                Wire.suspend();
            });
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            String m = e.getMessage();
            assertTrue(m.contains("2 suspended"), m);
            assertTrue(m.contains("wire 'lonely' SUSPENDED waiting on a friend who never comes"), m);
            assertTrue(m.contains("wire 'sleepy' SUSPENDED waiting on Wire.suspend()"), m);
            assertTrue(m.contains("KeepAlive"), m);
            assertTrue(m.contains("SchedulerLifecycleTest"), "the stack of each wire is shown: " + m);
            WireTestHarness.rethrow(failures);
        }
    }

    /**
     * An interrupted caller does not wait for the scheduler's own dump: it gets a snapshot at once
     * and keeps its interrupt status.
     */
    @Test
    void anInterruptedDumpFromAnotherThreadReturnsASnapshotAndKeepsTheInterrupt() throws Exception {
        try (WireScheduler s = WireScheduler.create()) { // runs on its own thread: watch, then rethrow after the join
            List<Throwable> failures = WireTestHarness.watch(s);
            CountDownLatch entered = new CountDownLatch(1);
            CountDownLatch release = new CountDownLatch(1);
            s.spawn("blocker", () -> {
                entered.countDown();
                try {
                    release.await(); // wrong on purpose: holds the scheduler's thread, so the dump request waits in its inbox
                } catch (InterruptedException e) {
                    throw new AssertionError(e);
                }
            });
            Thread runner = s.startThread("sched", 0);
            assertTrue(entered.await(10, TimeUnit.SECONDS));
            String dump;
            boolean interrupted;
            try {
                Thread.currentThread().interrupt();
                dump = s.dump();
                interrupted = Thread.interrupted();
            } finally {
                release.countDown();
            }
            assertTrue(interrupted, "the interrupt status is kept");
            assertTrue(dump.contains("1 live wire(s)\nwire 'blocker' RUNNING\n"), dump);
            runner.join(10_000);
            WireTestHarness.rethrow(failures);
        }
    }

    @Test
    void dumpFromAnotherThreadWhileRunning() throws Exception {
        try (WireScheduler s = WireScheduler.create()) { // runs on its own thread: watch, then rethrow after the join
            List<Throwable> failures = WireTestHarness.watch(s);
            KeepAlive hold = s.keepAlive();
            CountDownLatch ready = new CountDownLatch(1);
            Wire w = s.spawn("napper", () -> {
                ready.countDown();
                Wire.sleep(Duration.ofSeconds(30));
            });
            Thread runner = s.startThread("sched", 0);
            assertTrue(ready.await(10, TimeUnit.SECONDS));
            String dump = s.dump();
            assertTrue(dump.contains("wire 'napper' SUSPENDED waiting on sleep ("), dump);
            w.cancel();
            hold.close();
            runner.join(10_000);
            WireTestHarness.rethrow(failures);
        }
    }

    @Test
    void closeFromAnotherThreadStopsARunningScheduler() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        WireScheduler s = WireScheduler.create(); // runs on its own thread and is closed from this one: the point of the test
        List<Throwable> failures = WireTestHarness.watch(s);
        KeepAlive hold = s.keepAlive();
        CountDownLatch started = new CountDownLatch(1);
        s.spawn("server", () -> {
            started.countDown();
            try {
                Wire.sleep(Duration.ofHours(1));
            } finally {
                out.add("server finally");
            }
        });
        Thread runner = s.startThread("sched", 0);
        assertTrue(started.await(10, TimeUnit.SECONDS));
        s.close();
        runner.join(10_000);
        assertTrue(!runner.isAlive(), "run() returns after close() even with a keep-alive open");
        assertEquals(List.of("server finally"), out);
        assertTrue(hold.isOpen());
        assertThrows(SchedulerClosedException.class, () -> s.spawn("x", () -> { }));
        WireTestHarness.rethrow(failures);
    }

    @Test
    void aSchedulerSaysWhatItIsAndAKeepAliveWhetherItIsOpen() {
        WireScheduler s = WireScheduler.create(); // closed by the test: the point is isClosed()
        assertTrue(s.toString().matches("WireScheduler\\[scheduler-\\d+, (continuation|virtual-thread), 0 wires\\]"), s.toString());
        String[] inside = new String[1];
        s.spawn("w", () -> inside[0] = s.toString());
        KeepAlive hold = s.keepAlive();
        assertTrue(hold.isOpen());
        hold.close();
        assertTrue(!hold.isOpen());
        assertTrue(!s.isClosed());
        WireTestHarness.runChecked(s);
        assertTrue(inside[0].endsWith(", 1 wires]"), inside[0]);
        s.close();
        assertTrue(s.isClosed());
    }

    @Test
    void aDumpShowsHowLongASleeperHasLeft() {
        String[] dump = new String[1];
        WireTestHarness.run(s -> {
            Wire sleeper = s.spawn("napper", () -> Wire.sleep(Duration.ofSeconds(30)));
            s.spawn("inspector", () -> {
                dump[0] = s.dump();
                sleeper.cancel();
            });
        });
        assertTrue(dump[0].matches("(?s).*wire 'napper' SUSPENDED waiting on sleep \\((29\\d{3}|30000) ms left\\).*"), dump[0]);
    }

    @Test
    void aDumpNamesJoinsAndLockClearWaits() {
        String[] dump = new String[1];
        WireTestHarness.run(s -> {
            io.jwire.sync.WireLock lock = new io.jwire.sync.WireLock("gate");
            Wire holder = s.spawn("holder", () -> {
                lock.lock();
                Wire.yieldNow();
                Wire.yieldNow();
                lock.unlock();
            });
            s.spawn("joiner", holder::join);
            s.spawn("clearer", lock::awaitClear);
            s.spawn("inspector", () -> dump[0] = s.dump());
        });
        assertTrue(dump[0].contains("wire 'joiner' SUSPENDED waiting on join of wire 'holder'"), dump[0]);
        assertTrue(dump[0].contains("wire 'clearer' SUSPENDED waiting on clear of lock 'gate' (held by wire 'holder')"), dump[0]);
    }
}
