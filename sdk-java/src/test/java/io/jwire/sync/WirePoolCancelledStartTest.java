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
}
