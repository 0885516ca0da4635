package io.jwire;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * Which scheduler a thread runs: {@link WireScheduler#current()}, {@link Wire#inWire()} and
 * {@link WireScheduler#isOwnerThread()} answer for the calling thread only, however many
 * schedulers run on other threads and in whichever order they start and stop: no answer for
 * another thread, none that outlives its run (the guard for any faster lookup than the
 * thread-local one).
 */
class CurrentSchedulerTest {

    @Test
    void aThreadSeesItsSchedulerOnlyWhileItRunsIt() {
        WireScheduler[] seen = new WireScheduler[1];
        WireTestHarness.run(s -> s.spawn("w", () -> {
            seen[0] = WireScheduler.current();
            assertTrue(s.isOwnerThread());
            assertTrue(Wire.inWire());
        }));
        assertTrue(seen[0] != null);
        assertFalse(seen[0].isOwnerThread(), "run() has returned on this thread");
        assertFalse(Wire.inWire());
        assertThrows(NotInWireException.class, WireScheduler::current);
    }

    @Test
    void schedulersOnTwoThreadsEachSeeTheirOwnWhicheverEndsFirst() throws Exception {
        // a starts first, b second (b is then the last entered); a ends while b still runs,
        // then b checks again; afterwards a's thread runs nothing, whatever the cache held.
        CountDownLatch bStarted = new CountDownLatch(1);
        CountDownLatch aEnded = new CountDownLatch(1);
        AtomicReference<Throwable> failure = new AtomicReference<>();
        WireScheduler a = WireScheduler.create();
        WireScheduler b = WireScheduler.create();
        a.spawn("a", () -> {
            await(bStarted);
            assertSame(a, WireScheduler.current(), "a's thread, after b was entered on another");
            assertFalse(b.isOwnerThread());
        });
        b.spawn("b", () -> {
            bStarted.countDown();
            await(aEnded);
            assertSame(b, WireScheduler.current(), "b's thread, after a's run ended");
            assertFalse(a.isOwnerThread());
        });
        Thread ta = new Thread(() -> {
            try {
                a.run();
                assertThrows(NotInWireException.class, WireScheduler::current, "a's thread after its run");
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            } finally {
                aEnded.countDown();
            }
        }, "runs a");
        Thread tb = new Thread(() -> {
            try {
                b.run();
                assertThrows(NotInWireException.class, WireScheduler::current, "b's thread after its run");
            } catch (Throwable t) {
                failure.compareAndSet(null, t);
            }
        }, "runs b");
        ta.start();
        tb.start();
        ta.join(TimeUnit.SECONDS.toMillis(30));
        tb.join(TimeUnit.SECONDS.toMillis(30));
        assertFalse(ta.isAlive() || tb.isAlive(), "both runs end");
        if (failure.get() != null) {
            throw new AssertionError(failure.get());
        }
    }

    /** Blocks the carrier: these wires are alone on their schedulers, and each waits for the other thread. */
    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(30, TimeUnit.SECONDS)) {
                throw new AssertionError("timed out waiting for the other scheduler's thread");
            }
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
