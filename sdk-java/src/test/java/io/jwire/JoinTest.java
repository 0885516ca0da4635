package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class JoinTest {

    @Test
    void joinWaitsUntilTheWireEnds() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire worker = s.spawn("worker", () -> {
                Wire.sleep(Duration.ofMillis(20));
                out.add("worker done");
            });
            s.spawn("joiner1", () -> {
                worker.join();
                out.add("joiner1 after join");
            });
            s.spawn("joiner2", () -> {
                worker.join();
                out.add("joiner2 after join");
            });
        });
        assertEquals(List.of("worker done", "joiner1 after join", "joiner2 after join"), out);
    }

    @Test
    void joinOfAnEndedWireReturnsAtOnce() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire quick = s.spawn("quick", () -> out.add("quick"));
            s.spawn("late", () -> {
                Wire.yieldNow();
                quick.join();
                out.add("joined");
            });
        });
        assertEquals(List.of("quick", "joined"), out);
    }

    @Test
    void joinRethrowsTheFailureAsCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        Throwable[] caught = new Throwable[1];
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> { // "failing" is meant to fail
            Wire failing = s.spawn("failing", () -> {
                throw boom;
            });
            s.spawn("joiner", () -> caught[0] = assertThrows(WireFailedException.class, failing::join));
        });
        assertEquals(List.of(boom), failures, "only the failing wire failed");
        assertSame(boom, caught[0].getCause());
        assertTrue(caught[0].getMessage().contains("'failing'"), caught[0].getMessage());
    }

    @Test
    void joinOfACancelledWireReturnsNormally() {
        boolean[] joined = new boolean[1];
        WireTestHarness.run(s -> {
            Wire victim = s.spawn("victim", Wire::suspend);
            s.spawn("joiner", () -> {
                victim.cancel();
                victim.join();
                joined[0] = true;
            });
        });
        assertTrue(joined[0]);
    }

    @Test
    void joiningItselfFails() {
        Throwable[] caught = new Throwable[1];
        WireTestHarness.run(s -> {
            s.spawn("narcissus", () -> caught[0] = assertThrows(IllegalStateException.class, () -> Wire.current().join()));
        });
        assertTrue(caught[0].getMessage().contains("'narcissus' cannot join itself"), caught[0].getMessage());
    }

    @Test
    void cancelledJoinerStopsWaiting() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire longRunner = s.spawn("long", () -> Wire.sleep(Duration.ofMillis(50)));
            Wire joiner = s.spawn("joiner", () -> {
                try {
                    longRunner.join();
                } catch (WireCancelledException e) {
                    out.add("joiner cancelled");
                }
            });
            s.spawn("killer", joiner::cancel);
        });
        assertEquals(List.of("joiner cancelled"), out);
    }

    @Test
    void aPendingCancelIsDeliveredByJoinEvenWhenTheTargetHasEnded() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire quick = s.spawn("quick", () -> { });
            s.spawn("joiner", () -> {
                Wire.yieldNow(); // quick has ended
                Wire.current().cancel();
                try {
                    quick.join();
                    out.add("joined");
                } catch (WireCancelledException e) {
                    out.add("cancelled at join");
                }
            });
        });
        assertEquals(List.of("cancelled at join"), out);
    }
}
