package io.jwire.benchmarks;

import io.jwire.WireGenerator;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Generators: the cost of one value pulled from a generator whose body yields it. One operation
 * is one value, measured over {@value #VALUES} values per invocation; each invocation creates its
 * generator, which is amortized. Both peers are consumed from the benchmark's own (platform)
 * thread, outside any scheduler.
 *
 * <ul>
 *   <li>{@code jwire}: a {@link WireGenerator} whose body yields in a loop; on the Continuation
 *       switch one value is a run and a yield of a continuation on the consumer's thread, on the
 *       portable switch a hand-off to and from a virtual thread ({@code jwireSwitch}).</li>
 *   <li>{@code virtualThread}: the generator people write without coroutines: a virtual thread
 *       producing into a {@link SynchronousQueue} that the consumer takes from.</li>
 * </ul>
 *
 * The values are one cached {@code Integer}, so neither peer allocates values; with
 * {@code -prof gc} the jwire row on the Continuation switch shows 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(GeneratorBench.VALUES)
public class GeneratorBench {
    /** Values per invocation. */
    public static final int VALUES = 10_000;
    /** The value yielded (a cached box: yielding it allocates nothing). */
    static final Integer VALUE = 1;

    @Benchmark
    public long jwire(JwireState s) {
        long sum = 0;
        try (WireGenerator<Integer> g = WireGenerator.of("bench", out -> {
            for (int i = 0; i < VALUES; i++) {
                out.yield(VALUE);
            }
        })) {
            while (g.hasNext()) {
                sum += g.next();
            }
        }
        return sum;
    }

    @Benchmark
    public long virtualThread() throws InterruptedException {
        SynchronousQueue<Integer> queue = new SynchronousQueue<>();
        Thread producer = Thread.ofVirtual().start(() -> {
            try {
                for (int i = 0; i < VALUES; i++) {
                    queue.put(VALUE);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        long sum = 0;
        for (int i = 0; i < VALUES; i++) {
            sum += queue.take();
        }
        producer.join();
        return sum;
    }
}
