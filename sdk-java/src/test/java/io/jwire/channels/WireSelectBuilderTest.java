package io.jwire.channels;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireScheduler;
import io.jwire.WireWait;
import io.jwire.WireWaitList;
import io.jwire.testing.WireTestHarness;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The typed select: clauses whose lambdas produce the result; closed channels and timeouts as clauses. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSelectBuilderTest {

    @Test
    void everyClauseKindProducesItsResult() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> numbers = WireChannel.buffered("numbers", 4);
            WireChannel<String> words = WireChannel.rendezvous("words");
            WireChannel<String> log = WireChannel.buffered("log", 1);
            WireWait stop = new WireWait("stop");
            s.spawn("driver", () -> {
                numbers.send(1);           // buffered: ready before the selector runs
                Wire.yieldNow();           // selector: number 1, then logged (the log has room), then waits
                words.send("hi");          // the waiting selector takes the word
                stop.resume();
                Wire.yieldNow();           // selector: stopped, then waits (the log is full)
                log.receive();             // room in the log again
                Wire.yieldNow();           // selector: logged, then waits
                numbers.close();           // selector: numbers closed, three times
            });
            s.spawn("selector", () -> {
                WireSelectBuilder<String> select = WireSelect.<String>builder()
                        .onReceive(numbers, n -> "number " + n)
                        .onClosed(numbers, () -> "numbers closed")
                        .onReceive(words, w -> "word " + w)
                        .onSend(log, "entry", () -> "logged")
                        .onWait(stop, () -> {
                            stop.reset();
                            return "stopped";
                        })
                        .onTimeout(Duration.ofSeconds(5), () -> "timeout");
                for (int i = 0; i < 8; i++) {
                    out.add(select.await());
                }
            });
        });
        assertEquals(List.of("number 1", "logged", "word hi", "stopped", "logged", "numbers closed",
                "numbers closed", "numbers closed"), out);
    }

    @Test
    void aClosedClauseAloneWaitsForTheChannelToBeDrained() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> jobs = WireChannel.buffered("jobs", 2);
            s.spawn("watcher", () -> out.add(WireSelect.<String>builder()
                    .onClosed(jobs, () -> "jobs done")
                    .await()));
            s.spawn("worker", () -> {
                jobs.send(1);
                jobs.close();
                Wire.yieldNow();
                out.add("draining");
                out.add("job " + jobs.receive()); // the watcher received nothing
            });
        });
        assertEquals(List.of("draining", "job 1", "jobs done"), out);
    }

    @Test
    void aReceiveClauseWithoutClosedClauseThrowsOnAClosedChannel() {
        WireTestHarness.inWire(() -> {
            WireChannel<Integer> c = WireChannel.buffered("orders", 1);
            c.close();
            ChannelClosedException e = assertThrows(ChannelClosedException.class,
                    () -> WireSelect.<String>builder().onReceive(c, v -> "x").await());
            assertTrue(e.getMessage().contains("'orders'"), e.getMessage());
            assertTrue(e.getMessage().contains("wire 'main'"), e.getMessage());
            assertTrue(e.getMessage().contains("onClosed"), e.getMessage());
            assertThrows(ChannelClosedException.class, () -> WireSelect.<String>builder().onSend(c, 1, () -> "x").await());
        });
    }

    @Test
    void theFirstReadyClauseInRegistrationOrderWinsAndTheTimeoutOnlyWhenNothingIsReady() {
        List<String> out = new ArrayList<>();
        WireTestHarness.inWire(() -> {
            WireChannel<String> a = WireChannel.buffered("a", 4);
            WireChannel<String> b = WireChannel.buffered("b", 4);
            WireSelectBuilder<String> select = WireSelect.<String>builder()
                    .onReceive(b, v -> "b " + v)
                    .onReceive(a, v -> "a " + v)
                    .onTimeout(Duration.ZERO, () -> "nothing");
            a.trySend("1");
            b.trySend("1");
            a.trySend("2");
            for (int i = 0; i < 4; i++) {
                out.add(select.await());
            }
        });
        assertEquals(List.of("b 1", "a 1", "a 2", "nothing"), out);
    }

    @Test
    void aZeroTimeoutNeverWaitsAndAPositiveOneDoes() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> c = WireChannel.rendezvous("c");
            s.spawn("selector", () -> {
                out.add(WireSelect.<String>builder().onReceive(c, v -> v).onTimeout(Duration.ZERO, () -> "default").await());
                long start = System.nanoTime();
                out.add(WireSelect.<String>builder().onReceive(c, v -> v).onTimeout(Duration.ofMillis(30), () -> "late").await());
                assertTrue(System.nanoTime() - start >= 30_000_000L, "the timeout clause waited");
                out.add(WireSelect.<String>builder().onTimeout(Duration.ofMillis(5), () -> "slept").await());
            });
            s.spawn("other", () -> out.add("other ran"));
        });
        assertEquals(List.of("default", "other ran", "late", "slept"), out);
    }

    @Test
    void blockedSendersAreReceivedFirstComeFirstServed() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<String> c = WireChannel.rendezvous("c");
            for (String name : List.of("s1", "s2", "s3")) {
                s.spawn(name, () -> c.send(name));
            }
            s.spawn("selector", () -> {
                WireSelectBuilder<String> select = WireSelect.<String>builder().onReceive(c, v -> v);
                for (int i = 0; i < 3; i++) {
                    out.add(select.await());
                }
            });
        });
        assertEquals(List.of("s1", "s2", "s3"), out);
    }

    @Test
    void selectsWaitingOnOneChannelAreServedInTheOrderTheyStartedWaiting() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> c = WireChannel.buffered("c", 8);
            for (String name : List.of("first", "second", "third")) {
                s.spawn(name, () -> out.add(name + " got " + WireSelect.<Integer>builder().onReceive(c, v -> v).await()));
            }
            s.spawn("sender", () -> {
                for (int i = 1; i <= 3; i++) {
                    c.send(i);
                    Wire.yieldNow();
                }
            });
        });
        assertEquals(List.of("first got 1", "second got 2", "third got 3"), out);
    }

    @Test
    void aReusedSelectSendsTheSuppliedValueAndANullLeavesTheClauseOut() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> results = WireChannel.rendezvous("results");
            WireChannel<Integer> work = WireChannel.rendezvous("work");
            s.spawn("forwarder", () -> {
                ArrayDeque<Integer> pending = new ArrayDeque<>();
                boolean[] open = {true};
                WireSelectBuilder<Void> select = WireSelect.<Void>builder()
                        .onSendFrom(results, pending::peekFirst, () -> {
                            pending.removeFirst();
                            return null;
                        })
                        .onReceive(work, v -> {
                            pending.addLast(v * 10);
                            return null;
                        })
                        .onClosed(work, () -> {
                            open[0] = false;
                            return null;
                        });
                while (open[0] || !pending.isEmpty()) {
                    if (!open[0]) {
                        results.send(pending.removeFirst());
                        continue;
                    }
                    select.await();
                }
                results.close();
            });
            s.spawn("producer", () -> {
                for (int i = 1; i <= 5; i++) {
                    work.send(i);
                }
                work.close();
            });
            s.spawn("consumer", () -> {
                for (int v : results) {
                    out.add("result " + v);
                }
            });
        });
        assertEquals(List.of("result 10", "result 20", "result 30", "result 40", "result 50"), out);
    }

    @Test
    void aSelectHoldsNothingBetweenAwaits() {
        WireTestHarness.run(s -> {
            WireChannel<Integer> c = WireChannel.rendezvous("c");
            WireWait w = new WireWait("w");
            s.spawn("selector", () -> {
                for (int i = 0; i < 1000; i++) { // one select per await: nothing piles up in the channel
                    assertEquals(i, WireSelect.<Integer>builder().onReceive(c, v -> v).onWait(w, () -> -1).await());
                    assertEquals(0, c.watchers());
                }
                WireWaitList other = new WireWaitList();
                other.chain(w); // the wait is free for other lists between awaits
                other.unchain(w);
            });
            s.spawn("sender", () -> {
                for (int i = 0; i < 1000; i++) {
                    assertEquals(1, c.watchers(), "the waiting select is registered");
                    c.send(i);
                }
            });
        });
    }

    @Test
    void cancellingTheWaitingWireRunsNoClauseAndUnregisters() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> c = WireChannel.rendezvous("c");
            Wire selector = s.spawn("selector", () -> {
                try {
                    WireSelect.<String>builder().onReceive(c, v -> "value").onTimeout(Duration.ofSeconds(10), () -> "timeout").await();
                    out.add("completed");
                } catch (WireCancelledException e) {
                    out.add("cancelled");
                }
            });
            s.spawn("canceller", () -> {
                assertEquals(1, c.watchers());
                selector.cancel();
                Wire.yieldNow();
                assertEquals(0, c.watchers());
                assertFalse(c.trySend(1), "nobody receives any more");
            });
        });
        assertEquals(List.of("cancelled"), out);
    }

    @Test
    void misuseFailsLoudly() {
        WireTestHarness.inWire(() -> {
            WireChannel<Integer> c = WireChannel.rendezvous("c");
            WireWait w = new WireWait("w");
            IllegalStateException empty = assertThrows(IllegalStateException.class, () -> WireSelect.<String>builder().await());
            assertTrue(empty.getMessage().contains("wire 'main'"), empty.getMessage());
            assertThrows(IllegalStateException.class, () -> WireSelect.<String>builder().onReceive(c, v -> "").onReceive(c, v -> ""));
            assertThrows(IllegalStateException.class, () -> WireSelect.<String>builder().onClosed(c, () -> "").onClosed(c, () -> ""));
            assertThrows(IllegalStateException.class, () -> WireSelect.<String>builder().onWait(w, () -> "").onWait(w, () -> ""));
            assertThrows(IllegalStateException.class,
                    () -> WireSelect.<String>builder().onTimeout(Duration.ZERO, () -> "").onTimeout(Duration.ZERO, () -> ""));
            assertThrows(IllegalArgumentException.class, () -> WireSelect.<String>builder().onTimeout(Duration.ofMillis(-1), () -> ""));
            assertThrows(NullPointerException.class, () -> WireSelect.<String>builder().onSend(c, null, () -> ""));
        });
        assertThrows(io.jwire.NotInWireException.class,
                () -> WireSelect.<String>builder().onTimeout(Duration.ZERO, () -> "").await());
    }

    /** Measured on the scheduler's thread, where every wire runs on the Continuation switch. */
    @Test
    void aReusedSelectAllocatesNothingPerAwait() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] bytes = new long[1];
        int perRound = 50_000;
        try (WireScheduler s = WireScheduler.create()) {
            assumeTrue("continuation".equals(s.switchImplementation()), "wires run on the scheduler thread");
            java.util.List<Throwable> failures = WireTestHarness.watch(s);
            WireChannel<Integer> c = WireChannel.rendezvous("c");
            WireChannel<Integer> d = WireChannel.buffered("d", 1);
            Integer value = 7;
            s.spawn("sender", () -> {
                for (int i = 0; i < 3 * perRound; i++) {
                    c.send(value);
                }
                c.close();
            });
            s.spawn("selector", () -> {
                WireSelectBuilder<Integer> select = WireSelect.<Integer>builder()
                        .onReceive(d, v -> v)
                        .onReceive(c, v -> v)
                        .onClosed(c, () -> -1)
                        .onTimeout(Duration.ofSeconds(10), () -> -2);
                for (int round = 0; round < 3; round++) { // warm up, then measure the last round
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < perRound; i++) {
                        select.await();
                    }
                    bytes[0] = mx.getCurrentThreadAllocatedBytes() - before;
                }
                assertEquals(-1, select.await());
            });
            s.run();
            WireTestHarness.rethrow(failures);
        }
        assertTrue(bytes[0] / perRound < 1, perRound + " awaits allocated " + bytes[0] + " bytes");
    }
}
