package io.jwire.benchmarks;

import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;

/**
 * Measures live heap for {@link MemoryBench}: full collections until the used heap stops
 * shrinking, then {@link MemoryMXBean#getHeapMemoryUsage()}'s {@code used}.
 */
final class HeapMeter {
    private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

    private HeapMeter() {
    }

    /** Used heap in bytes after garbage collection has settled (at most 5 collections). */
    static long liveHeap() {
        long last = Long.MAX_VALUE;
        for (int i = 0; i < 5; i++) {
            System.gc();
            long used = MEMORY.getHeapMemoryUsage().getUsed();
            if (used >= last - 64 * 1024) {
                return Math.min(used, last);
            }
            last = used;
        }
        return last;
    }
}
