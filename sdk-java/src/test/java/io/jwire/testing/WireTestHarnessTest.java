package io.jwire.testing;

import io.jwire.Wire;
import io.jwire.WireDeadlockException;
import io.jwire.WireScheduler;
import io.jwire.sync.WirePool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The harness itself: a failed assertion inside a wire fails the test that ran it. These tests
 * use {@code assertThrows} around the harness, so they fail when it stops doing its job.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireTestHarnessTest {

    @Test
    void aFailedAssertionInsideAWireMakesRunThrowThatAssertionError() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> WireTestHarness.run(s -> s.spawn("checker", () -> Assertions.fail("inside the wire"))));
        assertEquals("inside the wire", e.getMessage());
        assertTrue(stackNames(e).contains(WireTestHarnessTest.class.getName()), "the stack of the wire body is kept");
    }

    @Test
    void inWireFailsTheSameWay() {
        AssertionError planted = new AssertionError("planted");
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.inWire(() -> {
            Wire.yieldNow();
            throw planted;
        }));
        assertSame(planted, e);
    }

    @Test
    void anAssertionInAWireThatRunsLaterAndAfterASwitchStillCounts() {
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.run(s -> {
            s.spawn("first", Wire::yieldNow);
            s.spawn("late", () -> {
                Wire.yieldNow();
                Wire.yieldNow();
                Assertions.assertEquals(1, 2, "late wire");
            });
        }));
        assertTrue(e.getMessage().startsWith("late wire"), e.getMessage());
    }

    @Test
    void anyOtherExceptionIsWrappedWithTheOriginalAsCause() {
        IllegalStateException boom = new IllegalStateException("boom");
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.run(s -> s.spawn("thrower", () -> {
            throw boom;
        })));
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().contains("boom"), e.getMessage());
    }

    @Test
    void theFirstFailureIsThrownAndTheOthersAreSuppressedInOrder() {
        AssertionError first = new AssertionError("first");
        RuntimeException second = new RuntimeException("second");
        AssertionError third = new AssertionError("third");
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.run(s -> {
            s.spawn("a", () -> {
                throw first;
            });
            s.spawn("b", () -> {
                throw second;
            });
            s.spawn("c", () -> {
                throw third;
            });
        }));
        assertSame(first, e);
        assertArrayEquals(new Throwable[] {second, third}, e.getSuppressed());
    }

    @Test
    void aFailingSchedulerTaskCounts() {
        AssertionError e = assertThrows(AssertionError.class,
                () -> WireTestHarness.run(s -> s.execute(() -> Assertions.fail("in a task"))));
        assertEquals("in a task", e.getMessage());
    }

    @Test
    void aFailingPoolTaskCounts() {
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WirePool pool = new WirePool(s, "p", 1)) {
                pool.start("task", () -> Assertions.fail("in a pool task"));
                Wire.yieldNow();
            }
        })));
        assertEquals("in a pool task", e.getMessage());
    }

    @Test
    void aCancelledWireIsNotAFailure() {
        List<String> out = new ArrayList<>();
        assertDoesNotThrow(() -> WireTestHarness.run(s -> {
            Wire victim = s.spawn("victim", Wire::suspend);
            s.spawn("killer", () -> {
                victim.cancel();
                out.add("cancelled");
            });
        }));
        assertEquals(List.of("cancelled"), out);
    }

    @Test
    void whenRunItselfFailsTheWireFailuresComeAlongSuppressed() {
        AssertionError planted = new AssertionError("planted");
        WireDeadlockException e = assertThrows(WireDeadlockException.class, () -> WireTestHarness.run(s -> {
            s.spawn("bad", () -> {
                throw planted;
            });
            s.spawn("stuck", Wire::suspend);
        }));
        assertArrayEquals(new Throwable[] {planted}, e.getSuppressed());
    }

    @Test
    void theSchedulerIsClosedAfterRun() {
        WireScheduler[] seen = new WireScheduler[1];
        WireTestHarness.run(s -> seen[0] = s);
        assertTrue(seen[0].isClosed());
        assertThrows(AssertionError.class, () -> WireTestHarness.run(s -> {
            seen[0] = s;
            s.spawn("bad", () -> Assertions.fail("x"));
        }));
        assertTrue(seen[0].isClosed());
    }

    @Test
    void runExpectingFailuresReturnsTheFailuresInOrderInsteadOfThrowing() {
        RuntimeException one = new RuntimeException("one");
        AssertionError two = new AssertionError("two");
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> {
            s.spawn("one", () -> {
                throw one;
            });
            s.spawn("two", () -> {
                Wire.yieldNow();
                throw two;
            });
        });
        assertEquals(List.of(one, two), failures);
        assertEquals(List.of(), WireTestHarness.runExpectingFailures(s -> s.spawn("fine", () -> { })));
    }

    @Test
    void watchAndRethrowServeASchedulerRunTwice() {
        try (WireScheduler s = WireScheduler.create()) {
            List<Throwable> failures = WireTestHarness.watch(s);
            s.spawn("bad", () -> Assertions.fail("first run"));
            s.run();
            AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.rethrow(failures));
            assertEquals("first run", e.getMessage());
            assertTrue(failures.isEmpty(), "rethrow empties the list");
            s.spawn("good", () -> { });
            s.run();
            assertDoesNotThrow(() -> WireTestHarness.rethrow(failures));
        }
    }

    @Test
    void runCheckedFailsOnlyForFailuresOfItsOwnRun() {
        try (WireScheduler s = WireScheduler.create()) {
            s.spawn("bad", () -> Assertions.fail("checked"));
            AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.runChecked(s));
            assertEquals("checked", e.getMessage());
            boolean[] ran = new boolean[1];
            s.spawn("good", () -> ran[0] = true);
            assertDoesNotThrow(() -> WireTestHarness.runChecked(s));
            assertTrue(ran[0]);
        }
    }

    @Test
    void aFailureThatIsNotAnAssertionErrorIsWrappedByRethrow() {
        Error oom = new OutOfMemoryError("pretend");
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.rethrow(new ArrayList<>(List.of(oom))));
        assertInstanceOf(OutOfMemoryError.class, e.getCause());
    }

    private static String stackNames(Throwable t) {
        StringBuilder sb = new StringBuilder();
        for (StackTraceElement e : t.getStackTrace()) {
            sb.append(e.getClassName()).append('\n');
        }
        return sb.toString();
    }

    @Test
    void failOnLoggedWireFailuresCatchesAFailureInASchedulerTheTestCannotReach() {
        AssertionError e = assertThrows(AssertionError.class, () -> WireTestHarness.failOnLoggedWireFailures(() -> {
            try (WireScheduler own = WireScheduler.create()) { // as an example program's main would
                own.setExceptionHandler((w, t) -> { }); // a program that swallows failures: only the log tells
                own.spawn("hidden", () -> Assertions.fail("in a program's own scheduler"));
                own.run();
            }
            return null;
        }));
        assertEquals("in a program's own scheduler", e.getMessage());
    }

    @Test
    void failOnLoggedWireFailuresReturnsTheResultWhenNothingFailed() throws Exception {
        assertEquals("done", WireTestHarness.failOnLoggedWireFailures(() -> {
            try (WireScheduler own = WireScheduler.create()) {
                own.spawn("fine", Wire::yieldNow);
                own.run();
            }
            return "done";
        }));
    }
}
