package io.jwire.benchmarks;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * The Kotlin DSL's cost, select: the same program written with sdk-kotlin-dsl ({@code jwire}), with
 * jwire's Java API ({@code javaApi}) and with kotlinx.coroutines in {@code runBlocking}'s one-thread
 * event loop ({@code kotlinx}); the programs are in {@code DslPeers.kt}. The pinger sends a token on
 * buffered channel a or b in turn, the ponger takes it with a two-clause select and answers over a
 * rendezvous channel; one operation is one round trip. The DSL writes a {@code select { }} expression
 * per round, as DSL code does (its builder and {@code WireSelect} are reused); the Java row awaits one
 * {@code WireSelectBuilder} built once (the Java API's advice); kotlinx writes a {@code select { }}
 * per round; {@value #OPS} operations per invocation; the jwire rows create their scheduler per
 * invocation (the DSL through {@code wires { }}, the Java row with {@code WireScheduler.create()}),
 * amortized. {@link JwireState} only picks the switch (and the portable poller) for the JVM.
 *
 * <p>Targets (issue 12): {@code jwire} / {@code javaApi} &lt;= 1.05.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(DslSelectBench.OPS)
public class DslSelectBench {
    /** Operations per invocation. */
    public static final int OPS = 10_000;

    @Benchmark
    public long jwire(JwireState s) {
        return DslPeers.selectDsl(OPS);
    }

    @Benchmark
    public long javaApi(JwireState s) {
        return DslPeers.selectJava(OPS);
    }

    @Benchmark
    public long kotlinx() {
        return DslPeers.selectKotlinx(OPS);
    }
}
