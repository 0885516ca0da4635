package io.jwire.benchmarks;

import io.jwire.Wire;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

/**
 * Benchmark 4, memory: live heap bytes per suspended unit, with {@code units} (one million by
 * default) suspended at once: wires in {@link Wire#suspend()}, virtual threads in
 * {@link LockSupport#park()}, kotlinx coroutines in {@code suspendCancellableCoroutine}.
 *
 * <p>Method, the same for every peer: the array that will hold the units' handles is allocated
 * first; then full GCs until the used heap settles ({@code before}); then all units are started and
 * run until each is suspended; then, with all of them suspended, full GCs again ({@code after});
 * then all are resumed and end. The result is the pair of counters {@code heapBytes}
 * ({@code after - before}) and {@code suspendedUnits}, secondary results summed alike, so the report
 * divides them per iteration: bytes per suspended unit, including everything the unit keeps alive
 * (its object, its saved stack, its scheduler's bookkeeping), excluding the handle array.
 * The primary score (time per unit) includes those GCs and is not a speed figure. A million units
 * per invocation take seconds (a minute on the virtual-thread switch), hence {@link SlowBenchmark}.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@State(Scope.Thread)
@SlowBenchmark
public class MemoryBench {

    /** How many units are suspended at once; the smoke test lowers it. */
    @Param({"1000000"})
    public int units;

    /** The measurement, read by JMH as secondary results {@code heapBytes} and {@code suspendedUnits}. */
    @AuxCounters(AuxCounters.Type.EVENTS)
    @State(Scope.Thread)
    public static class Heap {
        /** Sum over this iteration's invocations of live heap growth with all units suspended. */
        public long heapBytes;
        /** Sum over this iteration's invocations of the units suspended. */
        public long suspendedUnits;

        @Setup(Level.Iteration)
        public void reset() {
            heapBytes = 0;
            suspendedUnits = 0;
        }

        void add(long before, long after, int units) {
            heapBytes += after - before;
            suspendedUnits += units;
        }
    }

    @Benchmark
    public void jwire(JwireState s, Heap heap) {
        Wire[] wires = new Wire[units];
        long before = HeapMeter.liveHeap();
        for (int i = 0; i < units; i++) {
            wires[i] = s.scheduler.spawn("idle", Wire::suspend);
        }
        // Spawned last, so it runs once every wire before it has suspended (FIFO).
        s.scheduler.spawn("measure", () -> {
            heap.add(before, HeapMeter.liveHeap(), units);
            for (Wire w : wires) {
                w.resume();
            }
        });
        s.scheduler.run();
    }

    private static final class Gate {
        volatile boolean open;

        void await() {
            while (!open) {
                LockSupport.park(this);
            }
        }
    }

    @Benchmark
    public void virtualThread(Heap heap) throws InterruptedException {
        Thread[] threads = new Thread[units];
        Gate gate = new Gate();
        Runnable body = gate::await;
        long before = HeapMeter.liveHeap();
        Thread.Builder builder = Thread.ofVirtual();
        for (int i = 0; i < units; i++) {
            threads[i] = builder.start(body);
        }
        for (Thread t : threads) {
            while (t.getState() != Thread.State.WAITING) {
                Thread.yield();
            }
        }
        heap.add(before, HeapMeter.liveHeap(), units);
        gate.open = true;
        for (Thread t : threads) {
            LockSupport.unpark(t);
        }
        for (Thread t : threads) {
            t.join();
        }
    }

    @Benchmark
    public void kotlinx(Heap heap) {
        Object[] slots = new Object[units];
        long before = HeapMeter.liveHeap();
        long after = KotlinxPeers.suspendAll(slots, HeapMeter::liveHeap);
        heap.add(before, after, units);
    }
}
