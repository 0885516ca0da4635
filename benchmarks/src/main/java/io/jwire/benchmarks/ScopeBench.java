package io.jwire.benchmarks;

import io.jwire.WireScope;
import io.jwire.WireTask;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Structured concurrency, fork and join per child: one owner forks {@value #CHILDREN} tiny
 * children (each returns a number) into a scope and joins them all. One operation is one child's
 * fork, run, end and join.
 *
 * <ul>
 *   <li>{@code jwire}: a wire opens a {@link WireScope}, forks each child, {@code join()}s,
 *       reads each value and closes the scope.</li>
 *   <li>{@code structuredTaskScope}: the JDK's {@code StructuredTaskScope} (JEP 505, preview in
 *       JDK 25, reached through {@link StructuredTaskScopePeer}): {@code open()}, a virtual-thread
 *       subtask per child, {@code join()}, each subtask's {@code get()}.</li>
 *   <li>{@code virtualThread}: the platform thread starts a virtual thread per child and joins
 *       each: the floor of any scope over virtual threads.</li>
 *   <li>{@code kotlinx}: {@code coroutineScope { repeat(n) { launch { ... } } }} inside
 *       {@code runBlocking}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(ScopeBench.CHILDREN)
public class ScopeBench {
    /** Children per invocation. */
    public static final int CHILDREN = 1_000;

    @Benchmark
    public long jwire(JwireState s) {
        long[] sum = new long[1];
        s.scheduler.spawn("owner", () -> {
            try (WireScope scope = WireScope.open()) {
                List<WireTask<Integer>> tasks = new ArrayList<>(CHILDREN);
                for (int i = 0; i < CHILDREN; i++) {
                    int v = i;
                    tasks.add(scope.fork("child", () -> v));
                }
                scope.join();
                for (WireTask<Integer> t : tasks) {
                    sum[0] += t.resultNow();
                }
            }
        });
        s.scheduler.run();
        return sum[0];
    }

    @Benchmark
    public long virtualThread() throws InterruptedException {
        Thread[] threads = new Thread[CHILDREN];
        long[] values = new long[CHILDREN];
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < CHILDREN; i++) {
            int v = i;
            threads[i] = builder.start(() -> values[v] = v);
        }
        long sum = 0;
        for (int i = 0; i < CHILDREN; i++) {
            threads[i].join();
            sum += values[i];
        }
        return sum;
    }

    @Benchmark
    public long structuredTaskScope() throws Throwable {
        return StructuredTaskScopePeer.forkJoinAll(CHILDREN);
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.scopeLaunchAll(CHILDREN);
    }
}
