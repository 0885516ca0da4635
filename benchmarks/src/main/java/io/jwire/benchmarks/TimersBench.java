package io.jwire.benchmarks;

import io.jwire.Wire;
import java.time.Duration;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 5, timers: {@value #SLEEPERS} sleepers, each sleeping a random 1 to {@value #MAX_MILLIS}
 * ms (the same seeded deadlines for every peer), until all have woken. One operation is one
 * sleeper: start, sleep, wake, end. The time includes the longest sleep ({@value #MAX_MILLIS} ms
 * per invocation, at most 100 ns per op), so it measures timer bookkeeping and lateness together.
 *
 * <ul>
 *   <li>{@code jwire}: one wire per sleeper calling {@link Wire#sleep(Duration)}; one timer heap.</li>
 *   <li>{@code virtualThread}: one virtual thread per sleeper calling {@link Thread#sleep(long)}.</li>
 *   <li>{@code kotlinx}: one coroutine per sleeper calling {@code delay} in {@code runBlocking}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(TimersBench.SLEEPERS)
@State(Scope.Thread)
public class TimersBench {
    /** Sleepers per invocation (the default of {@link #sleepers}). */
    public static final int SLEEPERS = 100_000;
    /** The longest sleep, in milliseconds. */
    public static final int MAX_MILLIS = 10;

    /** How many sleepers; lowered only by the smoke test (per-op figures assume {@value #SLEEPERS}). */
    @Param({"" + SLEEPERS})
    public int sleepers;

    private int[] delays;

    @Setup
    public void setUp() {
        SplittableRandom random = new SplittableRandom(42);
        delays = new int[sleepers];
        for (int i = 0; i < sleepers; i++) {
            delays[i] = 1 + random.nextInt(MAX_MILLIS);
        }
    }

    private static final class Sleeper implements Runnable {
        private final Duration duration;
        private final long[] woke;

        Sleeper(int millis, long[] woke) {
            this.duration = Duration.ofMillis(millis);
            this.woke = woke;
        }

        @Override
        public void run() {
            Wire.sleep(duration);
            woke[0]++;
        }
    }

    @Benchmark
    public long jwire(JwireState s) {
        long[] woke = new long[1];
        for (int d : delays) {
            s.scheduler.spawn("sleeper", new Sleeper(d, woke));
        }
        s.scheduler.run();
        return woke[0];
    }

    @Benchmark
    public int virtualThread() throws InterruptedException {
        Thread[] threads = new Thread[delays.length];
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < delays.length; i++) {
            long millis = delays[i];
            threads[i] = builder.start(() -> {
                try {
                    Thread.sleep(millis);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
        }
        for (Thread t : threads) {
            t.join();
        }
        return threads.length;
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.delayAll(delays);
    }
}
