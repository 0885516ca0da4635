package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireWait, WireWaitList and WireTimeout, including libwire's "wait" test program. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireWaitTest {

    /** libwire test/wait.c: resume wakes, a second resume is a no-op, reset re-arms, unchain removes. */
    @Test
    void libwireWaitProgram() {
        List<String> out = new ArrayList<>();
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w1 = new WireWait("w1");
            WireWait w2 = new WireWait("w2");
            WireWaitList list = new WireWaitList();
            list.chain(w1);
            list.chain(w2);
            s.spawn("waiter", () -> {
                out.add("waiting");
                out.add("woken by " + list.await().name());
                w1.reset();
                out.add("waiting again");
                out.add("woken by " + list.await().name());
                list.unchain(w2);
                w2.reset();
                out.add("waiting on w1 only");
                out.add("woken by " + list.await().name());
            });
            s.spawn("resumer", () -> {
                out.add("resume w1: " + w1.resume());
                out.add("resume w1 again: " + w1.resume());
                Wire.yieldNow();
                out.add("resume w2: " + w2.resume());
                Wire.yieldNow();
                w2.reset();
                out.add("resume unchained w2: " + w2.resume());
                out.add("resume w1: " + w1.resume());
            });
            s.run();
        }
        assertEquals(List.of("waiting", "resume w1: true", "resume w1 again: false", "woken by w1", "waiting again",
                "resume w2: true", "woken by w2", "waiting on w1 only", "resume unchained w2: false",
                "resume w1: true", "woken by w1"), out);
    }

    @Test
    void wakeUpBeforeWaitIsNotLost() {
        boolean[] returned = new boolean[1];
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w = new WireWait();
            s.spawn("early", () -> assertFalse(w.resume(), "nobody waited yet"));
            s.spawn("late", () -> {
                w.await();
                returned[0] = true;
            });
            s.run();
        }
        assertTrue(returned[0]);
    }

    @Test
    void stoppedWaitIgnoresResumeUntilReset() {
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w = new WireWait();
            w.stop();
            s.spawn("x", () -> {
                assertFalse(w.resume());
                assertFalse(w.isTriggered());
                w.reset();
                w.resume();
                assertTrue(w.isTriggered());
            });
            s.run();
        }
    }

    @Test
    void listReturnsTheFirstTriggeredInChainOrder() {
        WireWait[] got = new WireWait[1];
        WireWait a = new WireWait("a");
        WireWait b = new WireWait("b");
        try (WireScheduler s = WireScheduler.create()) {
            WireWaitList list = new WireWaitList();
            list.chain(a);
            list.chain(b);
            s.spawn("waiter", () -> got[0] = list.await());
            s.spawn("resumer", () -> {
                b.resume();
                a.resume();
            });
            s.run();
        }
        assertSame(a, got[0]);
    }

    @Test
    void timeoutIsAListMember() {
        Object[] got = new Object[2];
        try (WireScheduler s = WireScheduler.create()) {
            s.spawn("waiter", () -> {
                WireWait never = new WireWait("never");
                WireWaitList list = new WireWaitList();
                list.chain(never);
                long t0 = System.nanoTime();
                try (WireTimeout t = WireTimeout.after(Duration.ofMillis(20))) {
                    list.chain(t.asWait());
                    got[0] = list.await() == t.asWait();
                    assertTrue(t.isExpired());
                }
                got[1] = System.nanoTime() - t0;
                list.clear();
                list.chain(never);
                assertNull(list.await(Duration.ofMillis(5)));
                assertEquals(1, list.size());
            });
            s.run();
        }
        assertEquals(true, got[0]);
        assertTrue((long) got[1] >= Duration.ofMillis(20).toNanos());
    }

    @Test
    void misuseFailsLoudly() {
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w = new WireWait("w");
            WireWaitList l1 = new WireWaitList();
            WireWaitList l2 = new WireWaitList();
            l1.chain(w);
            assertThrows(IllegalStateException.class, () -> l2.chain(w));
            assertThrows(IllegalStateException.class, () -> l2.unchain(w));
            assertThrows(NotInWireException.class, w::await);
            s.spawn("empty", () -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WireWaitList().await());
                assertTrue(e.getMessage().contains("'empty'"));
            });
            s.spawn("t", () -> assertThrows(IllegalArgumentException.class, () -> WireTimeout.after(Duration.ofMillis(-1))));
            s.run();
        }
    }

    @Test
    void cancelledWaiterLeavesTheWaitReusable() {
        List<String> out = new ArrayList<>();
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w = new WireWait("w");
            Wire first = s.spawn("first", () -> {
                try {
                    w.await();
                } catch (WireCancelledException e) {
                    out.add("first cancelled");
                }
            });
            s.spawn("second", () -> {
                first.cancel();
                Wire.yieldNow();
                s.spawn("third", () -> {
                    w.await();
                    out.add("third woken");
                });
                Wire.yieldNow();
                w.resume();
            });
            s.run();
        }
        assertEquals(List.of("first cancelled", "third woken"), out);
    }

    @Test
    void stuckReportNamesTheWait() {
        try (WireScheduler s = WireScheduler.create()) {
            WireWait w = new WireWait("reply from upstream");
            s.spawn("client", w::await);
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            assertTrue(e.getMessage().contains("wire 'client' SUSPENDED waiting on wait 'reply from upstream'"), e.getMessage());
        }
    }
}
