package io.jwire.sync;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.jwire.Wire;
import io.jwire.testing.WireTestHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A task whose worker wire is cancelled before the task starts frees its slot: the pool never leaks one. */
class WirePoolCancelledStartTest {

    /** Was: busy() stayed up after each such cancel, and after four the pool was full forever. */
    @Test
    void cancellingANewWorkerBeforeItStartsFreesTheSlot() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WirePool pool = new WirePool(s, "pool", 2)) {
                for (int i = 0; i < 6; i++) {
                    Wire w = pool.tryStart("doomed " + i, () -> log.add("doomed ran"));
                    assertNotNull(w, "a slot is free for start " + i);
                    w.cancel();
                    Wire.yieldNow(); // the worker ends without running the task
                    assertEquals(0, pool.busy(), "busy after cancelled start " + i);
                }
                pool.start("survivor", () -> log.add("survivor ran")); // a worker is never joined: it lives on
                Wire.yieldNow();
            }
        }));
        assertEquals(List.of("survivor ran"), log);
    }

    @Test
    void cancellingAnIdleWorkerThatWasJustGivenATaskFreesTheSlot() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("main", () -> {
            try (WirePool pool = new WirePool(s, "pool", 1)) {
                pool.start("first", () -> log.add("first ran"));
                Wire.yieldNow();
                Wire.yieldNow(); // the worker ran "first" and is idle again
                assertEquals(1, pool.idleWorkers());
                Wire reused = pool.tryStart("second", () -> log.add("second ran"));
                assertNotNull(reused);
                reused.cancel(); // before it resumes to run "second"
                Wire.yieldNow();
                Wire.yieldNow();
                assertEquals(0, pool.busy());
                pool.start("third", () -> log.add("third ran"));
                Wire.yieldNow();
                Wire.yieldNow();
            }
        }));
        assertEquals(List.of("first ran", "third ran"), log);
    }

    @Test
    void aWorkerCancelledBeforeItStartsIsNoLongerCountedAndTheLostTaskIsLogged() {
        java.util.logging.Logger log = java.util.logging.Logger.getLogger("io.jwire");
        List<String> warnings = new java.util.concurrent.CopyOnWriteArrayList<>();
        java.util.logging.Handler h = new java.util.logging.Handler() {
            @Override
            public void publish(java.util.logging.LogRecord r) {
                if (r.getLevel() == java.util.logging.Level.WARNING) {
                    warnings.add(r.getMessage());
                }
            }

            @Override
            public void flush() {
            }

            @Override
            public void close() {
            }
        };
        log.addHandler(h);
        try {
            WireTestHarness.run(s -> s.spawn("main", () -> {
                try (WirePool pool = new WirePool(s, "pool", 2)) {
                    Wire w = pool.tryStart("doomed", () -> { });
                    assertEquals(1, pool.workers());
                    w.cancel();
                    Wire.yieldNow();
                    assertEquals(0, pool.workers(), "the worker that never started is gone");
                    assertEquals(0, pool.busy());
                }
            }));
        } finally {
            log.removeHandler(h);
        }
        assertEquals(List.of("task 'doomed' of pool 'pool' (0/2 busy) did not run: its worker wire was cancelled before the "
                + "task started; its slot is free again"), warnings);
    }
}
