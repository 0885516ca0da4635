package io.jwire.benchmarks;

import io.jwire.Wire;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import jdk.internal.vm.Continuation;
import jdk.internal.vm.ContinuationScope;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Benchmark 1, the switch: two coroutines handing the thread to each other. One operation is one
 * hand-off (one side stops, the other runs), measured over {@value #SWITCHES} hand-offs per
 * invocation; each invocation creates its two coroutines, which costs the same for every peer and
 * is amortized.
 *
 * <ul>
 *   <li>{@code jwire}: two wires each calling {@link Wire#yieldNow()}; each yield is a switch out
 *       to the scheduler and a switch into the other wire.</li>
 *   <li>{@code continuation}: the floor: two raw {@code jdk.internal.vm.Continuation}s run in
 *       turn by a loop, each yielding back at once (one {@code run} + one {@code yield} per op).</li>
 *   <li>{@code virtualThread}: two virtual threads passing a turn with {@code LockSupport.park/unpark}
 *       on the default virtual-thread scheduler.</li>
 *   <li>{@code kotlinx}: two coroutines calling {@code yield()} in {@code runBlocking}'s
 *       single-threaded event loop.</li>
 * </ul>
 *
 * Also the {@code -prof gc} subject for jwire's yield: target 0 B/op in steady state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(SwitchBench.SWITCHES)
public class SwitchBench {
    /** Hand-offs per invocation. */
    public static final int SWITCHES = 100_000;
    private static final int EACH = SWITCHES / 2;
    private static final ContinuationScope SCOPE = new ContinuationScope("bench");

    private static final class Counter implements Runnable {
        long count;

        @Override
        public void run() {
            for (int i = 0; i < EACH; i++) {
                count++;
                Wire.yieldNow();
            }
        }
    }

    @Benchmark
    public long jwire(JwireState s) {
        Counter a = new Counter();
        Counter b = new Counter();
        s.scheduler.spawn("a", a);
        s.scheduler.spawn("b", b);
        s.scheduler.run();
        return a.count + b.count;
    }

    @Benchmark
    public long continuation() {
        long[] count = new long[1];
        Runnable body = () -> {
            for (int i = 0; i < EACH; i++) {
                count[0]++;
                Continuation.yield(SCOPE);
            }
        };
        Continuation a = new Continuation(SCOPE, body);
        Continuation b = new Continuation(SCOPE, body);
        while (!a.isDone() || !b.isDone()) {
            if (!a.isDone()) {
                a.run();
            }
            if (!b.isDone()) {
                b.run();
            }
        }
        return count[0];
    }

    /** Two virtual threads passing a turn: the one whose turn it is works, hands over, parks. */
    private static final class Baton {
        volatile int turn;
        Thread[] threads = new Thread[2];

        void play(int me) {
            Thread other = threads[1 - me];
            for (int i = 0; i < EACH; i++) {
                while (turn != me) {
                    LockSupport.park(this);
                }
                turn = 1 - me;
                LockSupport.unpark(other);
            }
        }
    }

    @Benchmark
    public int virtualThread() throws InterruptedException {
        Baton baton = new Baton();
        baton.threads[0] = Thread.ofVirtual().unstarted(() -> baton.play(0));
        baton.threads[1] = Thread.ofVirtual().unstarted(() -> baton.play(1));
        baton.threads[0].start();
        baton.threads[1].start();
        baton.threads[0].join();
        baton.threads[1].join();
        return baton.turn;
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.yieldPingPong(EACH);
    }
}
