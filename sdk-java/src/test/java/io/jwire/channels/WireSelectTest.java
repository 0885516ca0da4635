package io.jwire.channels;

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
}
