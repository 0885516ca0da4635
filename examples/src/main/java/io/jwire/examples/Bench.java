package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.sync.WirePool;
import java.io.PrintStream;
import java.util.Locale;

/**
 * libwire's {@code bench}: how many switches and spawns one thread does per second.
 * <ol>
 *   <li>Yields: two wires take turns through {@link Wire#yieldNow()} until they have yielded
 *       {@code steps} times between them; every yield is a switch to the other wire.</li>
 *   <li>Spawns: a chain of {@code steps} tasks on a {@link WirePool} of 128; each task yields once,
 *       then starts the next one. The pool reuses its idle workers, so after warm-up a "spawn" is a
 *       hand-over to a parked worker, not a new wire.</li>
 * </ol>
 * It prints the switch implementation in use: {@code continuation} (the fast path, with
 * {@code --add-exports java.base/jdk.internal.vm=ALL-UNNAMED}) or {@code virtual-thread} (the
 * portable fallback, one or two orders of magnitude slower).
 *
 * <pre>
 * switch: continuation (after a warm-up of 200000 steps of each part, for the JIT)
 * 10000000 yields took 0.912 s: 10964912 yields/s (91 ns per yield)
 * 10000000 pool spawns took 1.733 s: 5770340 spawns/s (173 ns per spawn), pool of 128
 * </pre>
 *
 * <p>Arguments: {@code [steps]}, default 10,000,000 (libwire uses 100,000,000).
 */
public final class Bench {
    /** The pool size of libwire's bench. */
    public static final int POOL_SIZE = 128;
    /** Steps run before measuring, so the JIT has compiled the paths. */
    private static final long WARM_UP = 200_000;

    /**
     * What a run measured.
     *
     * @param switchImplementation {@code continuation} or {@code virtual-thread}
     * @param steps yields, and pool spawns, made
     * @param yieldNanos how long the yields took
     * @param spawnNanos how long the spawns took
     */
    public record Result(String switchImplementation, long steps, long yieldNanos, long spawnNanos) {
        /** Yields per second. */
        public double yieldsPerSecond() {
            return steps * 1e9 / yieldNanos;
        }

        /** Pool spawns per second. */
        public double spawnsPerSecond() {
            return steps * 1e9 / spawnNanos;
        }
    }

    private Bench() {
    }

    /** Runs the benchmark with {@code args[0]} steps (default 10,000,000), printing to standard output. */
    public static void main(String[] args) {
        run(System.out, args.length > 0 ? Long.parseLong(args[0]) : 10_000_000L);
    }

    /**
     * Runs both parts with {@code steps} steps each on fresh schedulers of the calling thread,
     * prints the results to {@code out}, and returns them.
     *
     * @throws IllegalArgumentException when {@code steps} is not positive
     */
    public static Result run(PrintStream out, long steps) {
        if (steps <= 0) {
            throw new IllegalArgumentException("steps " + steps + " must be positive");
        }
        String switchName;
        try (WireScheduler scheduler = WireScheduler.create()) {
            switchName = scheduler.switchImplementation();
        }
        long warmUp = Math.min(steps, WARM_UP);
        out.println("switch: " + switchName + " (after a warm-up of " + warmUp + " steps of each part, for the JIT)");
        yields(warmUp);
        spawns(warmUp);

        long yieldNanos = yields(steps);
        out.printf(Locale.ROOT, "%d yields took %.3f s: %.0f yields/s (%.0f ns per yield)%n",
                steps, yieldNanos / 1e9, steps * 1e9 / yieldNanos, (double) yieldNanos / steps);
        long spawnNanos = spawns(steps);
        out.printf(Locale.ROOT, "%d pool spawns took %.3f s: %.0f spawns/s (%.0f ns per spawn), pool of %d%n",
                steps, spawnNanos / 1e9, steps * 1e9 / spawnNanos, (double) spawnNanos / steps, POOL_SIZE);
        return new Result(switchName, steps, yieldNanos, spawnNanos);
    }

    /** Two wires yield to each other {@code steps} times in all; returns how long that took in nanoseconds. */
    private static long yields(long steps) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            long[] left = {steps};
            Runnable action = () -> {
                while (--left[0] > 0) {
                    Wire.yieldNow();
                }
            };
            long t0 = System.nanoTime();
            scheduler.spawn("hello", action);
            scheduler.spawn("bye", action);
            scheduler.run();
            return System.nanoTime() - t0;
        }
    }

    /** A chain of {@code steps} pool tasks; returns how long it took in nanoseconds. */
    private static long spawns(long steps) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            Chain chain = new Chain(new WirePool(scheduler, "bench", POOL_SIZE), steps);
            long t0 = System.nanoTime();
            scheduler.spawn("start", chain::start);
            scheduler.run();
            return System.nanoTime() - t0;
        }
    }

    /** libwire's {@code action_create}: yields once, then starts the next link of the chain on the pool. */
    private static final class Chain implements Runnable {
        private final WirePool pool;
        private long left;

        Chain(WirePool pool, long steps) {
            this.pool = pool;
            this.left = steps;
        }

        /** Starts the first link; from a wire of the pool's scheduler. */
        void start() {
            pool.tryStart("start", this);
        }

        @Override
        public void run() {
            Wire.yieldNow();
            if (--left == 0) {
                pool.close();               // the last link: let the idle workers end
                return;
            }
            if (pool.tryStart("cont", this) == null) {
                throw new IllegalStateException("pool '" + pool.name() + "' is exhausted: " + pool);
            }
        }
    }
}
