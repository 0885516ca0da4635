package io.jwire.benchmarks;

import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * How long and how often the benchmarks run. Forks and iterations are chosen so JMH reports an
 * error for every row: JMH computes one from three measured iterations on (all forks together).
 */
public enum Profile {
    /**
     * The default of {@code run.sh}: 2 forks x (2 warmup + 3 measured) iterations of 1 s, slow
     * benchmarks 1 fork x (1 + 3); meant to stay under 15 minutes on 2 cores.
     */
    SHORT("short: 2 forks, 2 x 1 s warmup, 3 x 1 s measurement per fork; slow benchmarks 1 fork, 1 warmup, 3 measured",
            2, 2, 1_000, 3, 1_000, 1, 1, 3),
    /** {@code run.sh --full}: 5 forks x (5 warmup + 10 measured) iterations of 2 s. */
    FULL("full: 5 forks, 5 x 2 s warmup, 10 x 2 s measurement per fork; slow benchmarks 2 forks, 1 warmup, 5 measured",
            5, 5, 2_000, 10, 2_000, 2, 1, 5),
    /**
     * {@code run.sh --tiny}: checks the pipeline end to end in a minute or two; the sizes are cut
     * down, so its numbers mean nothing.
     */
    TINY("tiny: pipeline check only, sizes cut down, numbers meaningless", 1, 0, 100, 2, 100, 1, 0, 2),
    /** The smoke test: one short iteration of each benchmark, sizes cut down. */
    SMOKE("smoke test", 1, 0, 50, 1, 50, 1, 0, 1);

    private final String description;
    private final int forks;
    private final int warmups;
    private final long warmupMillis;
    private final int measurements;
    private final long measurementMillis;
    private final int slowForks;
    private final int slowWarmups;
    private final int slowMeasurements;

    Profile(String description, int forks, int warmups, long warmupMillis, int measurements, long measurementMillis,
            int slowForks, int slowWarmups, int slowMeasurements) {
        this.description = description;
        this.forks = forks;
        this.warmups = warmups;
        this.warmupMillis = warmupMillis;
        this.measurements = measurements;
        this.measurementMillis = measurementMillis;
        this.slowForks = slowForks;
        this.slowWarmups = slowWarmups;
        this.slowMeasurements = slowMeasurements;
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
        return apply(b, forks, warmups, measurements);
    }

    /**
     * Like {@link #apply}, with the fewer forks and iterations for benchmarks marked
     * {@link SlowBenchmark} (iterations keep their time; an invocation longer than that is one
     * invocation per iteration).
     */
    public ChainedOptionsBuilder applySlow(ChainedOptionsBuilder b) {
        return apply(b, slowForks, slowWarmups, slowMeasurements);
    }

    private ChainedOptionsBuilder apply(ChainedOptionsBuilder b, int forks, int warmups, int measurements) {
        b.forks(forks)
                .warmupIterations(warmups).warmupTime(TimeValue.milliseconds(warmupMillis))
                .measurementIterations(measurements).measurementTime(TimeValue.milliseconds(measurementMillis));
        if (cutsSizes()) {
            b.param("units", "10000").param("sleepers", "2000").param("connections", "10");
        }
        return b;
    }
}
