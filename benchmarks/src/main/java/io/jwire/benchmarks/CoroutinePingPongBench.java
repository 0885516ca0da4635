package io.jwire.benchmarks;

import java.util.concurrent.TimeUnit;
import kotlinx.coroutines.CoroutineDispatcher;
import kotlinx.coroutines.Dispatchers;
import kotlinx.coroutines.ExecutorCoroutineDispatcher;
import kotlinx.coroutines.ThreadPoolDispatcherKt;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Coroutine bridges, benchmark 1: a kotlinx {@code Channel(RENDEZVOUS)} ping-pong between two
 * coroutines, the same suspend code on four single-threaded homes. One operation is one round trip
 * (two hand-offs), {@value #ROUNDS} per invocation; each invocation creates its coroutines and
 * channels, which is amortized.
 *
 * <ul>
 *   <li>{@code jwire}: both coroutines on jwire's {@code WireDispatcher} (kotlin-stdlib
 *       interceptor; every resumption runs in a wire), the scheduler run on the JMH thread.</li>
 *   <li>{@code kotlinx}: both in {@code runBlocking}'s event loop on the JMH thread.</li>
 *   <li>{@code singleThreadContext}: both on {@code newSingleThreadContext}; the JMH thread waits.</li>
 *   <li>{@code limitedParallelism}: both on {@code Dispatchers.Default.limitedParallelism(1)}.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(CoroutinePingPongBench.ROUNDS)
public class CoroutinePingPongBench {
    /** Round trips per invocation. */
    public static final int ROUNDS = 10_000;

    /** kotlinx's single-threaded dispatchers, made once per trial. */
    @State(Scope.Thread)
    public static class Dispatchers1 {
        ExecutorCoroutineDispatcher singleThread;
        CoroutineDispatcher limited;

        @Setup(Level.Trial)
        public void setUp() {
            singleThread = ThreadPoolDispatcherKt.newSingleThreadContext("bench-single");
            limited = Dispatchers.getDefault().limitedParallelism(1, null);
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            singleThread.close();
        }
    }

    @Benchmark
    public long jwire(JwireState s) {
        return CoroutineBridgePeers.pingPongOnJwire(s.scheduler, ROUNDS);
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.rendezvousPingPong(ROUNDS);
    }

    @Benchmark
    public long singleThreadContext(Dispatchers1 d) {
        return CoroutineBridgePeers.pingPongOn(d.singleThread, ROUNDS);
    }

    @Benchmark
    public long limitedParallelism(Dispatchers1 d) {
        return CoroutineBridgePeers.pingPongOn(d.limited, ROUNDS);
    }
}
