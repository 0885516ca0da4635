package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwire.channels.WireChannel;
import io.jwire.testing.StressScale;
import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.lang.reflect.UndeclaredThrowableException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** WireGenerator: values yielded by a body on its own coroutine, inside and outside wires, on both switches. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireGeneratorTest {

    private static final int MILLION = 1_000_000;

    private static WireGenerator<Integer> counting(int n, AtomicInteger finallies) {
        return WireGenerator.of("count to " + n, out -> {
            try {
                for (int i = 0; i < n; i++) {
                    out.yield(i);
                }
            } finally {
                finallies.incrementAndGet();
            }
        });
    }

    /** A million on the Continuation switch; 2 x 10^5 on the portable one (about 10 µs per value there). */
    @Test
    void aMillionValuesInOrderOutsideAnyScheduler() {
        AtomicInteger finallies = new AtomicInteger();
        long sum = 0;
        int expected = 0;
        int n;
        try (WireScheduler s = WireScheduler.create()) {
            n = StressScale.of(s, MILLION, MILLION / 5);
        }
        try (WireGenerator<Integer> g = counting(n, finallies)) {
            for (Integer v : (Iterable<Integer>) () -> g) {
                assertEquals(expected++, v);
                sum += v;
            }
            assertTrue(g.isDone());
            assertFalse(g.hasNext());
        }
        assertEquals(n, expected);
        assertEquals((long) n * (n - 1) / 2, sum);
        assertEquals(1, finallies.get());
    }

    /** A million on the Continuation switch; 10^5 on the portable one (about 10 µs per value there). */
    @Test
    void aMillionValuesInsideAWire() {
        AtomicInteger finallies = new AtomicInteger();
        long[] sum = {0};
        int[] count = {0};
        int[] n = {0};
        WireTestHarness.run(s -> {
            n[0] = StressScale.of(s, MILLION, MILLION / 10);
            s.spawn("consumer", () -> {
                try (WireGenerator<Integer> g = counting(n[0], finallies)) {
                    while (g.hasNext()) {
                        assertEquals(count[0]++, g.next());
                        sum[0] += count[0] - 1;
                    }
                }
            });
            s.spawn("other", Wire::yieldNow);
        });
        assertEquals(n[0], count[0]);
        assertEquals((long) n[0] * (n[0] - 1) / 2, sum[0]);
        assertEquals(1, finallies.get());
    }

    @Test
    @SuppressWarnings("try") // the resource is there for its close()
    void closingEarlyRunsTheBodysFinallyBlocksOnce() {
        AtomicInteger finallies = new AtomicInteger();
        List<String> events = new ArrayList<>();
        WireGenerator<Integer> g = WireGenerator.of("abandoned", out -> {
            try (AutoCloseable resource = () -> events.add("resource closed")) {
                for (int i = 0; ; i++) {
                    out.yield(i);
                    events.add("after yield " + i);
                }
            } finally {
                finallies.incrementAndGet();
                events.add("finally");
            }
        });
        assertEquals(0, g.next());
        assertEquals(1, g.next());
        assertEquals(2, g.next());
        g.close();
        assertEquals(List.of("after yield 0", "after yield 1", "resource closed", "finally"), events);
        assertEquals(1, finallies.get());
        assertTrue(g.isDone());
        assertFalse(g.hasNext());
        NoSuchElementException e = assertThrows(NoSuchElementException.class, g::next);
        assertTrue(e.getMessage().contains("closed"), e.getMessage());
        g.close(); // idempotent
        assertEquals(1, finallies.get());
    }

    @Test
    void closingAStreamAfterLimitRunsFinally() {
        AtomicInteger finallies = new AtomicInteger();
        AtomicInteger produced = new AtomicInteger();
        List<Integer> first;
        try (Stream<Integer> s = WireGenerator.<Integer>of(out -> {
            try {
                for (int i = 0; ; i++) {
                    produced.incrementAndGet();
                    out.yield(i);
                }
            } finally {
                finallies.incrementAndGet();
            }
        }).stream()) {
            first = s.limit(5).collect(Collectors.toList());
            assertEquals(0, finallies.get());
        }
        assertEquals(List.of(0, 1, 2, 3, 4), first);
        assertEquals(5, produced.get(), "the body runs only as far as the stream pulls");
        assertEquals(1, finallies.get());
    }

    @Test
    void closingInsideAWireRunsFinallyAndABodyThatNeverStartedDoesNotRun() {
        AtomicInteger finallies = new AtomicInteger();
        AtomicInteger started = new AtomicInteger();
        WireTestHarness.inWire(() -> {
            WireGenerator<Integer> g = counting(100, finallies);
            assertEquals(0, g.next());
            g.close();
            assertEquals(1, finallies.get());

            WireGenerator<Integer> never = WireGenerator.of(out -> started.incrementAndGet());
            never.close();
            assertFalse(never.hasNext());
        });
        assertEquals(0, started.get());
    }

    @Test
    void aBodyThatCatchesTheCloseAndYieldsAgainStillEnds() {
        List<String> events = new ArrayList<>();
        WireGenerator<String> g = WireGenerator.of(out -> {
            try {
                out.yield("a");
            } catch (RuntimeException e) {
                events.add("caught");
                try {
                    out.yield("b");
                } catch (RuntimeException again) {
                    events.add("caught again");
                    throw again;
                }
            }
        });
        assertEquals("a", g.next());
        g.close();
        assertEquals(List.of("caught", "caught again"), events);
        assertTrue(g.isDone());
    }

    @Test
    @SuppressWarnings("finally") // the finally block throws on purpose
    void aFinallyBlockThatThrowsWhileClosingFailsClose() {
        WireGenerator<String> g = WireGenerator.of(out -> {
            try {
                out.yield("a");
            } finally {
                throw new IllegalStateException("cleanup failed");
            }
        });
        g.next();
        IllegalStateException e = assertThrows(IllegalStateException.class, g::close);
        assertEquals("cleanup failed", e.getMessage());
        assertTrue(g.isDone());
    }

    @Test
    void failuresOfTheBodyReachTheConsumerOnce() {
        IllegalArgumentException boom = new IllegalArgumentException("boom");
        WireGenerator<Integer> g = WireGenerator.of(out -> {
            out.yield(1);
            throw boom;
        });
        assertEquals(1, g.next());
        assertSame(boom, assertThrows(IllegalArgumentException.class, g::hasNext));
        assertFalse(g.hasNext());

        WireGenerator<Integer> io = WireGenerator.of(out -> {
            throw new IOException("disk gone");
        });
        UncheckedIOException u = assertThrows(UncheckedIOException.class, io::next);
        assertEquals("disk gone", u.getCause().getMessage());

        WireGenerator<Integer> checked = WireGenerator.of(out -> {
            throw new Exception("checked");
        });
        UndeclaredThrowableException t = assertThrows(UndeclaredThrowableException.class, checked::hasNext);
        assertEquals("checked", t.getCause().getMessage());
    }

    @Test
    void nullValuesAndAnEmptyBody() {
        WireGenerator<String> g = WireGenerator.of(out -> {
            out.yield(null);
            out.yield("x");
        });
        assertTrue(g.hasNext());
        assertNull(g.next());
        assertEquals("x", g.next());
        assertFalse(g.hasNext());
        assertFalse(WireGenerator.of(out -> { }).hasNext());
    }

    @Test
    void generatorsNest() {
        WireGenerator<Integer> outer = WireGenerator.of("outer", out -> {
            for (int round = 0; round < 3; round++) {
                int r = round;
                try (WireGenerator<Integer> inner = WireGenerator.of("inner", in -> {
                    for (int i = 0; i < 3; i++) {
                        in.yield(10 * r + i);
                    }
                })) {
                    while (inner.hasNext()) {
                        out.yield(inner.next());
                    }
                }
            }
        });
        List<Integer> all = new ArrayList<>();
        outer.forEachRemaining(all::add);
        assertEquals(List.of(0, 1, 2, 10, 11, 12, 20, 21, 22), all);
    }

    @Test
    void aBodyConsumedByAWireMaySuspendTheWireAndOtherWiresRunMeanwhile() {
        List<String> events = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> ch = WireChannel.rendezvous("numbers");
            s.spawn("consumer", () -> {
                try (WireGenerator<Integer> doubled = WireGenerator.of("doubler", out -> {
                    for (int v : ch) {             // receive suspends the consuming wire
                        out.yield(2 * v);
                    }
                    Wire.sleep(Duration.ofMillis(5));
                    out.yield(-1);
                })) {
                    doubled.forEachRemaining(v -> events.add("got " + v));
                }
            });
            s.spawn("producer", () -> {
                for (int i = 1; i <= 3; i++) {
                    events.add("send " + i);
                    ch.send(i);
                }
                ch.close();
            });
        });
        assertEquals(List.of("send 1", "got 2", "send 2", "got 4", "send 3", "got 6", "got -1"), events);
    }

    @Test
    void cancellingAWireWhileItsGeneratorBodyWaitsRunsTheBodysFinally() {
        AtomicInteger finallies = new AtomicInteger();
        AtomicReference<Throwable> seen = new AtomicReference<>();
        WireTestHarness.run(s -> {
            WireChannel<Integer> never = WireChannel.rendezvous("never");
            Wire consumer = s.spawn("consumer", () -> {
                WireGenerator<Integer> g = WireGenerator.of(out -> {
                    try {
                        out.yield(never.receive());
                    } finally {
                        finallies.incrementAndGet();
                    }
                });
                try {
                    g.next();
                } catch (WireCancelledException e) {
                    seen.set(e);
                    throw e;
                }
            });
            s.spawn("canceller", () -> {
                Wire.yieldNow();
                consumer.cancel();
            });
        });
        assertInstanceOf(WireCancelledException.class, seen.get());
        assertEquals(1, finallies.get());
    }

    @Test
    void misuseFailsLoudly() {
        AtomicReference<WireGenerator.Yielder<Integer>> leaked = new AtomicReference<>();
        AtomicReference<WireGenerator<Integer>> self = new AtomicReference<>();
        WireGenerator<Integer> g = WireGenerator.of("selfish", out -> {
            leaked.set(out);
            out.yield(1);
            self.get().hasNext(); // a body consuming itself
        });
        self.set(g);
        assertEquals(1, g.next());
        IllegalStateException outside = assertThrows(IllegalStateException.class, () -> leaked.get().yield(2));
        assertTrue(outside.getMessage().contains("only the generator's own body may yield"), outside.getMessage());
        IllegalStateException own = assertThrows(IllegalStateException.class, g::hasNext);
        assertTrue(own.getMessage().contains("its own body"), own.getMessage());
        assertTrue(own.getMessage().contains("selfish"), own.getMessage());
    }

    @Test
    void yieldingAnotherGeneratorsYielderFails() {
        AtomicReference<WireGenerator.Yielder<Integer>> outerYielder = new AtomicReference<>();
        WireGenerator<Integer> outer = WireGenerator.of("outer", out -> {
            outerYielder.set(out);
            try (WireGenerator<Integer> inner = WireGenerator.of("inner", in -> outerYielder.get().yield(7))) {
                inner.hasNext();
            }
        });
        IllegalStateException e = assertThrows(IllegalStateException.class, outer::hasNext);
        assertTrue(e.getMessage().contains("outer"), e.getMessage());
    }

    @Test
    void aGeneratorMayBeConsumedByAnotherThreadAfterHandOver() throws Exception {
        WireGenerator<Integer> g = counting(10, new AtomicInteger());
        assertEquals(0, g.next());
        List<Integer> rest = new ArrayList<>();
        Thread t = new Thread(() -> g.forEachRemaining(rest::add));
        t.start();
        t.join();
        assertEquals(List.of(1, 2, 3, 4, 5, 6, 7, 8, 9), rest);
    }

    /** On the Continuation switch a value costs a run and a yield of a continuation: nothing allocated. */
    @Test
    void steadyStateAllocatesNothingPerValueOnTheContinuationSwitch() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        try (WireScheduler s = WireScheduler.create()) {
            assumeTrue("continuation".equals(s.switchImplementation()), "the body runs on the consumer's thread");
        }
        Integer boxed = 42;
        int perRound = 200_000;
        long[] bytes = new long[3];
        try (WireGenerator<Integer> g = WireGenerator.of("constant", out -> {
            for (;;) {
                out.yield(boxed);
            }
        })) {
            for (int round = 0; round < 3; round++) {
                long before = mx.getCurrentThreadAllocatedBytes();
                for (int i = 0; i < perRound; i++) {
                    g.next();
                }
                bytes[round] = mx.getCurrentThreadAllocatedBytes() - before;
            }
        }
        assertTrue(bytes[2] / perRound < 1, "bytes per value by round: " + bytes[0] / perRound + ", "
                + bytes[1] / perRound + ", " + bytes[2] / perRound + " (" + bytes[2] + " in the last round)");
    }
}
