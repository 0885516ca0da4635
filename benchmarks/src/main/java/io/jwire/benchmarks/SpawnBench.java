package io.jwire.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Benchmark 3, spawn and complete: start {@value #TASKS} tiny tasks (each increments a counter)
 * and wait until all have ended. One operation is one task's start plus end.
 *
 * <ul>
 *   <li>{@code jwire}: {@code scheduler.spawn} each, then {@code scheduler.run()} until all ended.</li>
 *   <li>{@code virtualThread}: {@code Thread.ofVirtual().start} each, then {@code join} each.</li>
 *   <li>{@code kotlinx}: {@code launch} each inside {@code runBlocking}, which returns once all ended.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(SpawnBench.TASKS)
public class SpawnBench {
    /** Tasks per invocation. */
    public static final int TASKS = 10_000;

    private static final class Tally implements Runnable {
        long done;

        @Override
        public void run() {
            done++;
        }
    }

    @Benchmark
    public long jwire(JwireState s) {
        Tally tally = new Tally();
        for (int i = 0; i < TASKS; i++) {
            s.scheduler.spawn("task", tally);
        }
        s.scheduler.run();
        return tally.done;
    }

    @Benchmark
    public int virtualThread() throws InterruptedException {
        Thread[] threads = new Thread[TASKS];
        Tally tally = new Tally(); // racy count on purpose: only its work matters, not its value
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < TASKS; i++) {
            threads[i] = builder.start(tally);
        }
        for (Thread t : threads) {
            t.join();
        }
        return threads.length;
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.launchAll(TASKS);
    }
}
