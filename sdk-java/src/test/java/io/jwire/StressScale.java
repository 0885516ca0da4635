package io.jwire;

/** Stress sizes: full on the Continuation switch, smaller on the virtual-thread fallback (several µs per switch). */
final class StressScale {
    private StressScale() {
    }

    /** {@code full} on the Continuation switch, {@code fallback} on the virtual-thread switch. */
    static int of(WireScheduler s, int full, int fallback) {
        return "continuation".equals(s.switchImplementation()) ? full : fallback;
    }
}
