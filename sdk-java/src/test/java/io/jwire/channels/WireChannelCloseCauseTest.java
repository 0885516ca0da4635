package io.jwire.channels;

import io.jwire.Wire;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * WireChannel.close(Throwable): receivers drain the buffer, then fail with the cause; senders, iteration and
 * both selects report it the same way; the first close wins.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireChannelCloseCauseTest {

    @Test
    void receiversDrainTheBufferThenFailWithTheCause() {
        IllegalStateException cause = new IllegalStateException("producer failed");
        WireTestHarness.inWire(() -> {
            WireChannel<Integer> ch = WireChannel.buffered("results", 3);
            ch.send(1);
            ch.send(2);
            ch.close(cause);
            assertTrue(ch.isClosed());
            assertSame(cause, ch.closeCause());
            assertEquals(1, ch.receive());
            assertEquals(2, ch.receive(Duration.ofMillis(10)));
            assertTrue(ch.isClosedForReceive());
            ChannelClosedException e = assertThrows(ChannelClosedException.class, ch::receive);
            assertSame(cause, e.getCause());
            assertEquals("channel 'results' is closed and drained with cause " + cause + ": wire 'main' has nothing "
                    + "left to receive; the cause says why the channel was closed", e.getMessage());
            assertSame(cause, assertThrows(ChannelClosedException.class, () -> ch.receive(Duration.ofMillis(10))).getCause());
            assertNull(ch.receiveOrNull());
            assertNull(ch.tryReceive());
            assertEquals("channel 'results' (0/3 buffered, closed with " + cause + ")", ch.toString());
        });
    }

    @Test
    void blockedReceiversWakeWithTheCause() {
        RuntimeException cause = new RuntimeException("disk gone");
        List<Object> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("lines");
            s.spawn("receiver", () -> {
                ChannelClosedException e = assertThrows(ChannelClosedException.class, ch::receive);
                out.add(e.getCause());
            });
            s.spawn("orNull", () -> out.add(String.valueOf(ch.receiveOrNull())));
            s.spawn("closer", () -> ch.close(cause));
        });
        assertEquals(List.of(cause, "null"), out);
    }

    @Test
    void sendersLearnTheCauseToo() {
        RuntimeException cause = new RuntimeException("consumer gave up");
        List<Object> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("jobs");
            s.spawn("blocked sender", () -> {
                ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.send("a"));
                out.add(e.getCause());
                assertTrue(e.getMessage().startsWith("channel 'jobs' was closed with cause " + cause
                        + " while wire 'blocked sender' was sending; the value a"), e.getMessage());
            });
            s.spawn("closer", () -> {
                ch.close(cause);
                out.add(assertThrows(ChannelClosedException.class, () -> ch.send("b")).getCause());
                ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.trySend("c"));
                out.add(e.getCause());
                assertEquals("cannot trySend on channel 'jobs' in wire 'closer': it is closed with cause " + cause
                        + "; the value was not delivered", e.getMessage());
            });
        });
        assertEquals(List.of(cause, cause, cause), out);
    }

    @Test
    void iterationEndsNormallyAfterCloseButThrowsTheCauseAfterCloseWithACause() {
        IllegalArgumentException cause = new IllegalArgumentException("bad input");
        List<Object> out = new ArrayList<>();
        WireTestHarness.inWire(() -> {
            WireChannel<Integer> ok = WireChannel.buffered(2);
            ok.send(1);
            ok.close();
            for (int v : ok) {
                out.add(v);
            }
            out.add("end");
            WireChannel<Integer> failed = WireChannel.buffered(2);
            failed.send(2);
            failed.send(3);
            failed.close(cause);
            Iterator<Integer> it = failed.iterator();
            try {
                while (it.hasNext()) {
                    out.add(it.next());
                }
                out.add("ended normally");
            } catch (ChannelClosedException e) {
                out.add(e.getCause());
            }
        });
        assertEquals(List.of(1, "end", 2, 3, cause), out);
    }

    @Test
    void onlyTheFirstCloseCounts() {
        RuntimeException first = new RuntimeException("first");
        WireTestHarness.inWire(() -> {
            WireChannel<Integer> plain = WireChannel.rendezvous("plain");
            plain.close();
            plain.close(first);
            assertNull(plain.closeCause());
            assertNull(assertThrows(ChannelClosedException.class, plain::receive).getCause());

            WireChannel<Integer> caused = WireChannel.rendezvous("caused");
            assertNull(caused.closeCause());
            caused.close(first);
            caused.close(new RuntimeException("second"));
            caused.close();
            assertSame(first, caused.closeCause());

            NullPointerException npe = assertThrows(NullPointerException.class, () -> WireChannel.rendezvous("n").close(null));
            assertEquals("close(cause) on channel 'n' needs a cause; use close() for a normal end", npe.getMessage());
        });
    }

    @Test
    void theTypedSelectThrowsTheCauseOrLetsOnClosedReadIt() {
        IllegalStateException cause = new IllegalStateException("feed failed");
        List<Object> out = new ArrayList<>();
        WireTestHarness.inWire(() -> {
            WireChannel<String> orders = WireChannel.buffered("orders", 1);
            orders.send("o1");
            orders.close(cause);
            WireSelectBuilder<String> withoutOnClosed = WireSelect.<String>builder().onReceive(orders, o -> "order " + o);
            out.add(withoutOnClosed.await());
            ChannelClosedException e = assertThrows(ChannelClosedException.class, withoutOnClosed::await);
            out.add(e.getCause());
            assertTrue(e.getMessage().startsWith("channel 'orders' is closed and drained with cause " + cause
                    + ": the select in wire 'main'"), e.getMessage());

            out.add(WireSelect.<String>builder()
                    .onReceive(orders, o -> "order " + o)
                    .onClosed(orders, () -> "closed: " + orders.closeCause().getMessage())
                    .await());

            WireChannel<String> log = WireChannel.buffered("log", 1);
            log.close(cause);
            out.add(assertThrows(ChannelClosedException.class,
                    () -> WireSelect.<String>builder().onSend(log, "x", () -> "sent").await()).getCause());
        });
        assertEquals(List.of("order o1", cause, "closed: feed failed", cause), out);
    }

    @Test
    void theIndexSelectReportsTheCloseWithANullValueAndTheChannelKeepsTheCause() {
        RuntimeException cause = new RuntimeException("gone");
        WireTestHarness.run(s -> {
            WireChannel<String> a = WireChannel.rendezvous("a");
            s.spawn("selector", () -> {
                try (WireSelect select = new WireSelect()) {
                    int fromA = select.onReceive(a);
                    assertEquals(fromA, select.await());
                    assertNull(select.value());
                    assertSame(cause, a.closeCause());
                }
            });
            s.spawn("closer", () -> {
                Wire.yieldNow();
                a.close(cause);
            });
        });
    }
}
