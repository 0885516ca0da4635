package io.jwire.benchmarks;

import io.jwire.sync.WireLock;

import io.jwire.Wire;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 6, locks: {@link WireLock} against kotlinx {@code Mutex}. One operation is one
 * acquisition and release; {@value #ACQUISITIONS} per invocation.
 *
 * <ul>
 *   <li>{@code contention=uncontended}: one wire (one coroutine) takes and releases the lock in a
 *       loop; nobody else wants it (the fast path; also the {@code -prof gc} subject for jwire's
 *       uncontended lock: target 0 B/op).</li>
 *   <li>{@code contention=contended}: {@value #CONTENDERS} wires (coroutines) each take the lock,
 *       yield while holding it (so every other contender queues up behind it), and release it:
 *       every release hands the lock to a waiter.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(LockBench.ACQUISITIONS)
@State(Scope.Thread)
public class LockBench {
    /** Acquisitions per invocation, over all contenders. */
    public static final int ACQUISITIONS = 100_000;
    /** Contenders in the contended case. */
    public static final int CONTENDERS = 4;

    /** {@code uncontended} or {@code contended}. */
    @Param({"uncontended", "contended"})
    public String contention;

    private int contenders() {
        return contention.equals("contended") ? CONTENDERS : 1;
    }

    @Benchmark
    public long jwire(JwireState s) {
        WireLock lock = new WireLock("bench");
        long[] held = new long[1];
        int contenders = contenders();
        int each = ACQUISITIONS / contenders;
        boolean yieldWhileHeld = contenders > 1;
        for (int c = 0; c < contenders; c++) {
            s.scheduler.spawn("contender", () -> {
                for (int i = 0; i < each; i++) {
                    lock.lock();
                    held[0]++;
                    if (yieldWhileHeld) {
                        Wire.yieldNow();
                    }
                    lock.unlock();
                }
            });
        }
        s.scheduler.run();
        return held[0];
    }

    @Benchmark
    public long kotlinx() {
        int contenders = contenders();
        return KotlinxPeers.mutexTurns(contenders, ACQUISITIONS / contenders, contenders > 1);
    }
}
