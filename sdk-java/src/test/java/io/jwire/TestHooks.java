package io.jwire;

/** Test-only views of scheduler internals, kept out of the production API. */
public final class TestHooks {
    private TestHooks() {
    }

    /** Whether a yield of a wire of {@code s} would switch now (another wire ready, a task queued, a timer due). */
    public static boolean hasOtherWork(WireScheduler s) {
        return s.hasOtherWork();
    }

    /** Switches counted by {@code s} since it was created. */
    public static long switchCount(WireScheduler s) {
        return s.switchCount();
    }
}
