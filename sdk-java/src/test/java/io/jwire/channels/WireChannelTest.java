package io.jwire.channels;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.WireWait;
import io.jwire.testing.StressScale;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireChannel: libwire's channel and waiters programs, buffering, close, timeouts, cancellation, stress. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireChannelTest {

    /** libwire test/channel.c: the consumer runs before the producer's send returns. */
    @Test
    void libwireChannelProgramConsumerFirst() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> ch = WireChannel.rendezvous("numbers");
            s.spawn("consumer", () -> {
                out.add("Consumer waiting");
                out.add("Consumer got " + ch.receive());
            });
            s.spawn("producer", () -> {
                out.add("Producer sending 42");
                ch.send(42);
                out.add("Producer finished");
            });
        });
        assertEquals(List.of("Consumer waiting", "Producer sending 42", "Consumer got 42", "Producer finished"), out);
    }

    @Test
    void libwireChannelProgramProducerFirst() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> ch = WireChannel.rendezvous("numbers");
            s.spawn("producer", () -> {
                out.add("Producer sending 42");
                ch.send(42);
                out.add("Producer finished");
            });
            s.spawn("consumer", () -> {
                out.add("Consumer waiting");
                out.add("Consumer got " + ch.receive());
            });
        });
        assertEquals(List.of("Producer sending 42", "Consumer waiting", "Consumer got 42", "Producer finished"), out);
    }

    /**
     * libwire test/waiters.c: the master sends a fresh reply channel over the io channel and
     * waits on it; io sleeps, then replies with a value that counts down, until it is negative.
     */
    @Test
    void libwireWaitersProgram() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<WireChannel<Integer>> io = WireChannel.rendezvous("io");
            s.spawn("master", () -> {
                int val = 0;
                while (val >= 0) {
                    WireChannel<Integer> reply = WireChannel.rendezvous("reply");
                    io.send(reply);
                    val = reply.receive();
                    out.add("Got " + val);
                }
                io.close();
            });
            s.spawn("io", () -> {
                int val = 1;
                for (WireChannel<Integer> reply : io) {
                    Wire.sleep(Duration.ofMillis(5));
                    reply.send(val);
                    out.add("io sent " + val);
                    val--;
                }
            });
        });
        assertEquals(List.of("Got 1", "io sent 1", "Got 0", "io sent 0", "Got -1", "io sent -1"), out);
    }

    record Request(int number, WireChannel<String> replyTo) {
    }

    /** libwire test/waiters.c: clients send requests carrying their own reply channel to one server. */
    @Test
    void libwireWaitersProgramRequestReply() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Request> requests = WireChannel.rendezvous("requests");
            s.spawn("server", () -> {
                for (Request r : requests) {
                    out.add("server got " + r.number());
                    r.replyTo().send("reply " + r.number());
                }
                out.add("server done");
            });
            int[] pending = {3};
            for (int i = 1; i <= 3; i++) {
                int n = i;
                s.spawn("client " + n, () -> {
                    WireChannel<String> reply = WireChannel.rendezvous("reply to client " + n);
                    out.add("client " + n + " sends");
                    requests.send(new Request(n, reply));
                    out.add("client " + n + " got " + reply.receive());
                    if (--pending[0] == 0) {
                        requests.close();
                    }
                });
            }
        });
        assertEquals(List.of(
                "client 1 sends", "client 2 sends", "client 3 sends",
                "server got 1", "client 1 got reply 1",
                "server got 2", "client 2 got reply 2",
                "server got 3", "client 3 got reply 3",
                "server done"), out);
    }

    @Test
    void tryReceiveAndTrySendNeverWait() {
        List<String> got = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("r");
            s.spawn("a", () -> {
                assertNull(ch.tryReceive(), "nothing sent yet");
                assertFalse(ch.trySend("x"), "no receiver waits on a rendezvous channel");
                Wire.yieldNow(); // b blocks in receive
                assertTrue(ch.trySend("to b"));
                Wire.yieldNow(); // c blocks in send
                got.add(ch.tryReceive());
            });
            s.spawn("b", () -> got.add(ch.receive()));
            s.spawn("c", () -> {
                Wire.yieldNow();
                ch.send("from c");
                got.add("c done");
            });
        });
        assertEquals(List.of("to b", "from c", "c done"), got);
    }

    @Test
    void blockedSendersAndReceiversAreServedFifo() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("fifo");
            for (int i = 0; i < 4; i++) {
                String n = "s" + i;
                s.spawn(n, () -> ch.send(n));
            }
            s.spawn("drain", () -> {
                for (int i = 0; i < 4; i++) {
                    out.add(ch.receive());
                }
                for (int i = 0; i < 3; i++) {
                    int k = i;
                    s.spawn("r" + k, () -> out.add("r" + k + " got " + ch.receive()));
                }
                Wire.yieldNow();
                for (int i = 0; i < 3; i++) {
                    ch.send("v" + i);
                }
            });
        });
        assertEquals(List.of("s0", "s1", "s2", "s3", "r0 got v0", "r1 got v1", "r2 got v2"), out);
    }

    @Test
    void bufferedChannelBlocksOnlyWhenFullAndKeepsOrder() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> ch = WireChannel.buffered("buf", 2);
            s.spawn("producer", () -> {
                for (int i = 0; i < 5; i++) {
                    ch.send(i);
                    out.add("sent " + i);
                }
                ch.close();
                out.add("closed");
            });
            s.spawn("consumer", () -> {
                for (int v : ch) {
                    out.add("got " + v);
                }
                out.add("end");
            });
        });
        assertEquals(List.of("sent 0", "sent 1", "got 0", "got 1", "got 2", "sent 2", "sent 3", "sent 4",
                "closed", "got 3", "got 4", "end"), out);
    }

    @Test
    void closeDrainsBufferFailsSendersAndTellsReceivers() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.buffered("jobs", 1);
            s.spawn("filler", () -> {
                ch.send("a");
                try {
                    ch.send("b"); // blocks: full
                } catch (ChannelClosedException e) {
                    out.add("b failed: " + e.getMessage());
                }
            });
            s.spawn("closer", () -> {
                ch.close();
                ch.close(); // idempotent
                ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.send("c"));
                out.add("c failed: " + e.getMessage());
                assertThrows(ChannelClosedException.class, () -> ch.trySend("d"));
                out.add("drained " + ch.receive());
                assertNull(ch.receiveOrNull());
                assertNull(ch.tryReceive());
                assertTrue(ch.isClosedForReceive());
                e = assertThrows(ChannelClosedException.class, ch::receive);
                out.add("receive: " + e.getMessage());
            });
        });
        assertEquals(4, out.size(), out.toString());
        assertTrue(out.get(0).contains("channel 'jobs'") && out.get(0).contains("'closer'"), out.get(0));
        assertEquals("drained a", out.get(1));
        assertTrue(out.get(2).contains("closed and drained: wire 'closer'"), out.get(2));
        assertTrue(out.get(3).startsWith("b failed: channel 'jobs' was closed while wire 'filler' was sending; the value b"), out.get(3));
    }

    @Test
    void closeWakesBlockedReceivers() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("c");
            s.spawn("r1", () -> out.add("r1 " + ch.receiveOrNull()));
            s.spawn("r2", () -> {
                try {
                    ch.receive();
                } catch (ChannelClosedException e) {
                    out.add("r2 closed");
                }
            });
            s.spawn("closer", ch::close);
        });
        assertEquals(List.of("r1 null", "r2 closed"), out);
    }

    @Test
    void timeoutsGiveUpWithoutLosingValues() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("slow");
            // b receives once a has timed out twice (not after a fixed sleep, which a slow JVM can outrun)
            WireWait timedOutTwice = new WireWait("a timed out twice");
            s.spawn("a", () -> {
                out.add("receive: " + ch.receive(Duration.ofMillis(10)));
                out.add("send: " + ch.send("late", Duration.ofMillis(10)));
                assertEquals(0, ch.waitingSenders());
                timedOutTwice.resume();
                out.add("send: " + ch.send("taken", Duration.ofSeconds(10)));
            });
            s.spawn("b", () -> {
                timedOutTwice.await();
                out.add("b got " + ch.receive(Duration.ofSeconds(10)));
                assertThrows(IllegalArgumentException.class, () -> ch.receive(Duration.ofMillis(-1)));
            });
        });
        assertEquals(List.of("receive: null", "send: false", "b got taken", "send: true"), out);
    }

    @Test
    void nullValuesAreRefused() {
        WireChannel<String> ch = WireChannel.buffered("n", 1);
        WireTestHarness.run(s -> s.spawn("x", () -> {
            NullPointerException e = assertThrows(NullPointerException.class, () -> ch.send(null));
            assertTrue(e.getMessage().contains("channel 'n' refuses null"), e.getMessage());
            assertThrows(NullPointerException.class, () -> ch.trySend(null));
        }));
        assertThrows(NotInWireException.class, () -> ch.send("outside"));
        assertThrows(IllegalArgumentException.class, () -> WireChannel.buffered(-1));
    }

    @Test
    void aChannelIsConfinedToOneScheduler() {
        WireChannel<String> ch = WireChannel.rendezvous("local");
        WireScheduler[] owner = new WireScheduler[1];
        WireTestHarness.run(a -> {
            owner[0] = a;
            a.spawn("a1", () -> assertNull(ch.receive(Duration.ofMillis(1))));
        });
        WireTestHarness.run(b -> b.spawn("b1", () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ch.receive(Duration.ofMillis(1)));
            // names the wire and its scheduler, the call, the channel, and the scheduler it belongs to
            assertTrue(e.getMessage().startsWith("wire 'b1' of " + b + " called receive() on channel 'local'"),
                    e.getMessage());
            assertTrue(e.getMessage().contains("which belongs to " + owner[0]), e.getMessage());
            assertEquals(0, ch.waitingReceivers());
        }));
    }

    @Test
    void cancelledBlockedWiresLeaveTheQueuesAndLoseNothing() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> ch = WireChannel.rendezvous("c");
            Wire s1 = s.spawn("s1", () -> {
                try {
                    ch.send("from s1");
                    out.add("s1 delivered");
                } catch (WireCancelledException e) {
                    out.add("s1 cancelled, not delivered");
                }
            });
            s.spawn("s2", () -> {
                ch.send("from s2");
                out.add("s2 delivered");
            });
            s.spawn("main", () -> {
                assertEquals(2, ch.waitingSenders());
                s1.cancel();
                Wire.yieldNow();
                assertEquals(1, ch.waitingSenders());
                out.add("main got " + ch.receive());
                // a receiver cancelled after it was handed a value keeps the value
                Wire r = s.spawn("r", () -> {
                    out.add("r got " + ch.receive());
                    try {
                        Wire.yieldNow();
                    } catch (WireCancelledException e) {
                        out.add("r cancelled afterwards");
                    }
                });
                Wire.yieldNow();
                assertTrue(ch.trySend("to r"));
                r.cancel();
            });
        });
        assertEquals(List.of("s1 cancelled, not delivered", "main got from s2", "s2 delivered", "r got to r",
                "r cancelled afterwards"), out);
    }

    @Test
    void stuckReportAndDumpNameTheChannel() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireChannel<String> ch = WireChannel.rendezvous("jobs");
            String[] dump = new String[1];
            s.spawn("worker", ch::receive);
            s.spawn("inspector", () -> dump[0] = s.dump());
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(dump[0].contains("wire 'worker' SUSPENDED waiting on receive from channel 'jobs' (rendezvous, "
                    + "1 receiver(s) waiting)"), dump[0]);
            assertTrue(dump[0].contains("wire 'inspector' RUNNING"), dump[0]);
            assertTrue(e.getMessage().contains("wire 'worker' SUSPENDED waiting on receive from channel 'jobs'"), e.getMessage());
            assertTrue(e.getMessage().contains("WireChannel.receive"), e.getMessage());
        }
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s stuck report
            List<Throwable> failures = WireTestHarness.watch(s);
            WireChannel<String> ch = WireChannel.buffered("full", 1);
            s.spawn("sender", () -> {
                ch.send("a");
                ch.send("b");
            });
            WireDeadlockException e = assertThrows(WireDeadlockException.class, s::run);
            WireTestHarness.rethrow(failures);
            assertTrue(e.getMessage().contains("wire 'sender' SUSPENDED waiting on send on channel 'full' (1/1 buffered, "
                    + "1 sender(s) waiting)"), e.getMessage());
        }
    }

    // ---------------------------------------------------------------- stress

    @Test
    void stressRendezvous() {
        stress(0, false);
    }

    @Test
    void stressBuffered() {
        stress(64, false);
    }

    @Test
    void stressRendezvousWithCloseInTheMiddle() {
        stress(0, true);
    }

    @Test
    void stressBufferedWithCloseInTheMiddle() {
        stress(64, true);
    }

    /** 100 producers and 100 consumers move values 1..n; every value is received exactly once or its sender learns it was not. */
    private static void stress(int capacity, boolean closeMidway) {
        int producers = 100;
        int consumers = 100;
        int[] scale = new int[1]; // total: the number of values, known once the scheduler (and its switch) is
        BitSet sent = new BitSet();
        BitSet received = new BitSet();
        long[] sums = new long[2]; // sent, received
        int[] counts = new int[4]; // sent, received, duplicates, producers left
        WireTestHarness.run(s -> {
            int total = StressScale.of(s, 1_000_000, 20_000);
            scale[0] = total;
            WireChannel<Integer> ch = WireChannel.buffered("stress", capacity);
            counts[3] = producers;
            for (int p = 0; p < producers; p++) {
                int first = p + 1;
                s.spawn("producer " + p, () -> {
                    try {
                        for (int v = first; v <= total; v += producers) {
                            ch.send(v);
                            sent.set(v);
                            sums[0] += v;
                            counts[0]++;
                        }
                    } catch (ChannelClosedException e) {
                        assertTrue(closeMidway, e.getMessage());
                    } finally {
                        if (--counts[3] == 0) {
                            ch.close();
                        }
                    }
                });
            }
            for (int c = 0; c < consumers; c++) {
                s.spawn("consumer " + c, () -> {
                    for (int v : ch) {
                        if (received.get(v)) {
                            counts[2]++;
                        }
                        received.set(v);
                        sums[1] += v;
                        if (++counts[1] == total / 2 && closeMidway) {
                            ch.close();
                        }
                    }
                });
            }
        });
        int total = scale[0];
        assertEquals(0, counts[2], "duplicates");
        assertEquals(counts[0], counts[1], "sent and received counts");
        assertEquals(sums[0], sums[1], "sent and received sums");
        assertEquals(sent, received, "the same values");
        if (closeMidway) {
            assertTrue(counts[1] >= total / 2 && counts[1] < total, "closed in the middle: " + counts[1]);
        } else {
            assertEquals(total, counts[1]);
            assertEquals((long) total * (total + 1) / 2, sums[1]);
        }
    }

    // ---------------------------------------------------------------- details

    @Test
    void factoriesNameAndSizeTheChannel() {
        WireChannel<String> r = WireChannel.rendezvous();
        assertEquals("channel", r.name());
        assertEquals(0, r.capacity());
        assertEquals("named", WireChannel.rendezvous("named").name());
        WireChannel<String> b = WireChannel.buffered(3);
        assertEquals("channel", b.name());
        assertEquals(3, b.capacity());
        assertEquals(0, WireChannel.buffered("zero", 0).capacity(), "capacity 0 is a rendezvous channel");
        assertEquals("channel 'zero' (rendezvous)", WireChannel.buffered("zero", 0).toString());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> WireChannel.buffered("neg", -2));
        assertEquals("channel 'neg' capacity -2 is negative; use 0 (rendezvous) or a positive capacity", e.getMessage());
        assertThrows(NullPointerException.class, () -> WireChannel.buffered(null, 1));
    }

    @Test
    void sizeClosedStateAndWaitersAreVisible() {
        List<String> out = new ArrayList<>();
        WireChannel<String> ch = WireChannel.buffered("box", 2);
        WireTestHarness.run(s -> {
            s.spawn("receiver", () -> out.add("got " + ch.receiveOrNull()));
            s.spawn("watcher", () -> {
                assertEquals(1, ch.waitingReceivers());
                assertEquals("channel 'box' (0/2 buffered, 1 receiver(s) waiting)", ch.toString());
                assertTrue(ch.send("a", Duration.ofMillis(1)), "taken by the waiting receiver");
                assertEquals(0, ch.waitingReceivers());
                assertTrue(ch.send("b", Duration.ofMillis(1)), "room in the buffer: true at once");
                assertTrue(ch.trySend("c"));
                assertEquals(2, ch.size());
                assertFalse(ch.trySend("d"), "full");
                assertFalse(ch.isClosed());
                ch.close();
                assertTrue(ch.isClosed());
                assertFalse(ch.isClosedForReceive(), "two values still buffered");
                assertEquals("channel 'box' (2/2 buffered, closed)", ch.toString());
                assertEquals("b", ch.receiveOrNull());
                assertEquals("c", ch.receive(Duration.ofMillis(1)));
                assertTrue(ch.isClosedForReceive());
                assertEquals(0, ch.size());
                ChannelClosedException e = assertThrows(ChannelClosedException.class, () -> ch.receive(Duration.ofMillis(1)));
                assertEquals("channel 'box' is closed and drained: wire 'watcher' has nothing left to receive; "
                        + "use receiveOrNull() or iterate to stop at the close", e.getMessage());
                ChannelClosedException send = assertThrows(ChannelClosedException.class, () -> ch.send("late", Duration.ofMillis(1)));
                assertEquals("cannot send on channel 'box' in wire 'watcher': it is closed; the value was not delivered",
                        send.getMessage());
            });
        });
        assertEquals(List.of("got a"), out);
    }

    @Test
    void aTimedReceiveThatTimesOutOnAnOpenChannelReturnsNull() {
        WireTestHarness.inWire(() -> {
            WireChannel<String> ch = WireChannel.buffered("quiet", 1);
            long t0 = System.nanoTime();
            assertNull(ch.receive(Duration.ofMillis(15)));
            assertTrue(System.nanoTime() - t0 >= Duration.ofMillis(15).toNanos(), "gave up early");
            assertEquals(0, ch.waitingReceivers(), "left the queue");
            assertTrue(ch.send("x", Duration.ZERO), "room in the buffer: no wait needed");
        });
    }

    @Test
    void aBlockedSenderRefillsTheBufferWhenAValueIsTaken() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> ch = WireChannel.buffered("one", 1);
            s.spawn("sender", () -> {
                ch.send(1);
                ch.send(2); // blocks: full
                out.add("2 delivered");
            });
            s.spawn("taker", () -> {
                assertEquals(1, ch.waitingSenders());
                assertEquals(1, ch.tryReceive());
                assertEquals(1, ch.size(), "the blocked sender's value moved into the buffer");
                assertEquals(0, ch.waitingSenders());
                assertEquals(2, ch.tryReceive());
                assertNull(ch.tryReceive());
            });
        });
        assertEquals(List.of("2 delivered"), out);
    }
}
