package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.spi.WirePoller;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * WaitQueue on its own, with scripted waiters instead of wires: FIFO links, removal anywhere,
 * wake-ups with a status and a value, and every way {@link WaitQueue#await} can end.
 */
class WaitQueueTest {

    /** Thrown by a scripted park as jwire's cancellation would be. */
    static final class Cancelled extends RuntimeException {
        private static final long serialVersionUID = 1L;
    }

    /** What a scripted park does: runs on each park and returns parkUntil's result. */
    interface Step {
        boolean park(Scripted me);
    }

    /** A waiter whose parks run a script, and which records what was done to it. */
    static class Scripted extends Waiter {
        final String name;
        final List<String> log = new ArrayList<>();
        final List<Step> script = new ArrayList<>();
        int parks;

        Scripted(String name) {
            this.name = name;
        }

        Scripted then(Step step) {
            script.add(step);
            return this;
        }

        private boolean step(String how, Object blocker) {
            log.add(how + " on " + blocker);
            if (parks >= script.size()) {
                throw new AssertionError(name + " parked more often than scripted: " + log);
            }
            return script.get(parks++).park(this);
        }

        @Override
        public void park(Object blocker) {
            step("park", blocker);
        }

        @Override
        public boolean parkUntil(Object blocker, long deadline) {
            return step("parkUntil " + deadline, blocker);
        }

        @Override
        public boolean unwakeIfNext() {
            return false;
        }

        @Override
        public void parkIdle(Object blocker) {
            step("parkIdle", blocker);
        }

        @Override
        public void wake() {
            log.add("wake " + status);
        }

        @Override
        public void requeue() {
            log.add("requeue");
        }

        @Override
        public void deferCancel() {
            log.add("deferCancel");
        }

        @Override
        public boolean isCancellation(Throwable t) {
            return t instanceof Cancelled;
        }

        @Override
        public void rename(String newName) {
        }

        @Override
        public void reportFailure(Throwable failure) {
        }

        @Override
        public String wireName() {
            return name;
        }

        @Override
        public Object scheduler() {
            return null;
        }

        @Override
        public WirePoller poller() {
            return null;
        }

        @Override
        public void post(Runnable task) {
        }

        @Override
        public Object wire() {
            return null;
        }
    }

    private static List<Scripted> drain(WaitQueue q) {
        List<Scripted> out = new ArrayList<>();
        for (Waiter w; (w = q.poll()) != null; ) {
            out.add((Scripted) w);
        }
        return out;
    }

    @Test
    void addPeekPollAreFifo() {
        WaitQueue q = new WaitQueue();
        assertTrue(q.isEmpty());
        assertNull(q.peek());
        assertNull(q.poll());
        Scripted a = new Scripted("a");
        Scripted b = new Scripted("b");
        Scripted c = new Scripted("c");
        q.add(a);
        q.add(b);
        q.add(c);
        assertFalse(q.isEmpty());
        assertEquals(3, q.size());
        assertSame(a, q.peek());
        assertTrue(a.isQueued());
        assertSame(a, q.poll());
        assertFalse(a.isQueued());
        assertEquals(2, q.size());
        assertEquals(List.of(b, c), drain(q));
        assertTrue(q.isEmpty());
        assertEquals(0, q.size());
    }

    @Test
    void removeWorksAtHeadMiddleAndTailAndIgnoresStrangers() {
        for (int victim = 0; victim < 3; victim++) {
            WaitQueue q = new WaitQueue();
            Scripted[] w = {new Scripted("a"), new Scripted("b"), new Scripted("c")};
            for (Scripted s : w) {
                q.add(s);
            }
            q.remove(w[victim]);
            assertFalse(w[victim].isQueued());
            assertEquals(2, q.size());
            List<Scripted> rest = new ArrayList<>(List.of(w));
            rest.remove(victim);
            q.add(w[victim]); // re-added at the back: its links were cleared
            rest.add(w[victim]);
            assertEquals(rest, drain(q), "victim " + victim);
        }
        WaitQueue q = new WaitQueue();
        WaitQueue other = new WaitQueue();
        Scripted a = new Scripted("a");
        Scripted stranger = new Scripted("stranger");
        q.add(a);
        other.add(stranger);
        q.remove(stranger); // not in q: nothing happens, to either queue
        q.remove(new Scripted("never queued"));
        assertEquals(1, q.size());
        assertEquals(1, other.size());
        assertTrue(stranger.isQueued());
        assertEquals(List.of(a), drain(q));
        assertEquals(List.of(stranger), drain(other));
    }

    @Test
    void removingTheOnlyWaiterEmptiesTheQueue() {
        WaitQueue q = new WaitQueue();
        Scripted a = new Scripted("a");
        q.add(a);
        q.remove(a);
        assertTrue(q.isEmpty());
        assertNull(q.peek());
        Scripted b = new Scripted("b");
        q.add(b); // head and tail were both cleared
        assertEquals(List.of(b), drain(q));
    }

    @Test
    void wakeFirstSetsValueAndStatusBeforeWaking() {
        WaitQueue q = new WaitQueue();
        Scripted a = new Scripted("a");
        Scripted b = new Scripted("b");
        q.add(a);
        q.add(b);
        assertSame(a, q.wakeFirst(Waiter.GRANTED, "v"));
        assertEquals("v", a.value);
        assertEquals(Waiter.GRANTED, a.status);
        assertEquals(List.of("wake " + Waiter.GRANTED), a.log, "status is set before the wake");
        assertFalse(a.isQueued());
        assertEquals(1, q.size());
        q.wakeAll(Waiter.CLOSED);
        assertEquals(List.of("wake " + Waiter.CLOSED), b.log);
        assertNull(b.value);
        assertTrue(q.isEmpty());
        assertNull(q.wakeFirst(Waiter.GRANTED, "nobody"));
    }

    @Test
    void wakeAllWakesEveryWaiterInOrder() {
        WaitQueue q = new WaitQueue();
        List<String> order = new ArrayList<>();
        for (String n : List.of("a", "b", "c")) {
            q.add(new Scripted(n) {
                @Override
                public void wake() {
                    order.add(name + " " + status);
                }
            });
        }
        q.wakeAll(Waiter.CLOSED);
        assertEquals(List.of("a 3", "b 3", "c 3"), order);
        assertTrue(q.isEmpty());
    }

    @Test
    void awaitReturnsWhatTheWakerGrantedAndLeavesTheQueue() {
        WaitQueue q = new WaitQueue();
        Scripted me = new Scripted("me");
        me.status = Waiter.CLOSED; // a stale outcome of an earlier wait must not end this one
        me.then(w -> {
            assertTrue(w.isQueued(), "parked while queued");
            assertEquals(Waiter.WAITING, w.status);
            q.wakeFirst(Waiter.GRANTED, 42);
            return true;
        });
        assertEquals(Waiter.GRANTED, q.await(me, "site", false, 0L));
        assertEquals(42, me.value);
        assertFalse(me.isQueued());
        assertEquals("park on site", me.log.get(0));
    }

    @Test
    void awaitParksAgainAfterAnEarlyReturn() {
        WaitQueue q = new WaitQueue();
        Scripted me = new Scripted("me");
        me.then(w -> true) // woken for nothing
                .then(w -> true)
                .then(w -> {
                    q.wakeFirst(Waiter.CLOSED, null);
                    return true;
                });
        assertEquals(Waiter.CLOSED, q.await(me, "site", false, 0L));
        assertEquals(3, me.parks);
        me.parks = 0;
        me.log.clear();
        me.script.clear();
        // the same for a timed wait that returns early before its deadline
        me.then(w -> true).then(w -> {
            q.wakeFirst(Waiter.GRANTED, null);
            return true;
        });
        assertEquals(Waiter.GRANTED, q.await(me, "site", true, 77L));
        assertEquals(List.of("parkUntil 77 on site", "parkUntil 77 on site", "wake " + Waiter.GRANTED), me.log);
    }

    @Test
    void aPassedDeadlineLeavesTheQueueTimedOut() {
        WaitQueue q = new WaitQueue();
        Scripted before = new Scripted("before");
        Scripted me = new Scripted("me");
        Scripted after = new Scripted("after");
        q.add(before);
        me.then(w -> {
            q.add(after);
            return false; // the deadline passed
        });
        assertEquals(Waiter.TIMED_OUT, q.await(me, "site", true, 5L));
        assertEquals(Waiter.TIMED_OUT, me.status);
        assertFalse(me.isQueued());
        assertEquals(List.of(before, after), drain(q), "only the timed-out waiter left");
    }

    @Test
    void aWakeThatCameWithTheDeadlineWins() {
        WaitQueue q = new WaitQueue();
        Scripted me = new Scripted("me");
        me.then(w -> {
            q.wakeFirst(Waiter.GRANTED, "late but given");
            return false; // deadline passed too, after the wake
        });
        assertEquals(Waiter.GRANTED, q.await(me, "site", true, 5L));
        assertEquals("late but given", me.value);
    }

    @Test
    void anExceptionWhileWaitingLeavesTheQueueAndPropagates() {
        WaitQueue q = new WaitQueue();
        Scripted other = new Scripted("other");
        Scripted me = new Scripted("me");
        me.then(w -> {
            q.add(other);
            throw new Cancelled();
        });
        assertThrows(Cancelled.class, () -> q.await(me, "site", false, 0L));
        assertFalse(me.isQueued());
        assertEquals(0, me.status, "no outcome: the wait did not complete");
        assertFalse(me.log.contains("deferCancel"));
        assertEquals(List.of(other), drain(q));

        Scripted failing = new Scripted("failing");
        failing.then(w -> {
            throw new IllegalStateException("boom");
        });
        assertThrows(IllegalStateException.class, () -> q.await(failing, "site", true, 1L));
        assertFalse(failing.isQueued());
        assertTrue(q.isEmpty());
    }

    @Test
    void aCancelAfterTheGrantKeepsTheGrantAndDefersTheCancel() {
        WaitQueue q = new WaitQueue();
        Scripted me = new Scripted("me");
        me.then(w -> {
            q.wakeFirst(Waiter.GRANTED, "kept");
            throw new Cancelled(); // the cancel arrived at the same switch
        });
        assertEquals(Waiter.GRANTED, q.await(me, "site", false, 0L));
        assertEquals("kept", me.value);
        assertTrue(me.log.contains("deferCancel"));
    }

    @Test
    void anyOtherExceptionAfterTheGrantPropagates() {
        WaitQueue q = new WaitQueue();
        Scripted me = new Scripted("me");
        me.then(w -> {
            q.wakeFirst(Waiter.GRANTED, "x");
            throw new IllegalStateException("not a cancel");
        });
        assertThrows(IllegalStateException.class, () -> q.await(me, "site", false, 0L));
        assertFalse(me.log.contains("deferCancel"));
        assertEquals(Waiter.GRANTED, me.status, "the grant is not undone");
    }
}
