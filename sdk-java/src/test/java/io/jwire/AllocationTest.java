package io.jwire;

import io.jwire.channels.WireChannel;
import io.jwire.sync.WireLock;
import io.jwire.sync.WireSemaphore;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Hot paths that never switch allocate nothing per operation: an uncontended lock, a free
 * semaphore permit, a buffered channel's trySend/tryReceive. Measured with the thread's allocated
 * bytes on the Continuation switch, where wires run on the scheduler's thread.
 */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class AllocationTest {

    @Test
    void uncontendedLockSemaphoreAndBufferedChannelAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] bytes = new long[1];
        WireTestHarness.run(s -> {
            assumeTrue("continuation".equals(s.switchImplementation()), "wires run on the scheduler thread");
            WireLock lock = new WireLock("l");
            WireSemaphore sem = new WireSemaphore("s", 1);
            WireChannel<Integer> ch = WireChannel.buffered("c", 4);
            Integer value = 7;
            s.spawn("measure", () -> {
                for (int round = 0; round < 3; round++) { // warm up, then measure the last round
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < 100_000; i++) {
                        lock.lock();
                        lock.unlock();
                        try (var held = lock.hold()) {
                            sem.acquire();
                            sem.release();
                        }
                        ch.trySend(value);
                        ch.tryReceive();
                    }
                    bytes[0] = mx.getCurrentThreadAllocatedBytes() - before;
                }
            });
        });
        assertTrue(bytes[0] < 100_000, "100,000 rounds allocated " + bytes[0] + " bytes");
    }

    /** Rendezvous and buffered hand-off between two wires, blocking on both sides, in steady state. */
    @Test
    void blockingChannelHandOffAllocatesNothingPerValue() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        for (int capacity : new int[] {0, 1}) {
            long[] bytes = new long[1];
            WireTestHarness.run(s -> {
                assumeTrue("continuation".equals(s.switchImplementation()), "wires run on the scheduler thread");
                WireChannel<Integer> ch = WireChannel.buffered("c", capacity);
                Integer value = 7;
                int perRound = 100_000;
                s.spawn("receiver", () -> {
                    for (int i = 0; i < 3 * perRound; i++) {
                        ch.receive();
                    }
                });
                s.spawn("sender", () -> {
                    for (int round = 0; round < 3; round++) { // warm up, then measure the last round
                        long before = mx.getCurrentThreadAllocatedBytes();
                        for (int i = 0; i < perRound; i++) {
                            ch.send(value);
                        }
                        bytes[0] = mx.getCurrentThreadAllocatedBytes() - before;
                    }
                });
            });
            assertTrue(bytes[0] < 200_000, "capacity " + capacity + ": 100,000 hand-offs allocated " + bytes[0] + " bytes");
        }
    }
}
