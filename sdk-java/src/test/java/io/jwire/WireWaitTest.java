package io.jwire;

import io.jwire.testing.WireTestHarness;

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
        WireTestHarness.run(s -> {
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
        });
        assertEquals(List.of("waiting", "resume w1: true", "resume w1 again: false", "woken by w1", "waiting again",
                "resume w2: true", "woken by w2", "waiting on w1 only", "resume unchained w2: false",
                "resume w1: true", "woken by w1"), out);
    }

    @Test
    void wakeUpBeforeWaitIsNotLost() {
        boolean[] returned = new boolean[1];
        WireTestHarness.run(s -> {
            WireWait w = new WireWait();
            s.spawn("early", () -> assertFalse(w.resume(), "nobody waited yet"));
            s.spawn("late", () -> {
                w.await();
                returned[0] = true;
            });
        });
        assertTrue(returned[0]);
    }

    @Test
    void stoppedWaitIgnoresResumeUntilReset() {
        WireTestHarness.run(s -> {
            WireWait w = new WireWait();
            w.stop();
            s.spawn("x", () -> {
                assertFalse(w.resume());
                assertFalse(w.isTriggered());
                w.reset();
                w.resume();
                assertTrue(w.isTriggered());
            });
        });
    }

    @Test
    void listReturnsTheFirstTriggeredInChainOrder() {
        WireWait[] got = new WireWait[1];
        WireWait a = new WireWait("a");
        WireWait b = new WireWait("b");
        WireTestHarness.run(s -> {
            WireWaitList list = new WireWaitList();
            list.chain(a);
            list.chain(b);
            s.spawn("waiter", () -> got[0] = list.await());
            s.spawn("resumer", () -> {
                b.resume();
                a.resume();
            });
        });
        assertSame(a, got[0]);
    }

    @Test
    void timeoutIsAListMember() {
        Object[] got = new Object[2];
        WireTestHarness.run(s -> {
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
        });
        assertEquals(true, got[0]);
        assertTrue((long) got[1] >= Duration.ofMillis(20).toNanos());
    }

    @Test
    void misuseFailsLoudly() {
        WireTestHarness.run(s -> {
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
        });
    }

    @Test
    void cancelledWaiterLeavesTheWaitReusable() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
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
        });
        assertEquals(List.of("first cancelled", "third woken"), out);
    }

    @Test
    void stuckReportNamesTheWait() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireWait w = new WireWait("reply from upstream");
            s.spawn("client", w::await);
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("wire 'client' SUSPENDED waiting on wait 'reply from upstream'"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- WireWait in detail

    @Test
    void resumeTellsWhetherItWokeAWaitingWire() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait w = new WireWait("w");
            s.spawn("waiter", () -> {
                w.await();
                out.add("woken");
                w.await(); // still triggered: returns at once
                out.add("again at once");
            });
            s.spawn("resumer", () -> {
                out.add("resume " + w.resume()); // the waiter is suspended in await
                out.add("resume again " + w.resume());
                out.add("triggered " + w.isTriggered());
            });
        });
        assertEquals(List.of("resume true", "resume again false", "triggered true", "woken", "again at once"), out);
    }

    @Test
    void aWaitNamesItsStateAndList() {
        WireWait w = new WireWait();
        assertEquals("wait", w.name());
        assertEquals("wait 'wait'", w.toString());
        assertNull(w.list());
        assertFalse(w.isStopped());
        w.stop();
        assertTrue(w.isStopped());
        assertEquals("wait 'wait' (stopped)", w.toString());
        w.reset();
        assertFalse(w.isStopped());
        WireWaitList list = new WireWaitList();
        list.chain(w);
        assertSame(list, w.list());
        WireTestHarness.inWire(() -> {
            assertFalse(w.resume(), "nobody waits: the trigger is kept, but nobody was woken");
            assertEquals("wait 'wait' (triggered)", w.toString());
        });
        list.unchain(w);
        assertNull(w.list());
        assertThrows(NullPointerException.class, () -> new WireWait(null));
    }

    @Test
    void aResumeOfTheWaitingWireItselfDoesNotEndTheWait() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait w = new WireWait("w");
            Wire waiter = s.spawn("waiter", () -> {
                w.await();
                out.add("woken by the wait");
            });
            s.spawn("poker", () -> {
                waiter.resume(); // a stray wake-up: the wait is not triggered
                Wire.yieldNow();
                Wire.yieldNow();
                out.add("waiter still " + waiter.state());
                w.resume();
            });
        });
        assertEquals(List.of("waiter still SUSPENDED", "woken by the wait"), out);
    }

    @Test
    void aSecondWaiterIsRefusedNamingBothAndTheWaitIsFreeAgainAfterwards() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait w = new WireWait("w");
            s.spawn("first", () -> {
                w.await();
                out.add("first woken");
            });
            s.spawn("second", () -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, w::await);
                assertEquals("wire 'second' cannot await wait 'w': wire 'first' already waits for it; "
                        + "give each waiting wire its own WireWait", e.getMessage());
                w.resume();
                Wire.yieldNow();
                w.reset();
                s.spawn("third", () -> {
                    w.await();
                    out.add("third woken");
                });
                Wire.yieldNow();
                w.resume();
            });
        });
        assertEquals(List.of("first woken", "third woken"), out);
    }

    // ---------------------------------------------------------------- WireWaitList in detail

    @Test
    void chainUnchainAndClearKeepTheChainOrder() {
        WireWait a = new WireWait("a");
        WireWait b = new WireWait("b");
        WireWait c = new WireWait("c");
        WireWaitList list = new WireWaitList();
        assertEquals("wait list []", list.toString());
        assertNull(list.firstTriggered());
        list.chain(a);
        list.chain(b);
        list.chain(c);
        assertEquals(3, list.size());
        assertEquals("wait list [wait 'a', wait 'b', wait 'c']", list.toString());
        list.unchain(b); // middle
        assertEquals("wait list [wait 'a', wait 'c']", list.toString());
        list.unchain(a); // head
        list.chain(b);
        assertEquals("wait list [wait 'c', wait 'b']", list.toString());
        list.unchain(b); // tail
        list.chain(a);
        assertEquals("wait list [wait 'c', wait 'a']", list.toString());
        assertEquals(2, list.size());
        list.clear();
        assertEquals(0, list.size());
        assertEquals("wait list []", list.toString());
        assertNull(a.list());
        assertNull(c.list());
        list.chain(c); // chainable again after the clear: head and tail were reset
        assertEquals("wait list [wait 'c']", list.toString());
        IllegalStateException twice = assertThrows(IllegalStateException.class, () -> list.chain(c));
        assertEquals("wait 'c' is already chained to a wait list; unchain it first", twice.getMessage());
        IllegalStateException stranger = assertThrows(IllegalStateException.class, () -> list.unchain(a));
        assertEquals("wait 'a' is not chained to this wait list", stranger.getMessage());
        assertThrows(NullPointerException.class, () -> list.chain(null));
        assertThrows(NullPointerException.class, () -> list.unchain(null));
    }

    @Test
    void firstTriggeredFollowsTheChainNotTheTriggerOrder() {
        WireWait a = new WireWait("a");
        WireWait b = new WireWait("b");
        WireWait c = new WireWait("c");
        WireWaitList list = new WireWaitList();
        list.chain(a);
        list.chain(b);
        list.chain(c);
        WireTestHarness.inWire(() -> {
            c.resume();
            assertSame(c, list.firstTriggered());
            b.resume();
            assertSame(b, list.firstTriggered());
            assertSame(b, list.await(), "already triggered: at once");
            b.reset();
            assertSame(c, list.await());
        });
    }

    @Test
    void chainingATriggeredWaitWakesTheWireWaitingOnTheList() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWaitList list = new WireWaitList();
            list.chain(new WireWait("never"));
            WireWait late = new WireWait("late");
            s.spawn("waiter", () -> out.add("got " + list.await().name()));
            s.spawn("chainer", () -> {
                late.resume(); // not chained yet: nobody woken
                out.add("chaining");
                list.chain(late);
            });
        });
        assertEquals(List.of("chaining", "got late"), out);
    }

    @Test
    void aResumeOfAMemberWakesTheListWaiterAndAStrayWakeUpDoesNot() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait a = new WireWait("a");
            WireWaitList list = new WireWaitList();
            list.chain(a);
            Wire waiter = s.spawn("waiter", () -> out.add("got " + list.await().name()));
            s.spawn("resumer", () -> {
                waiter.resume(); // stray
                Wire.yieldNow();
                Wire.yieldNow();
                out.add("still " + waiter.state());
                out.add("resume " + a.resume());
            });
        });
        assertEquals(List.of("still SUSPENDED", "resume true", "got a"), out);
    }

    @Test
    void aTimedListWaitReturnsTheMemberOrNullAfterTheTimeout() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait a = new WireWait("a");
            WireWaitList list = new WireWaitList();
            list.chain(a);
            s.spawn("waiter", () -> {
                long t0 = System.nanoTime();
                assertNull(list.await(Duration.ofMillis(20)));
                assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(20).toNanos(), "gave up early");
                out.add("timed out");
                out.add("got " + list.await(Duration.ofSeconds(10)).name());
                out.add("at once " + list.await(Duration.ZERO).name());
                assertNull(new WireWaitList().await(Duration.ofMillis(1)), "an empty list may be awaited with a timeout");
            });
            s.spawn("resumer", () -> {
                Wire.sleep(Duration.ofMillis(40));
                a.resume();
            });
        });
        assertEquals(List.of("timed out", "got a", "at once a"), out);
    }

    @Test
    void aSecondListWaiterIsRefusedAndACancelledWaiterFreesTheList() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait a = new WireWait("a");
            WireWaitList list = new WireWaitList();
            list.chain(a);
            Wire first = s.spawn("first", () -> {
                try {
                    list.await();
                } catch (WireCancelledException e) {
                    out.add("first cancelled");
                }
            });
            s.spawn("second", () -> {
                IllegalStateException e = assertThrows(IllegalStateException.class, list::await);
                assertEquals("wire 'second' cannot await this wait list: wire 'first' already does", e.getMessage());
                IllegalStateException timed = assertThrows(IllegalStateException.class, () -> list.await(Duration.ofMillis(1)));
                assertEquals(e.getMessage(), timed.getMessage());
                first.cancel();
                Wire.yieldNow();
                a.resume();
                out.add("second got " + list.await().name());
            });
        });
        assertEquals(List.of("first cancelled", "second got a"), out);
    }

    @Test
    void anEmptyListAwaitNamesTheWire() {
        WireTestHarness.run(s -> s.spawn("lonely", () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> new WireWaitList().await());
            assertEquals("wire 'lonely' awaits an empty wait list, which would wait forever; chain a WireWait first",
                    e.getMessage());
        }));
        assertThrows(NotInWireException.class, () -> new WireWaitList().await(Duration.ofMillis(1)));
    }

    @Test
    void aMemberTriggeredAfterTheDeadlineButBeforeTheWaiterRunsIsStillReturned() {
        WireWait[] got = new WireWait[1];
        WireTestHarness.run(s -> {
            WireWait member = new WireWait("late member");
            WireWaitList list = new WireWaitList();
            list.chain(member);
            s.spawn("waiter", () -> got[0] = list.await(Duration.ofMillis(5)));
            s.spawn("hog", () -> {
                long until = System.nanoTime() + Duration.ofMillis(30).toNanos();
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait(); // holds the scheduler past the waiter's deadline, on purpose
                }
                member.resume();
            });
        });
        assertEquals("late member", got[0] == null ? null : got[0].name(), "the deadline passed, but a member is triggered");
    }
}
