package io.jwire.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how often the benchmarks run. Forks and iterations are chosen so JMH reports an
 * error for every row (at least two measurement iterations).
 */
public enum Profile {
    /** The default of {@code run.sh}: 2 forks x (2 warmup + 3 measured) iterations of 1 s; under 15 minutes on 2 cores. */
    SHORT("short: 2 forks, 2 x 1 s warmup, 3 x 1 s measurement per fork", 2, 2, 1_000, 3, 1_000),
    /** {@code run.sh --full}: 5 forks x (5 warmup + 10 measured) iterations of 2 s. */
    FULL("full: 5 forks, 5 x 2 s warmup, 10 x 2 s measurement per fork", 5, 5, 2_000, 10, 2_000),
    /**
     * {@code run.sh --tiny}: checks the pipeline end to end in a minute or two; the sizes are cut
     * down, so its numbers mean nothing.
     */
    TINY("tiny: pipeline check only, sizes cut down, numbers meaningless", 1, 0, 100, 2, 100),
    /** The smoke test: one short iteration of each benchmark, sizes cut down. */
    SMOKE("smoke test", 1, 0, 50, 1, 50);

    private final String description;
    private final int forks;
    private final int warmups;
    private final long warmupMillis;
    private final int measurements;
    private final long measurementMillis;

    Profile(String description, int forks, int warmups, long warmupMillis, int measurements, long measurementMillis) {
        this.description = description;
        this.forks = forks;
        this.warmups = warmups;
        this.warmupMillis = warmupMillis;
        this.measurements = measurements;
        this.measurementMillis = measurementMillis;
    }

    /** What the report prints as the profile. */
    public String description() {
        return description;
    }

    /** Whether this profile cuts the benchmarks' sizes down (then per-op figures are not comparable to real runs). */
    public boolean cutsSizes() {
        return this == TINY || this == SMOKE;
    }

    /** Applies forks, iterations and, for the cut-down profiles, smaller sizes. */
    public ChainedOptionsBuilder apply(ChainedOptionsBuilder b) {
        b.forks(forks)
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(measurements).measurementTime(TimeValue.milliseconds(measurementMillis));
        if (cutsSizes()) {
            b.param("units", "10000").param("sleepers", "2000");
        }
        return b;
    }
}
