package io.jwire;

import io.jwire.internal.Waiter;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * {@link Waiter#unwakeIfNext()}: a wake of an idle-parked wire is taken back only while that wire
 * is the next to run, and nothing else about the order of wires changes.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnwakeTest {

    /** A wire that parks idle until told to stop, logging each time it runs. */
    private static final class Idler implements Runnable {
        final List<String> log;
        Waiter waiter;
        boolean stop;

        Idler(List<String> log) {
            this.log = log;
        }

        @Override
        public void run() {
            waiter = Waiter.current("test");
            while (!stop) {
                waiter.parkIdle("idle");
                log.add("idler ran");
            }
        }
    }

    @Test
    void theHeadsWakeIsTakenBackAndTheWireStaysParked() {
        List<String> log = new ArrayList<>();
        Idler idler = new Idler(log);
        WireTestHarness.run(s -> {
            Wire w = s.spawn("idler", idler);
            s.spawn("taker", () -> {
                Wire.yieldNow(); // the idler parks
                assertEquals(WireState.SUSPENDED, w.state());
                idler.waiter.wake();
                assertEquals(WireState.READY, w.state());
                assertTrue(idler.waiter.unwakeIfNext());
                assertEquals(WireState.SUSPENDED, w.state());
                assertFalse(idler.waiter.unwakeIfNext(), "not in the queue any more");
                log.add("taker");
                Wire.yieldNow();
                log.add("taker after yield"); // no switch to the idler came between
                idler.stop = true;
                idler.waiter.wake(); // woken again as usual, it runs
            });
        });
        assertEquals(List.of("taker", "taker after yield", "idler ran"), log);
    }

    @Test
    void aWakeBehindAnotherReadyWireIsKept() {
        List<String> log = new ArrayList<>();
        Idler idler = new Idler(log);
        WireTestHarness.run(s -> {
            s.spawn("idler", idler);
            s.spawn("taker", () -> {
                Wire.yieldNow();
                s.spawn("first", () -> log.add("first"));
                idler.stop = true;
                idler.waiter.wake();
                assertFalse(idler.waiter.unwakeIfNext(), "another wire is ahead of it");
                log.add("taker");
            });
        });
        assertEquals(List.of("taker", "first", "idler ran"), log);
    }

    @Test
    void onlyAnIdleParkedWireThatHasNotRunSinceCanBeTakenBack() {
        WireTestHarness.run(s -> {
            Waiter[] parked = new Waiter[1];
            Wire plain = s.spawn("plain", () -> {
                parked[0] = Waiter.current("test");
                parked[0].park("not idle");
            });
            s.spawn("taker", () -> {
                Wire.yieldNow();
                parked[0].wake();
                assertFalse(parked[0].unwakeIfNext(), "a plain park is not idle");
                assertEquals(WireState.READY, plain.state());
                Waiter me = Waiter.current("test");
                assertFalse(me.unwakeIfNext(), "the running wire");
            });
        });
    }

    @Test
    void aCancelledOrTwiceWokenWireIsNotTakenBack() {
        List<String> log = new ArrayList<>();
        Idler twice = new Idler(log);
        Idler cancelled = new Idler(log);
        WireTestHarness.run(s -> {
            s.spawn("twice", twice);
            Wire c = s.spawn("cancelled", cancelled);
            s.spawn("taker", () -> {
                Wire.yieldNow();
                twice.stop = true;
                twice.waiter.wake();
                twice.waiter.wake(); // kept as a permit
                assertFalse(twice.waiter.unwakeIfNext());
                Wire.yieldNow();
                c.cancel();
                assertFalse(cancelled.waiter.unwakeIfNext());
            });
        });
        assertEquals(List.of("idler ran"), log, "the cancelled idler ended without running on");
    }
}
