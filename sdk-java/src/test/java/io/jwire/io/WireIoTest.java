package io.jwire.io;

import io.jwire.NotInWireException;
import io.jwire.TestHooks;
import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireScheduler;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireIo's generic delegated call: results, exceptions, concurrency, cancellation, shutdown, misuse. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireIoTest {

    /** A blocking wait for pool threads, unchecked so that wire bodies (Runnables) stay short. */
    static boolean await(CountDownLatch latch) {
        try {
            return latch.await(20, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError("interrupted", e);
        }
    }

    /** A resource whose close is observable from the test thread. */
    static final class Resource implements AutoCloseable {
        final CountDownLatch closed = new CountDownLatch(1);
        /** The thread that closed it; read after {@link #closed} opened. */
        volatile Thread closedBy;

        @Override
        public void close() {
            closedBy = Thread.currentThread();
            closed.countDown();
        }
    }

    static final class CustomChecked extends Exception {
        private static final long serialVersionUID = 1L;

        CustomChecked(String m) {
            super(m);
        }
    }

    @Test
    void callRunsOnANamedDaemonPoolThreadAndReturnsTheResult() {
        List<String> out = new ArrayList<>();
        try (WireIo io = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                s.spawn("caller", () -> {
                    Thread t = io.call(Thread::currentThread);
                    out.add(t.getName().startsWith(io.name() + "-") + " " + t.isDaemon() + " " + (t != Thread.currentThread()));
                    out.add(io.call(() -> "result"));
                    out.add(String.valueOf(io.call(() -> 6 * 7)));
                });
            });
        }
        assertEquals(List.of("true true true", "result", "42"), out);
    }

    @Test
    void exceptionsComeBackAsTheSameInstanceWithTheirType() {
        IOException io1 = new IOException("disk");
        CustomChecked custom = new CustomChecked("custom");
        IllegalStateException unchecked = new IllegalStateException("state");
        AssertionError error = new AssertionError("error");
        List<Throwable> caught = new ArrayList<>();
        try (WireIo io = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                s.spawn("thrower", () -> {
                    try {
                        io.call(() -> {
                            throw io1;
                        });
                    } catch (IOException e) { // the checked type is known to the compiler
                        caught.add(e);
                    }
                    try {
                        io.<String, CustomChecked>call(() -> {
                            throw custom;
                        });
                    } catch (CustomChecked e) {
                        caught.add(e);
                    }
                    caught.add(assertThrows(IllegalStateException.class, () -> io.call(() -> {
                        throw unchecked;
                    })));
                    caught.add(assertThrows(AssertionError.class, () -> io.call(() -> {
                        throw error;
                    })));
                    Callable<String> callable = () -> {
                        throw io1;
                    };
                    try {
                        io.call(callable::call);
                    } catch (Exception e) { // a Callable throws Exception
                        caught.add(e);
                    }
                });
            });
        }
        assertEquals(5, caught.size());
        assertSame(io1, caught.get(0));
        assertSame(custom, caught.get(1));
        assertSame(unchecked, caught.get(2));
        assertSame(error, caught.get(3));
        assertSame(io1, caught.get(4));
    }

    @Test
    void callOutsideAWireFailsClearly() {
        try (WireIo io = WireIo.create(1)) {
            NotInWireException e = assertThrows(NotInWireException.class, () -> io.call(() -> 1));
            assertTrue(e.getMessage().contains("WireIo.call"), e.getMessage());
            assertTrue(e.getMessage().contains("spawn"), e.getMessage());
            List<Throwable> inTask = new ArrayList<>();
            WireTestHarness.run(s -> s.execute(() -> inTask.add(assertThrows(NotInWireException.class, () -> io.call(() -> 1)))));
            assertEquals(1, inTask.size());
            assertThrows(NotInWireException.class, () -> WireIo.shared().resolve("localhost"));
        }
    }

    /** The delegated call cannot finish until the ticker ticked five times: no timing involved. */
    @Test
    void otherWiresKeepRunningWhileACallBlocks() {
        List<String> out = new ArrayList<>();
        CountDownLatch ticked = new CountDownLatch(5);
        try (WireIo io = WireIo.create(2)) {
            WireTestHarness.run(s -> {
                AtomicBoolean done = new AtomicBoolean();
                s.spawn("blocked", () -> {
                    out.add("call: " + io.call(() -> await(ticked)));
                    done.set(true);
                });
                s.spawn("ticker", () -> {
                    int n = 0;
                    while (!done.get()) {
                        n++;
                        ticked.countDown();
                        Wire.sleep(Duration.ofMillis(1));
                    }
                    out.add("ticks >= 5: " + (n >= 5));
                });
            });
        }
        assertEquals(List.of("call: true", "ticks >= 5: true"), out);
    }

    /** libwire's point, with a real slow call: a 200 ms sleep on the pool thread, 10 ms ticks meanwhile. */
    @Test
    void aTickingWireTicksDuringASlowCall() {
        AtomicInteger ticksDuringCall = new AtomicInteger(-1);
        try (WireIo io = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                int[] ticks = new int[1];
                AtomicBoolean done = new AtomicBoolean();
                s.spawn("slow", () -> {
                    int before = ticks[0];
                    io.call(() -> {
                        sleep(200);
                        return null;
                    });
                    ticksDuringCall.set(ticks[0] - before);
                    done.set(true);
                });
                s.spawn("ticker", () -> {
                    while (!done.get()) {
                        Wire.sleep(Duration.ofMillis(10));
                        ticks[0]++;
                    }
                });
            });
        }
        assertTrue(ticksDuringCall.get() >= 3, "ticks during the 200 ms call: " + ticksDuringCall.get());
    }

    /** 10,000 wires each with a call in flight at once, on 16 threads; the queue holds requests, not threads. */
    @Test
    void tenThousandCallsInFlightComplete() {
        int wires = 10_000;
        CountDownLatch gate = new CountDownLatch(1);
        long[] sum = new long[1];
        int[] queuedAtRelease = new int[1];
        int largest;
        try (WireIo io = WireIo.create(16)) {
            WireTestHarness.run(s -> {
                for (int i = 0; i < wires; i++) {
                    int n = i;
                    s.spawn("call-" + i, () -> {
                        long square = io.call(() -> {
                            await(gate);
                            return (long) n * n;
                        });
                        sum[0] += square; // not sum[0] += io.call(..): that reads sum[0] before the wire waits
                    });
                }
                s.spawn("release", () -> { // FIFO: every caller is parked in its call by now
                    queuedAtRelease[0] = io.queued();
                    gate.countDown();
                });
            });
            largest = io.largestThreads();
        }
        long expected = 0;
        for (long i = 0; i < wires; i++) {
            expected += i * i;
        }
        assertEquals(expected, sum[0]);
        assertTrue(queuedAtRelease[0] >= wires - 16, "queued when released: " + queuedAtRelease[0]);
        assertTrue(largest <= 16, "threads: " + largest);
    }

    /** Cancelled while its call runs: the wire gets WireCancelledException at once; the late resource is closed. */
    @Test
    void cancelWhileTheCallRunsDropsAndClosesTheLateResult() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Resource late = new Resource();
        try (WireIo io = WireIo.create(1); WireScheduler s = WireScheduler.create()) {
            Wire victim = s.spawn("victim", () -> {
                try {
                    io.call(() -> {
                        started.countDown();
                        await(release);
                        return late;
                    });
                    out.add("not reached");
                } catch (WireCancelledException e) {
                    out.add("cancelled, call still running: " + (release.getCount() == 1));
                }
            });
            s.spawn("killer", () -> {
                while (started.getCount() > 0) {
                    Wire.sleep(Duration.ofMillis(1));
                }
                victim.cancel();
            });
            WireTestHarness.runChecked(s); // one scheduler, two runs; returns although the call is still blocked: the cancel released its hold
            out.add("run returned");
            release.countDown();
            assertTrue(late.closed.await(10, TimeUnit.SECONDS), "the late result was not closed");
            // the pool is usable afterwards
            s.spawn("after", () -> out.add("after: " + io.call(() -> "ok")));
            WireTestHarness.runChecked(s);
        }
        assertEquals(List.of("cancelled, call still running: true", "run returned", "after: ok"), out);
    }

    /** The result is back in the inbox, but the wire is cancelled before it runs: it gets the cancel, the result is closed. */
    @Test
    void cancelAfterTheResultArrivedClosesIt() throws Exception {
        List<String> out = new ArrayList<>();
        Resource result = new Resource();
        try (WireIo io = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                Wire victim = s.spawn("victim", () -> callUntilCancelled(io, result, out));
                s.spawn("spinner", () -> {
                    spinUntilPosted(s); // until the result is in the inbox
                    out.add("result posted " + TestHooks.hasOtherWork(s));
                    victim.cancel();
                });
            });
        }
        assertTrue(result.closed.await(10, TimeUnit.SECONDS), "the result was not closed");
        assertEquals(List.of("result posted true", "cancelled"), out);
    }

    /**
     * A late result whose close still waits in the pool's queue (every pool thread busy) when the
     * pool is closed: close() closes it itself, on its caller's thread.
     */
    @Test
    void closingThePoolClosesALateResultWhoseCloseIsStillQueued() {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch release = new CountDownLatch(1);
        Resource result = new Resource();
        WireIo io = WireIo.create(2);
        try {
            WireTestHarness.run(s -> {
                s.spawn("occupier 1", () -> io.call(() -> await(release)));
                Wire victim = s.spawn("victim", () -> callUntilCancelled(io, result, out));
                s.spawn("occupier 2", () -> { // queued behind the victim's call: takes the second thread after it
                    try {
                        io.call(() -> await(release));
                    } catch (WireIoClosedException e) {
                        out.add("occupier 2 refused"); // still queued when the pool closed
                    }
                });
                s.spawn("closer", () -> {
                    spinUntilPosted(s); // until the victim's result is in the inbox
                    victim.cancel();
                    while (!out.contains("cancelled")) {
                        Wire.yieldNow();
                    }
                    assertEquals(1, result.closed.getCount(), "its close waits behind the busy pool threads");
                    io.close();
                    assertEquals(0, result.closed.getCount(), "close() closed it");
                    assertSame(Thread.currentThread(), result.closedBy);
                    release.countDown();
                });
            });
        } finally {
            release.countDown();
            io.close();
        }
        assertTrue(out.contains("cancelled"), out.toString());
    }

    /** Cancelled while its call still waits in the queue: the call never runs. */
    @Test
    void cancelBeforeTheCallStartsMeansItNeverRuns() {
        List<String> out = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean ran = new AtomicBoolean();
        try (WireIo io = WireIo.create(1); WireScheduler s = WireScheduler.create()) {
            s.spawn("occupier", () -> out.add("occupier: " + io.call(() -> await(release))));
            Wire queued = s.spawn("queued", () -> {
                try {
                    io.call(() -> {
                        ran.set(true);
                        return null;
                    });
                } catch (WireCancelledException e) {
                    out.add("queued call cancelled");
                }
            });
            s.spawn("killer", () -> {
                queued.cancel();
                Wire.yieldNow();
                release.countDown();
            });
            WireTestHarness.runChecked(s); // one scheduler, two runs
            s.spawn("probe", () -> out.add("probe: " + io.call(() -> "ok"))); // runs after the skipped request
            WireTestHarness.runChecked(s);
        }
        assertEquals(List.of("queued call cancelled", "occupier: true", "probe: ok"), out);
        assertFalse(ran.get());
    }

    /** A close is never lost: cancelled while still queued, it runs anyway. */
    @Test
    void aCancelledQueuedCloseStillCloses() throws Exception {
        List<String> out = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        Resource resource = new Resource();
        try (WireIo io = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                s.spawn("occupier", () -> io.call(() -> await(release)));
                Wire closer = s.spawn("closer", () -> {
                    try {
                        io.files().close(resource::close);
                    } catch (WireCancelledException e) {
                        out.add("cancelled, closed yet: " + (resource.closed.getCount() == 0));
                    } catch (IOException e) {
                        throw new AssertionError(e);
                    }
                });
                s.spawn("killer", () -> {
                    closer.cancel();
                    Wire.yieldNow();
                    release.countDown();
                });
            });
            assertTrue(resource.closed.await(10, TimeUnit.SECONDS), "the cancelled close was lost");
        }
        assertEquals(List.of("cancelled, closed yet: false"), out);
    }

    /** A wire cancelled before it calls: the call throws at once and never runs. */
    @Test
    void aPendingCancelIsDeliveredByTheCall() {
        AtomicBoolean ran = new AtomicBoolean();
        List<String> out = new ArrayList<>();
        try (WireIo io = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                s.spawn("self-cancel", () -> {
                    Wire.current().cancel();
                    try {
                        io.call(() -> ran.getAndSet(true));
                    } catch (WireCancelledException e) {
                        out.add("cancelled");
                    }
                    out.add("then: " + io.call(() -> "works again")); // delivered once, like every jwire wait
                });
            });
        }
        assertEquals(List.of("cancelled", "then: works again"), out);
        // the first call was abandoned while queued, or ran and was dropped; either way nothing leaked
    }

    @Test
    void closingThePoolFailsQueuedCallsAndLetsRunningOnesFinish() {
        List<String> out = new ArrayList<>();
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicBoolean queuedRan = new AtomicBoolean();
        WireTestHarness.run(s -> {
            WireIo io = WireIo.create(1);
            s.spawn("running", () -> out.add("running: " + io.call(() -> {
                started.countDown();
                return await(release);
            })));
            s.spawn("queued", () -> {
                WireIoClosedException e = assertThrows(WireIoClosedException.class, () -> io.call(() -> queuedRan.getAndSet(true)));
                out.add("queued: " + e.getMessage().contains("wire 'queued'") + " " + e.getMessage().contains("never ran"));
            });
            s.spawn("closer", () -> {
                while (started.getCount() > 0) {
                    Wire.sleep(Duration.ofMillis(1));
                }
                io.close();
                io.close(); // idempotent
                out.add("closed " + io.isClosed());
                release.countDown();
            });
        });
        assertEquals(List.of("closed true", "queued: true true", "running: true"), out);
        assertFalse(queuedRan.get());
    }

    @Test
    void aCallAfterCloseFailsClearly() {
        WireIo io = WireIo.create(1);
        io.close();
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("late-caller", () -> {
                WireIoClosedException e = assertThrows(WireIoClosedException.class, () -> io.call(() -> 1));
                out.add(e.getMessage());
                assertThrows(WireIoClosedException.class, () -> io.resolve("localhost"));
            });
        });
        String m = out.get(0);
        assertTrue(m.contains("wire 'late-caller'"), m);
        assertTrue(m.contains(io.name()), m);
        assertTrue(m.contains("closed"), m);
        assertTrue(m.contains("WireIo.shared()"), m);
    }

    /** Closing the scheduler from another thread while a call is in flight cancels the wire; run() returns. */
    @Test
    void closingTheSchedulerWithACallInFlight() throws Exception {
        List<String> out = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch started = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        Resource late = new Resource();
        try (WireIo io = WireIo.create(2)) {
            WireScheduler s = WireScheduler.create(); // runs on its own thread and is closed from this one: the point of the test
            List<Throwable> failures = WireTestHarness.watch(s);
            s.spawn("waiter", () -> {
                try {
                    io.call(() -> {
                        started.countDown();
                        await(release);
                        return late;
                    });
                } catch (WireCancelledException e) {
                    out.add("cancelled by close");
                } finally {
                    out.add("cleanup " + io.call(() -> "delegated")); // a closing scheduler still serves its wires
                }
            });
            Thread runner = s.startThread("scheduler", 0);
            assertTrue(started.await(10, TimeUnit.SECONDS));
            s.close();
            runner.join(10_000);
            assertFalse(runner.isAlive(), "run() did not return after close()");
            WireTestHarness.rethrow(failures);
            release.countDown();
            assertTrue(late.closed.await(10, TimeUnit.SECONDS), "the late result was not closed");
        }
        assertEquals(List.of("cancelled by close", "cleanup delegated"), out);
    }

    @Test
    void aWaitingCallIsNotADeadlockAndShowsInTheDump() {
        List<String> out = new ArrayList<>();
        CountDownLatch release = new CountDownLatch(1);
        try (WireIo io = WireIo.create(1)) {
            WireTestHarness.run(s -> {
                s.spawn("waiter", () -> out.add("got " + io.call(() -> await(release))));
                s.spawn("inspector", () -> {
                    String dump = s.dump();
                    out.add("dump names the call: " + dump.contains("WireIo.call() on pool '" + io.name() + "'"));
                    release.countDown(); // after this wire ends, only the waiting wire is left: no deadlock report
                });
            });
        }
        assertEquals(List.of("dump names the call: true", "got true"), out);
    }

    @Test
    void poolMisuseFailsClearly() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireIo.create(0));
        assertTrue(e.getMessage().contains("WireIo.create(threads) got number of threads 0")
                && e.getMessage().contains("must be at least 1"), e.getMessage());
        UnsupportedOperationException u = assertThrows(UnsupportedOperationException.class, () -> WireIo.shared().close());
        assertTrue(u.getMessage().contains("WireIo.create"), u.getMessage());
        assertSame(WireIo.shared(), WireIo.shared());
        assertEquals(WireIo.defaultThreads(), WireIo.shared().threads());
        assertTrue(WireIo.defaultThreads() >= 16);
        assertNotNull(WireIo.shared().toString());
    }

    @Test
    void theDefaultSizeComesFromASystemProperty() {
        String before = System.getProperty("jwire.io.threads");
        try {
            System.setProperty("jwire.io.threads", "7");
            assertEquals(7, WireIo.defaultThreads());
            System.setProperty("jwire.io.threads", "lots");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, WireIo::defaultThreads);
            assertTrue(e.getMessage().contains("-Djwire.io.threads=lots"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("jwire.io.threads");
            } else {
                System.setProperty("jwire.io.threads", before);
            }
        }
    }

    @Test
    void theSharedPoolWorks() {
        List<Object> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("shared", () -> out.add(WireIo.shared().call(() -> Thread.currentThread().getName())));
        });
        assertInstanceOf(String.class, out.get(0));
        assertTrue(((String) out.get(0)).startsWith("jwire-io-shared-"), out.toString());
    }

    @Test
    void aPoolSaysWhatItIsAndItsThreadsEndAfterClose() throws Exception {
        WireIo io = WireIo.create(3);
        assertTrue(io.toString().matches("WireIo\\[jwire-io-\\d+, 3 threads\\]"), io.toString());
        assertFalse(io.isClosed());
        WireTestHarness.run(s -> s.spawn("caller", () -> io.call(() -> "warm")));
        assertEquals(1, io.largestThreads(), "one call needed one thread");
        io.close();
        assertTrue(io.isClosed());
        assertTrue(io.toString().endsWith(", closed]"), io.toString());
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (poolThreads(io) > 0 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertEquals(0, poolThreads(io), "a closed pool's threads end");
        assertEquals("WireIo[jwire-io-shared, " + WireIo.defaultThreads() + " threads]", WireIo.shared().toString());
        assertEquals(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()), WireIo.defaultThreads(),
                "the default without -Djwire.io.threads");
    }

    @Test
    void oneThreadIsAValidSizeButZeroIsNot() {
        String before = System.getProperty("jwire.io.threads");
        try {
            System.setProperty("jwire.io.threads", "1");
            assertEquals(1, WireIo.defaultThreads());
            System.setProperty("jwire.io.threads", "0");
            assertThrows(IllegalArgumentException.class, WireIo::defaultThreads);
            System.setProperty("jwire.io.threads", " ");
            assertEquals(Math.max(16, 4 * Runtime.getRuntime().availableProcessors()), WireIo.defaultThreads(), "blank: the default");
        } finally {
            if (before == null) {
                System.clearProperty("jwire.io.threads");
            } else {
                System.setProperty("jwire.io.threads", before);
            }
        }
    }

    /** A victim's body: calls {@code io} for {@code result} and records that the call was cancelled. */
    private static void callUntilCancelled(WireIo io, Resource result, List<String> out) {
        try {
            io.call(() -> result);
            out.add("not reached");
        } catch (WireCancelledException e) {
            out.add("cancelled");
        }
    }

    /**
     * Spins the running wire, without switching, until something is posted to {@code s}'s inbox
     * (a call's result) or 10 s have passed.
     */
    private static void spinUntilPosted(WireScheduler s) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!TestHooks.hasOtherWork(s) && System.nanoTime() < deadline) {
            Thread.onSpinWait();
        }
    }

    private static long poolThreads(WireIo io) {
        return Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().startsWith(io.name() + "-")).count();
    }
}
