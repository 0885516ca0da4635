package io.jwire;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.sync.WirePool;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** run()'s failure semantics: a failure nobody takes over makes run() throw once the other wires have ended. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class UnobservedFailureTest {

    @Test
    void runThrowsAFailureNobodyTookOverAfterTheOtherWiresEnd() {
        IllegalStateException boom = new IllegalStateException("boom");
        List<String> out = new ArrayList<>();
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.spawn("bad", () -> {
                throw boom;
            });
            s.spawn("good", () -> {
                Wire.sleep(Duration.ofMillis(20));
                out.add("good ended");
            });
            e = assertThrows(WireFailedException.class, s::run);
            assertDoesNotThrow(s::run, "a failure is thrown once");
        }
        assertEquals(List.of("good ended"), out);
        assertSame(boom, e.getCause());
        assertTrue(e.getMessage().startsWith("wire 'bad' of scheduler-"), e.getMessage());
        assertTrue(e.getMessage().contains("nobody took the failure over (no join, no scope, no exception handler)"), e.getMessage());
    }

    @Test
    void aSingleFailureCountsNoMore() {
        IllegalStateException alone = new IllegalStateException("alone");
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.spawn("only", () -> {
                throw alone;
            });
            e = assertThrows(WireFailedException.class, s::run);
        }
        assertTrue(e.getMessage().endsWith("(no join, no scope, no exception handler): " + alone), e.getMessage());
        assertEquals(0, e.getSuppressed().length);
    }

    @Test
    void beyondSixtyFourFailuresTheRestAreOnlyCounted() {
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            for (int i = 0; i < 66; i++) {
                IllegalStateException failure = new IllegalStateException("failure " + i);
                s.spawn("bad " + i, () -> {
                    throw failure;
                });
            }
            e = assertThrows(WireFailedException.class, s::run);
        }
        assertEquals("failure 0", e.getCause().getMessage());
        assertEquals(63, e.getSuppressed().length, "64 kept: the first as the cause, 63 suppressed");
        assertEquals("failure 63", e.getSuppressed()[62].getMessage());
        assertTrue(e.getMessage().endsWith("; 63 more suppressed, 2 more only logged"), e.getMessage());
    }

    @Test
    void laterFailuresAreSuppressed() {
        RuntimeException first = new RuntimeException("first");
        Error second = new AssertionError("second");
        Exception third = new IOException("third");
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.spawn("one", () -> {
                throw first;
            });
            s.spawn("two", () -> {
                throw second;
            });
            s.spawnTask("three", () -> {
                throw third;
            });
            e = assertThrows(WireFailedException.class, s::run);
        }
        assertSame(first, e.getCause());
        assertEquals(List.of(second, third), List.of(e.getSuppressed()));
        assertTrue(e.getMessage().endsWith("; 2 more suppressed"), e.getMessage());
    }

    @Test
    void anExceptionHandlerTakesFailuresOver() {
        List<Throwable> handled = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.setExceptionHandler((w, t) -> handled.add(t));
            s.spawn("bad", () -> {
                throw boom;
            });
            s.execute(() -> {
                throw boom;
            });
            assertDoesNotThrow(s::run);
        }
        assertEquals(List.of(boom, boom), handled);
    }

    @Test
    void aJoinTakesTheFailureOverEvenAfterTheWireEnded() {
        RuntimeException boom = new RuntimeException("boom");
        Throwable[] joined = new Throwable[1];
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            Wire bad = s.spawn("bad", () -> {
                throw boom;
            });
            s.spawn("late joiner", () -> {
                Wire.sleep(Duration.ofMillis(10)); // 'bad' has long ended and been reported
                joined[0] = assertThrows(WireFailedException.class, bad::join);
            });
            assertDoesNotThrow(s::run);
        }
        assertSame(boom, joined[0].getCause());
    }

    @Test
    void readingTheExceptionOfATaskTakesItOver() {
        RuntimeException boom = new RuntimeException("boom");
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            WireTask<Integer> t = s.spawnTask("bad", () -> {
                throw boom;
            });
            s.spawn("inspector", () -> {
                Wire.yieldNow();
                assertSame(boom, t.exception());
            });
            assertDoesNotThrow(s::run);
        }
    }

    @Test
    void aFailingTaskAndAFailingPoolTaskCountToo() {
        RuntimeException inTask = new RuntimeException("in execute()");
        RuntimeException inPool = new RuntimeException("in a pool task");
        WireFailedException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.execute(() -> {
                throw inTask;
            });
            WirePool pool = new WirePool(s, "p", 1);
            s.spawn("starter", () -> {
                pool.start("pool task", () -> {
                    throw inPool;
                });
                Wire.yieldNow();
                pool.close();
            });
            e = assertThrows(WireFailedException.class, s::run);
        }
        assertSame(inTask, e.getCause());
        assertTrue(e.getMessage().startsWith("a task of scheduler-"), e.getMessage());
        assertEquals(List.of(inPool), List.of(e.getSuppressed()));
    }

    @Test
    void aStuckReportCarriesTheUnobservedFailures() {
        RuntimeException boom = new RuntimeException("boom");
        WireDeadlockException e;
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            s.spawn("bad", () -> {
                throw boom;
            });
            s.spawn("stuck", Wire::suspend);
            e = assertThrows(WireDeadlockException.class, s::run);
        }
        assertEquals(1, e.getSuppressed().length);
        WireFailedException failed = assertInstanceOf(WireFailedException.class, e.getSuppressed()[0]);
        assertSame(boom, failed.getCause());
    }

    @Test
    void cancellationIsNotAFailure() {
        try (WireScheduler s = WireScheduler.create()) { // created directly: the point is run()'s own failure semantics
            Wire victim = s.spawn("victim", Wire::suspend);
            s.spawn("canceller", victim::cancel);
            assertDoesNotThrow(s::run);
        }
    }
}
