package io.jwire.testing;

import io.jwire.WireScheduler;

/** Stress sizes: full on the Continuation switch, smaller on the virtual-thread fallback (several µs per switch). */
public final class StressScale {
    private StressScale() {
    }

    /**
     * {@code full} on the Continuation switch, {@code fallback} on the virtual-thread switch, and
     * {@code fallback} always when {@code -Djwire.test.stress=small} (the pitest profile sets it:
     * each mutant reruns the suite).
     */
    public static int of(WireScheduler s, int full, int fallback) {
        if ("small".equals(System.getProperty("jwire.test.stress"))) {
            return fallback;
        }
        return "continuation".equals(s.switchImplementation()) ? full : fallback;
    }

    /**
     * Like {@link #of(WireScheduler, int, int)} for the switch this JVM's schedulers use, for a
     * test that sizes its data before it creates a scheduler.
     */
    public static int of(int full, int fallback) {
        try (WireScheduler probe = WireScheduler.create()) {
            return of(probe, full, fallback);
        }
    }
}
