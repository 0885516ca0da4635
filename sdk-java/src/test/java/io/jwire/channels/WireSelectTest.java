package io.jwire.channels;

import io.jwire.Wire;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.WireWait;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireSelect: the first ready of several channels, waits and a timeout, through the wait list. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSelectTest {

    @Test
    void receivesFromWhicheverChannelIsReadyThenTimesOut() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> a = WireChannel.rendezvous("a");
            WireChannel<String> b = WireChannel.buffered("b", 4);
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    int fromA = select.onReceive(a);
                    int fromB = select.onReceive(b);
                    for (;;) {
                        int i = select.await(Duration.ofMillis(30));
                        if (i == -1) {
                            out.add("timeout");
                            break;
                        }
                        out.add((i == fromA ? "a: " : i == fromB ? "b: " : "?") + select.value());
                    }
                }
            });
            s.spawn("senders", () -> {
                b.send("b1");
                a.send("a1"); // blocks until the selector takes it
                b.send("b2");
                b.send("b3");
            });
        });
        assertEquals(List.of("a: a1", "b: b1", "b: b2", "b: b3", "timeout"), out); // registration order wins
    }

    @Test
    void chainedWaitAndSendMember() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> out1 = WireChannel.rendezvous("out");
            WireWait stop = new WireWait("stop");
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    int send = select.onSend(out1, 0);
                    int stopped = select.onWait(stop);
                    for (int n = 1; ; n++) {
                        int i = select.await();
                        if (i == stopped) {
                            out.add("stopped");
                            return;
                        }
                        assertEquals(send, i);
                        select.setSendValue(send, n);
                    }
                }
            });
            s.spawn("receiver", () -> {
                for (int k = 0; k < 3; k++) {
                    out.add("got " + out1.receive());
                }
                stop.resume();
            });
        });
        assertEquals(List.of("got 0", "got 1", "got 2", "stopped"), out);
    }

    @Test
    void closedChannelCompletesWithNullValue() {
        Object[] got = new Object[2];
        WireTestHarness.run(s -> {
            WireChannel<String> c = WireChannel.rendezvous("c");
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    got[0] = select.onReceive(c) == select.await();
                    got[1] = select.value();
                }
            });
            s.spawn("closer", c::close);
        });
        assertEquals(true, got[0]);
        assertNull(got[1]);
    }

    @Test
    void stuckSelectShowsItsWaitList() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireChannel<String> c = WireChannel.rendezvous("orders");
            s.spawn("selector", () -> {
                WireSelect select = new WireSelect();
                select.onReceive(c);
                select.await();
            });
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("wire 'selector' SUSPENDED waiting on wait list [wait 'receive from channel 'orders'']"),
                    e.getMessage());
        }
    }

    @Test
    void misuse() {
        WireTestHarness.run(s -> {
            s.spawn("x", () -> {
                WireSelect empty = new WireSelect();
                assertTrue(assertThrows(IllegalStateException.class, empty::await).getMessage().contains("'x'"));
                empty.close();
                assertThrows(IllegalStateException.class, () -> empty.onReceive(WireChannel.rendezvous()));
                assertThrows(IllegalArgumentException.class, () -> new WireSelect().await(Duration.ofMillis(-1)));
            });
        });
    }

    @Test
    void memberIndicesFollowRegistrationAndSendMembersSendTheirCurrentValue() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> in = WireChannel.buffered("in", 1);
            WireChannel<String> outbox = WireChannel.buffered("outbox", 1);
            WireWait never = new WireWait("never");
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    assertEquals(0, select.onWait(never));
                    assertEquals(1, select.onReceive(in));
                    int send = select.onSend(outbox, "first");
                    assertEquals(2, send);
                    assertEquals(send, select.await(), "room in the outbox: the send completes");
                    assertNull(select.value(), "a send member has no value");
                    assertEquals("first", outbox.tryReceive());
                    select.setSendValue(send, "second");
                    assertEquals(send, select.await());
                    assertEquals("second", outbox.tryReceive());
                    IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> select.setSendValue(1, "x"));
                    assertEquals("select member 1 is not a send member", e.getMessage());
                    assertThrows(NullPointerException.class, () -> select.setSendValue(send, null));
                    assertThrows(NullPointerException.class, () -> select.onSend(outbox, null));
                    out.add("done");
                }
            });
        });
        assertEquals(List.of("done"), out);
    }

    @Test
    void aSelectWaitingToReceiveWakesForABufferedValueABlockedSenderAndAClose() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> buffered = WireChannel.buffered("buffered", 2);
            WireChannel<String> rendezvous = WireChannel.rendezvous("rendezvous");
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    int b = select.onReceive(buffered);
                    int r = select.onReceive(rendezvous);
                    for (int k = 0; k < 4; k++) {
                        int i = select.await();
                        out.add((i == b ? "buffered " : i == r ? "rendezvous " : "? ") + select.value());
                    }
                }
            });
            s.spawn("feeder", () -> {
                assertTrue(buffered.trySend("one")); // a buffered value wakes the selector
                Wire.yieldNow();
                rendezvous.send("two"); // a blocked sender wakes it
                buffered.send("three", Duration.ofSeconds(1)); // room: at once
                Wire.yieldNow();
                rendezvous.close(); // a close wakes it: the member completes with null
            });
        });
        assertEquals(List.of("buffered one", "rendezvous two", "buffered three", "rendezvous null"), out);
    }

    @Test
    void aSelectWaitingToSendWakesForABlockedReceiverAFreedSlotAndAClose() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> full = WireChannel.buffered("full", 1);
            WireChannel<Integer> rendezvous = WireChannel.rendezvous("rendezvous");
            s.spawn("selector", () -> {
                assertTrue(full.trySend(0));
                try (WireSelect select = new WireSelect()) {
                    int f = select.onSend(full, 1);
                    int r = select.onSend(rendezvous, 2);
                    for (int k = 0; k < 2; k++) {
                        int i = select.await();
                        out.add(i == f ? "sent to full" : i == r ? "sent to rendezvous" : "?");
                    }
                    rendezvous.close();
                    assertThrows(ChannelClosedException.class, select::await, "a closed channel fails a send member");
                }
            });
            s.spawn("receiver", () -> {
                out.add("receiver got " + rendezvous.receive()); // blocks: wakes the selector, which hands 2 over
                out.add("drained " + full.receive()); // frees a slot: wakes the selector again
            });
        });
        // a select's send does not yield to the receiver, so the selector reports first
        assertEquals(List.of("sent to rendezvous", "receiver got 2", "drained 0", "sent to full"), out);
    }

    @Test
    void closingASelectIsIdempotentAndWorksWithWaitMembersAndWithoutATimedAwait() {
        WireTestHarness.inWire(() -> {
            WireChannel<String> ch = WireChannel.buffered("c", 1);
            WireWait w = new WireWait("w");
            WireSelect select = new WireSelect();
            select.onWait(w);
            select.onReceive(ch);
            select.close(); // no timed await happened: no timeout to cancel
            select.close();
            assertNull(w.list(), "the wait member is unchained");
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> select.onReceive(ch));
            assertEquals("this select is closed; create a new WireSelect", e.getMessage());
            assertThrows(IllegalStateException.class, select::await);
            assertThrows(IllegalStateException.class, () -> select.onWait(new WireWait()));
        });
    }

    /** A timed select that completes at once leaves no timer behind: a stuck program is reported at once. */
    @Test
    void aTimedSelectThatCompletesLeavesNoTimerBehind() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireChannel<String> ch = WireChannel.buffered("c", 1);
            s.spawn("selector", () -> {
                assertTrue(ch.trySend("ready"));
                WireSelect select = new WireSelect(); // left open: await itself must disarm its timeout
                select.onReceive(ch);
                assertEquals(0, select.await(Duration.ofSeconds(20)));
                Wire.suspend("nothing"); // stuck: with a 20 s timer left armed, the report would come 20 s late
            });
            long t0 = System.nanoTime();
            assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(System.nanoTime() - t0 < Duration.ofSeconds(10).toNanos(), "the stuck report waited for a stale timer");
        }
    }

    @Test
    void aBufferedValueAloneWakesAWaitingSelect() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.buffered("c", 1);
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    select.onReceive(ch);
                    assertEquals("select wait list [wait 'receive from channel 'c'']", select.toString());
                    select.await();
                    out.add("got " + select.value());
                }
            });
            s.spawn("feeder", () -> assertTrue(ch.trySend("only")));
        });
        assertEquals(List.of("got only"), out);
    }

    @Test
    void aCloseWakesASelectWaitingToSend() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> full = WireChannel.buffered("full", 1);
            s.spawn("selector", () -> {
                assertTrue(full.trySend("taken"));
                try (WireSelect select = new WireSelect()) {
                    select.onSend(full, "more");
                    ChannelClosedException e = assertThrows(ChannelClosedException.class, select::await);
                    out.add(e.getMessage());
                }
            });
            s.spawn("closer", full::close);
        });
        assertEquals(List.of("cannot select send on channel 'full' in wire 'selector': it is closed; the value was not delivered"),
                out);
    }
}
