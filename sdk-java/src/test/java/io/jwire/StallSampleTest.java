package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.LogCapture;
import io.jwire.testing.WireTestHarness;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.AbstractQueuedSynchronizer;
import java.util.concurrent.locks.LockSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.Timeout;

/**
 * The stall detector's decisions without its thread and without sleeping: one sample at a time
 * with the time and the switch count given ({@link StallDetector#check}), the likely cause read
 * from a stack ({@link StallDetector#cause}), the owner of the monitor a carrier waits for
 * ({@link StallDetector#monitorOwner}) and the report text. {@code StallDetectorTest} runs the
 * detector for real.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class StallSampleTest {
    private static final String LONG_LOOP = "a long computation or loop without a switch; call Wire.yieldNow() now and then, "
            + "or move the work to another thread with WireIo.call";
    private static final String SLEEP = "Thread.sleep inside a wire blocks the carrier; use Wire.sleep(Duration)";
    private static final String RUN_BLOCKING = "runBlocking inside a wire blocks the carrier; suspend or use the wire bridges instead";
    private static final String SOCKET = "a blocking socket call inside a wire; use io.jwire.epoll.WireSocket or delegate it with WireIo.call";
    private static final String FILE = "a blocking file call inside a wire; delegate it with WireIo";
    private static final String JDK_WAIT = "the carrier waits in a blocking JDK call (a java.util.concurrent lock, Object.wait, a future's get);"
            + " a lock held by a suspended wire of the same scheduler can never be released this way; use "
            + "jwire's WireLock, WireSemaphore or WireIo.call";
    private static final String MONITOR_FIX = "; a wire that switched out while holding it cannot release it while this one blocks the "
            + "carrier; never hold a monitor across a switch, use WireLock";

    @RegisterExtension
    final LogCapture log = LogCapture.warnings("wire 'hog'");
    private final List<String> warnings = log.messages();

    @Test
    void aWireThatKeepsTheSameSwitchCountForTheThresholdIsReportedOncePerStall() {
        try (WireScheduler s = WireScheduler.create()) { // never runs: its wires are only the subjects of the samples
            Wire hog = s.spawn("hog", () -> { });
            Wire other = s.spawn("other", () -> { });
            StallDetector.StallWatch w = new StallDetector.StallWatch();
            long t = 2_000_000_000L;
            long start = 5_000L;

            // first sight of the wire: remembered, looked at again after half the threshold
            assertEquals(t / 2, StallDetector.check(s, w, t, start, 7, hog));
            assertEquals(7, w.switches);
            assertSame(hog, w.wire);
            assertEquals(start, w.since);
            // no switch for a third of the threshold: look again when the threshold would be reached
            assertEquals(t - t / 3, StallDetector.check(s, w, t, start + t / 3, 7, hog));
            // but never sooner than a quarter of it
            assertEquals(t / 4, StallDetector.check(s, w, t, start + t - t / 10, 7, hog));
            assertEquals(List.of(), warnings);
            assertEquals(start, w.since, "the same wire without a switch keeps its start");

            // exactly the threshold: stalled, reported once
            assertEquals(t / 2, StallDetector.check(s, w, t, start + t, 7, hog));
            assertEquals(1, warnings.size(), warnings.toString());
            assertTrue(warnings.get(0).startsWith("jwire: " + s + " is stalled: wire 'hog' has run for 2000 ms without switching"),
                    warnings.get(0));
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 3 * t, 7, hog));
            assertEquals(1, warnings.size(), "one report per stall: " + warnings);

            // a switch ends the stall; the next one is reported again, with its own duration
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 4 * t, 8, hog));
            assertFalse(w.reported);
            assertEquals(start + 4 * t, w.since);
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 4 * t + t + t / 2, 8, hog));
            assertEquals(2, warnings.size(), warnings.toString());
            assertTrue(warnings.get(1).contains("wire 'hog' has run for 3000 ms"), warnings.get(1));

            // another wire with the same count, or no wire at all, is not a stall either
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 10 * t, 8, other));
            assertSame(other, w.wire);
            assertEquals(start + 10 * t, w.since);
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 20 * t, 8, null));
            assertNull(w.wire);
            assertEquals(t / 2, StallDetector.check(s, w, t, start + 30 * t, 8, null));
            assertEquals(start + 30 * t, w.since, "no running wire is never a stall");
            assertEquals(2, warnings.size(), warnings.toString());
        }
    }

    @Test
    void theReportOfAWireWithoutACarrierSaysSo() {
        try (WireScheduler s = WireScheduler.create()) {
            Wire hog = s.spawn("hog", () -> { });
            assertEquals("jwire: " + s + " is stalled: wire 'hog' has run for 1500 ms without switching, so every other wire of "
                    + "the scheduler waits. Carrier thread '?' is null.\nLikely cause: " + LONG_LOOP + "\n",
                    StallDetector.report(s, hog, 1_500_000_000L));
        }
    }

    @Test
    void theReportOfARunningWireNamesItsCarrierAndShowsItsStack() {
        WireTestHarness.run(s -> s.spawn("hog", () -> {
            String r = StallDetector.report(s, Wire.current(), 1_000_000L);
            assertTrue(r.contains("wire 'hog' has run for 1 ms") && r.contains("Carrier thread '" + Thread.currentThread().getName()
                    + "' is RUNNABLE.\nLikely cause: " + LONG_LOOP + "\n\tat "), r);
            assertTrue(r.contains("StallSampleTest"), "the wire's own frames: " + r);
        }));
    }

    private static StackTraceElement frame(String className, String method) {
        return new StackTraceElement(className, method, null, -1);
    }

    private static StackTraceElement[] stack(StackTraceElement... frames) {
        return frames;
    }

    private static final StackTraceElement APP = frame("com.example.App", "work");
    private static final StackTraceElement THREAD_SLEEP = frame("java.lang.Thread", "sleep0");

    @Test
    void theCauseIsTheFirstBlockingCallBelowTheJdksAndJwiresOwnFrames() {
        assertEquals(SLEEP, StallDetector.cause(Thread.State.TIMED_WAITING, stack(THREAD_SLEEP, APP), null));
        for (String below : new String[] {"io.jwire.Wire", "java.util.concurrent.Foo", "jdk.internal.misc.Blocker", "sun.misc.Unsafe"}) {
            assertEquals(SLEEP, StallDetector.cause(Thread.State.TIMED_WAITING, stack(frame(below, "x"), THREAD_SLEEP, APP), null),
                    "frames of " + below + " are looked past");
        }
        assertEquals(RUN_BLOCKING, StallDetector.cause(Thread.State.WAITING,
                stack(frame("kotlinx.coroutines.BlockingCoroutine", "joinBlocking"), APP), null));
        assertEquals(RUN_BLOCKING, StallDetector.cause(Thread.State.WAITING,
                stack(frame("kotlinx.coroutines.BuildersKt", "runBlocking"), APP), null));
        for (String socket : new String[] {"sun.nio.ch.NioSocketImpl", "java.net.SocketInputStream", "sun.net.www.http.HttpClient"}) {
            assertEquals(SOCKET, StallDetector.cause(Thread.State.RUNNABLE, stack(frame(socket, "read"), APP), null), socket);
        }
        for (String file : new String[] {"java.io.FileInputStream", "sun.nio.fs.UnixNativeDispatcher"}) {
            assertEquals(FILE, StallDetector.cause(Thread.State.RUNNABLE, stack(frame(file, "open"), APP), null), file);
        }
    }

    @Test
    void withoutAKnownCallTheCarriersStateDecides() {
        // the application's frame ends the search: a sleep further down is its own business
        assertEquals(LONG_LOOP, StallDetector.cause(Thread.State.RUNNABLE, stack(APP, THREAD_SLEEP), null));
        // other kotlinx frames are not runBlocking, and are the application's
        assertEquals(LONG_LOOP, StallDetector.cause(Thread.State.RUNNABLE,
                stack(frame("kotlinx.coroutines.flow.FlowKt", "collect"), THREAD_SLEEP), null));
        assertEquals(LONG_LOOP, StallDetector.cause(null, stack(), null));
        assertEquals(JDK_WAIT, StallDetector.cause(Thread.State.WAITING, stack(APP), null));
        assertEquals(JDK_WAIT, StallDetector.cause(Thread.State.TIMED_WAITING, stack(APP), null));
        assertEquals("the wire waits to enter a monitor (synchronized)" + MONITOR_FIX,
                StallDetector.cause(Thread.State.BLOCKED, stack(APP), null));
    }

    /** Waits (without a time limit of its own: the class's timeout bounds it) until {@code t} is in {@code state}. */
    private static void awaitState(Thread t, Thread.State state) {
        while (t.getState() != state) {
            Thread.onSpinWait();
            Thread.yield();
        }
    }

    @Test
    void aCarrierBlockedOnAMonitorNamesTheMonitorAndTheThreadHoldingIt() throws Exception {
        Object monitor = new Object();
        Thread blocked = new Thread(() -> {
            synchronized (monitor) {
                monitor.hashCode();
            }
        }, "blocked-carrier");
        synchronized (monitor) {
            blocked.start();
            awaitState(blocked, Thread.State.BLOCKED);
            String expected = " " + monitor + ", held by '" + Thread.currentThread().getName() + "'";
            assertEquals(expected, StallDetector.monitorOwner(blocked));
            assertEquals("the wire waits to enter a monitor (synchronized)" + expected + MONITOR_FIX,
                    StallDetector.cause(Thread.State.BLOCKED, stack(APP), blocked));
        }
        blocked.join();
        assertEquals("", StallDetector.monitorOwner(blocked), "an ended thread waits for nothing");
        assertEquals("", StallDetector.monitorOwner(null));
    }

    @Test
    void aCarrierWaitingOnAMonitorNobodyHoldsSaysSo() throws Exception {
        Object monitor = new Object();
        CountDownLatch waiting = new CountDownLatch(1);
        boolean[] done = new boolean[1];
        Thread waiter = new Thread(() -> {
            synchronized (monitor) {
                waiting.countDown();
                while (!done[0]) {
                    try {
                        monitor.wait();
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "waiting-carrier");
        waiter.start();
        waiting.await();
        awaitState(waiter, Thread.State.WAITING);
        try {
            assertEquals(" " + monitor + ", held by no running thread (likely a suspended wire)", StallDetector.monitorOwner(waiter));
        } finally {
            synchronized (monitor) {
                done[0] = true;
                monitor.notifyAll();
            }
            waiter.join();
        }
    }

    /** A synchronizer whose owner the test sets: a carrier parked on one it owns itself. */
    private static final class Owned extends AbstractQueuedSynchronizer {
        void ownedBy(Thread t) {
            setExclusiveOwnerThread(t);
        }
    }

    @Test
    void aCarrierWaitingForALockItOwnsItselfBlamesASuspendedWire() throws Exception {
        // On the Continuation switch every wire of a scheduler runs on its one carrier: a lock taken
        // by a wire that then switched out is owned by the very thread that now waits for it.
        Owned lock = new Owned();
        AtomicBoolean done = new AtomicBoolean();
        Thread carrier = new Thread(() -> {
            lock.ownedBy(Thread.currentThread());
            while (!done.get()) {
                LockSupport.park(lock);
            }
        }, "self-blocked-carrier");
        carrier.start();
        awaitState(carrier, Thread.State.WAITING);
        try {
            assertEquals(" " + lock.getClass().getName() + "@" + Integer.toHexString(System.identityHashCode(lock))
                    + ", held by 'self-blocked-carrier' (this carrier: a suspended wire holds it)", StallDetector.monitorOwner(carrier));
        } finally {
            done.set(true);
            LockSupport.unpark(carrier);
            carrier.join();
        }
    }
}
