package io.jwire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.LogCapture;
import io.jwire.testing.WireTestHarness;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * close() of a scheduler that no thread runs: its live wires are cancelled and run to their end
 * as wires of that scheduler, on the closing thread, or (when a wire of another scheduler closes
 * it) on a daemon thread of its own. Each test first leaves a wire suspended for good: run()
 * reports it stuck and returns, so the schedulers are created directly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class IdleCloseTest {

    @Test
    void closeRunsTheWiresOfAnIdleSchedulerToTheirEndOnTheCallingThread() {
        WireScheduler s = WireScheduler.create(); // created directly: run() is meant to report the stuck wire
        List<Throwable> failures = WireTestHarness.watch(s);
        List<String> log = new ArrayList<>();
        Thread closing = Thread.currentThread();
        s.spawn("stuck", () -> {
            try {
                Wire.suspend();
            } finally {
                assertSame(s, WireScheduler.current(), "the finally block runs as a wire of the closed scheduler");
                assertTrue(s.isOwnerThread());
                assertSame(closing, s.ownerThread(), "on the thread that called close()");
                log.add("finally");
            }
        });
        assertThrows(WireDeadlockException.class, s::run);
        assertEquals(List.of(), log);
        s.close();
        assertEquals(List.of("finally"), log);
        assertNull(s.ownerThread(), "close() gave the scheduler up again");
        assertFalse(s.isOwnerThread());
        assertThrows(NotInWireException.class, WireScheduler::current, "the closing thread runs no scheduler afterwards");
        WireTestHarness.rethrow(failures);
    }

    @Test
    void aWireOfAnotherSchedulerClosesAnIdleOneOnADaemonThreadOfItsOwn() throws Exception {
        WireScheduler idle = WireScheduler.create(); // created directly: run() is meant to report the stuck wire
        List<Throwable> failures = WireTestHarness.watch(idle);
        CompletableFuture<Thread> finallyRanOn = new CompletableFuture<>();
        idle.spawn("stuck", () -> {
            try {
                Wire.suspend();
            } finally {
                finallyRanOn.complete(idle.ownerThread());
            }
        });
        assertThrows(WireDeadlockException.class, idle::run);
        WireTestHarness.inWire(() -> {
            idle.close(); // not on this thread: it runs another scheduler
            assertTrue(idle.isClosed());
            assertNotSame(Thread.currentThread(), idle.ownerThread());
        });
        Thread closer = finallyRanOn.get(30, TimeUnit.SECONDS);
        assertTrue(closer.getName().startsWith("scheduler-") && closer.getName().endsWith("-close"), closer.getName());
        assertTrue(closer.isDaemon(), "a close that hangs on a stubborn wire never keeps the JVM alive");
        closer.join();
        WireTestHarness.rethrow(failures);
    }

    @Test
    void failuresDuringTheCloseOfAnIdleSchedulerAreNotThrownButLogged() {
        IllegalStateException boom = new IllegalStateException("failed while closing");
        WireScheduler s = WireScheduler.create(); // created directly: no handler, the failure is meant to go unobserved
        s.spawn("stuck", () -> {
            try {
                Wire.suspend();
            } catch (WireCancelledException e) {
                throw boom;
            }
        });
        assertThrows(WireDeadlockException.class, s::run);
        List<LogRecord> debug;
        try (LogCapture log = LogCapture.matching("io.jwire", Level.ALL,
                r -> r.getMessage().contains("closed with unobserved wire failures")).start()) {
            assertDoesNotThrow(s::close);
            debug = log.records();
        }
        assertEquals(1, debug.size(), debug.toString());
        assertEquals(Level.FINE, debug.get(0).getLevel(), "System.Logger's DEBUG: each failure was logged as it happened");
        WireFailedException e = assertInstanceOf(WireFailedException.class, debug.get(0).getThrown());
        assertSame(boom, e.getCause());
    }

    /**
     * With a keep-alive still open nothing else bounds the wait for a wire that refuses to end:
     * close() cancels it every grace period, three times, then reports it and run() returns.
     */
    @Test
    void closeGivesUpOnAWireThatRefusesEveryCancelEvenWithAKeepAliveOpen() throws Exception {
        WireScheduler s = WireScheduler.create(); // created directly: the point is close() against a wire refusing its cancels
        KeepAlive hold = s.keepAlive();
        int[] caught = new int[1];
        Wire refuser = s.spawn("refuser", () -> {
            for (;;) {
                try {
                    Wire.suspend();
                } catch (WireCancelledException e) {
                    caught[0]++; // refuses to end: bad code, but close() must not hang on it
                }
            }
        });
        LogCapture log = LogCapture.warnings("did not end").start();
        List<String> warnings = log.messages();
        try {
            Thread runner = s.startThread("runner", 0);
            while (refuser.state() != WireState.SUSPENDED) {
                Thread.onSpinWait();
            }
            s.close();
            runner.join(TimeUnit.SECONDS.toMillis(30));
            assertFalse(runner.isAlive(), "run() returned although a keep-alive is open");
        } finally {
            log.close();
            hold.close();
        }
        assertEquals(3, caught[0], "cancelled three times");
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(w.contains(" was closed, but these wires caught 3 cancels and did not end; they are abandoned (their finally "
                + "blocks will not run). Let WireCancelledException propagate.\n") && w.contains("wire 'refuser' SUSPENDED"), w);
    }
}
