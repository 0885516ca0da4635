package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FailureTest {

    @Test
    void anExceptionEndsOnlyItsOwnWire() {
        List<String> out = new ArrayList<>();
        List<String> reported = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        RuntimeException boom = new RuntimeException("boom");
        // created directly with its own handler: the point is what the handler receives (the wire and its failure)
        try (WireScheduler s = WireScheduler.create()) {
            s.setExceptionHandler((w, t) -> { // no assertion here: the scheduler logs and swallows what a handler throws
                reported.add(w.name());
                errors.add(t);
            });
            s.spawn("bad", () -> {
                Wire.yieldNow();
                throw boom;
            });
            s.spawn("good", () -> {
                for (int i = 0; i < 3; i++) {
                    out.add("good " + i);
                    Wire.yieldNow();
                }
            });
            s.run();
        }
        assertEquals(List.of("good 0", "good 1", "good 2"), out);
        assertEquals(List.of("bad"), reported);
        assertSame(boom, errors.get(0));
    }

    @Test
    void stackOverflowIsReportedWithTheWiresName() {
        List<String> reported = new ArrayList<>();
        List<Throwable> errors = new ArrayList<>();
        boolean[] survivorRan = new boolean[1];
        // created directly with its own handler: the point is that the report names the wire that overflowed
        try (WireScheduler s = WireScheduler.create()) {
            s.setExceptionHandler((w, t) -> {
                reported.add(w.name());
                errors.add(t);
            });
            s.spawn("recurser", () -> recurse(0));
            s.spawn("survivor", () -> survivorRan[0] = true);
            s.run();
        }
        assertEquals(List.of("recurser"), reported);
        assertInstanceOf(StackOverflowError.class, errors.get(0));
        assertTrue(survivorRan[0]);
    }

    @Test
    void aThrowingTaskDoesNotStopTheScheduler() {
        List<String> out = new ArrayList<>();
        List<Throwable> errors = WireTestHarness.runExpectingFailures(s -> { // the task is meant to fail
            s.execute(() -> {
                throw new IllegalArgumentException("task");
            });
            s.spawn("after", () -> out.add("ran"));
        });
        assertEquals(List.of("ran"), out);
        assertEquals(1, errors.size());
        assertEquals("task", errors.get(0).getMessage());
    }

    private static int recurse(int depth) {
        return recurse(depth + 1) + 1;
    }

    /** Every failure is logged at ERROR through the io.jwire System.Logger, naming the wire and the scheduler. */
    @Test
    void failuresAreLoggedNamingTheWireAndTheScheduler() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.jwire");
        List<java.util.logging.LogRecord> records = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                records.add(r);
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        RuntimeException boom = new RuntimeException("boom");
        IllegalStateException handlerBug = new IllegalStateException("handler bug");
        String[] name = new String[1];
        log.addHandler(h);
        try {
            // created directly with its own handler, which throws: the point is what is logged
            try (WireScheduler s = WireScheduler.create()) {
                name[0] = s.toString().substring("WireScheduler[".length(), s.toString().indexOf(','));
                s.setExceptionHandler((w, t) -> {
                    if (t == boom) {
                        throw handlerBug;
                    }
                });
                s.spawn("bad", () -> {
                    throw boom;
                });
                s.execute(() -> {
                    throw new IllegalArgumentException("task");
                });
                s.spawn("deep", () -> recurse(0));
                s.run();
            }
        } finally {
            log.removeHandler(h);
        }
        List<String> lines = records.stream().filter(r -> r.getLevel() == java.util.logging.Level.SEVERE)
                .map(r -> r.getMessage() + " | " + r.getThrown()).toList();
        assertTrue(lines.contains("wire '<task>' of " + name[0] + " failed with java.lang.IllegalArgumentException: task"
                + " | java.lang.IllegalArgumentException: task"), lines.toString());
        assertTrue(lines.contains("wire 'bad' of " + name[0] + " failed with " + boom + " | " + boom), lines.toString());
        assertTrue(lines.contains("the exception handler of " + name[0] + " threw | " + handlerBug), lines.toString());
        assertTrue(lines.stream().anyMatch(l -> l.startsWith("wire 'deep' of " + name[0] + " overflowed its stack "
                + "(StackOverflowError); recurse less or give the scheduler thread a bigger stack | java.lang.StackOverflowError")),
                lines.toString());
    }

    /** An end hook of the wait layer that throws is reported as a failure of its wire; the wire still ends. */
    @Test
    void aThrowingEndHookIsReportedAsTheWiresFailure() {
        IllegalStateException boom = new IllegalStateException("hook failed");
        Wire[] w = new Wire[1];
        List<Throwable> failures = WireTestHarness.runExpectingFailures(s -> w[0] = s.spawn("hooked", () ->
                io.jwire.internal.Waiter.onEnd(Wire.current(), () -> {
                    throw boom;
                })));
        assertEquals(List.of(boom), failures);
        assertEquals(WireState.ENDED, w[0].state());
    }
}
