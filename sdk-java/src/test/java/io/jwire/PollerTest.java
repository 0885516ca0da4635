package io.jwire;

import io.jwire.spi.WirePoller;
import io.jwire.spi.WirePollerProvider;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * How a scheduler uses its poller (the SPI): polled without waiting every 8 rounds while wires
 * are ready and waits are pending, waited on while idle with pending waits, closed once; chosen by
 * provider or by -Djwire.poller.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class PollerTest {

    /** A poller that counts what the scheduler asks of it. */
    static final class CountingPoller implements WirePoller {
        final AtomicInteger zeroPolls = new AtomicInteger();
        final AtomicInteger waitingPolls = new AtomicInteger();
        final AtomicInteger closes = new AtomicInteger();
        final Semaphore wakeups = new Semaphore(0);
        volatile int pending;

        @Override
        public int poll(long timeoutNanos) {
            if (timeoutNanos == 0) {
                zeroPolls.incrementAndGet();
                return 0;
            }
            waitingPolls.incrementAndGet();
            try {
                if (timeoutNanos < 0) {
                    wakeups.acquire();
                } else {
                    wakeups.tryAcquire(timeoutNanos, TimeUnit.NANOSECONDS);
                }
                wakeups.drainPermits();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return 0;
        }

        @Override
        public void wakeup() {
            wakeups.release();
        }

        @Override
        public int pendingWaits() {
            return pending;
        }

        @Override
        public void close() {
            closes.incrementAndGet();
        }
    }

    static WirePollerProvider provider(String name, boolean supported, WirePoller poller) {
        return new WirePollerProvider() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public int priority() {
                return 0;
            }

            @Override
            public boolean isSupported() {
                return supported;
            }

            @Override
            public WirePoller open() {
                return poller;
            }
        };
    }

    private static void yieldingWires(WireScheduler s, int yields) {
        for (String n : List.of("a", "b")) {
            s.spawn(n, () -> {
                for (int i = 0; i < yields; i++) {
                    Wire.yieldNow();
                }
            });
        }
    }

    @Test
    void withPendingWaitsThePollerIsCheckedEveryEightRoundsWhileWiresAreReady() {
        CountingPoller poller = new CountingPoller();
        poller.pending = 1;
        try (WireScheduler s = WireScheduler.create(provider("counting", true, poller))) {
            assertEquals("counting", s.pollerName());
            yieldingWires(s, 79); // 80 rounds of two wires
            WireTestHarness.runChecked(s); // the poller's counts are read after the run
            assertEquals(10, poller.zeroPolls.get(), "one poll without waiting every 8 rounds");
            assertEquals(0, poller.waitingPolls.get(), "never idle");
        }
    }

    @Test
    void withoutPendingWaitsBusyWiresNeverPoll() {
        CountingPoller poller = new CountingPoller();
        try (WireScheduler s = WireScheduler.create(provider("counting", true, poller))) {
            yieldingWires(s, 79);
            WireTestHarness.runChecked(s);
            assertEquals(0, poller.zeroPolls.get());
        }
    }

    @Test
    void aLoneYieldSwitchesWhileWaitsArePending() {
        CountingPoller poller = new CountingPoller();
        poller.pending = 1;
        try (WireScheduler s = WireScheduler.create(provider("counting", true, poller))) {
            long[] switches = new long[2];
            s.spawn("alone", () -> {
                switches[0] = TestHooks.switchCount(s);
                for (int i = 0; i < 100; i++) {
                    Wire.yieldNow();
                }
                switches[1] = TestHooks.switchCount(s);
            });
            WireTestHarness.runChecked(s);
            assertEquals(100, switches[1] - switches[0], "an event may be due: each yield lets the scheduler poll");
        }
    }

    /** A suspended wire with a pending wait is not stuck: the scheduler waits in its poller for the event. */
    @Test
    void pendingWaitsKeepAnIdleSchedulerWaitingInsteadOfReportingItStuck() throws Exception {
        CountingPoller poller = new CountingPoller();
        poller.pending = 1;
        CountDownLatch suspended = new CountDownLatch(1);
        try (WireScheduler s = WireScheduler.create(provider("counting", true, poller))) {
            Wire w = s.spawn("waiter", () -> {
                suspended.countDown();
                Wire.suspend("an event");
            });
            Thread event = new Thread(() -> {
                try {
                    assertTrue(suspended.await(10, TimeUnit.SECONDS));
                    while (poller.waitingPolls.get() == 0) {
                        Thread.onSpinWait();
                    }
                    w.resume(); // through the inbox; wakes the poller
                    poller.pending = 0; // after the resume is queued: the scheduler never sees nothing pending and nothing queued
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            event.start();
            WireTestHarness.runChecked(s); // returns normally: no stuck report
            event.join(10_000);
            assertTrue(poller.waitingPolls.get() >= 1);
            assertEquals(WireState.ENDED, w.state());
        }
    }

    @Test
    void thePollerIsClosedOnceWhenTheSchedulerCloses() {
        CountingPoller poller = new CountingPoller();
        WireScheduler s = WireScheduler.create(provider("counting", true, poller)); // closed by the test itself
        s.spawn("w", Wire::yieldNow);
        WireTestHarness.runChecked(s);
        assertEquals(0, poller.closes.get(), "run() leaves the poller open for the next run");
        s.close();
        assertEquals(1, poller.closes.get());
        s.close();
        assertEquals(1, poller.closes.get());
    }

    @Test
    void anUnsupportedProviderIsRefused() {
        UnsupportedOperationException e = assertThrows(UnsupportedOperationException.class,
                () -> WireScheduler.create(provider("martian", false, new CountingPoller())));
        assertEquals("poller 'martian' is not supported on this platform", e.getMessage());
        assertThrows(NullPointerException.class, () -> WireScheduler.create(null));
    }

    @Test
    void theSystemPropertyPicksAPollerByName() {
        String before = System.getProperty("jwire.poller");
        try {
            System.setProperty("jwire.poller", "portable");
            try (WireScheduler s = WireScheduler.create()) {
                assertEquals("portable", s.pollerName());
            }
            System.setProperty("jwire.poller", "no-such-poller");
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, WireScheduler::create);
            assertTrue(e.getMessage().startsWith("-Djwire.poller=no-such-poller names no poller; found ["), e.getMessage());
            assertTrue(e.getMessage().contains("portable"), e.getMessage());
        } finally {
            if (before == null) {
                System.clearProperty("jwire.poller");
            } else {
                System.setProperty("jwire.poller", before);
            }
        }
    }

    @Test
    void closeFromAWireEndsTheRunCancelsTheOthersAndClosesThePollerOnTheOwnerThread() {
        CountingPoller poller = new CountingPoller();
        List<String> out = new java.util.ArrayList<>();
        WireScheduler s = WireScheduler.create(provider("counting", true, poller)); // closed from its own wire
        List<Throwable> failures = WireTestHarness.watch(s);
        s.spawn("sleeper", () -> {
            try {
                Wire.sleep(java.time.Duration.ofHours(1));
            } finally {
                out.add("sleeper finally");
            }
        });
        s.spawn("closer", () -> {
            s.close();
            out.add("closer goes on");
        });
        s.run();
        WireTestHarness.rethrow(failures);
        assertTrue(s.isClosed());
        assertEquals(List.of("closer goes on", "sleeper finally"), out);
        assertEquals(1, poller.closes.get(), "closed once, by run() as it ended");
    }
}
