package io.jwire.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The Kotlin DSL's cost, yield: the same program written with sdk-kotlin-dsl ({@code jwire}), with
 * jwire's Java API ({@code javaApi}) and with kotlinx.coroutines in {@code runBlocking}'s one-thread
 * event loop ({@code kotlinx}); the programs are in {@code DslPeers.kt}. Two wires (coroutines) each
 * yield in turn; one operation is one hand-off, {@value #OPS} operations per invocation; the jwire
 * rows create their scheduler per invocation (the DSL through {@code wires { }}, the Java row with
 * {@code WireScheduler.create()}), amortized. {@link JwireState} only picks the switch (and the
 * portable poller) for the JVM.
 *
 * <p>Targets (issue 12): {@code jwire} / {@code javaApi} &lt;= 1.05.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(DslYieldBench.OPS)
public class DslYieldBench {
    /** Operations per invocation. */
    public static final int OPS = 20_000;

    @Benchmark
    public long jwire(JwireState s) {
        return DslPeers.yieldDsl(OPS / 2);
    }

    @Benchmark
    public long javaApi(JwireState s) {
        return DslPeers.yieldJava(OPS / 2);
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.yieldPingPong(OPS / 2);
    }
}
