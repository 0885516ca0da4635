package io.jwire;

import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.jwire.channels.WireChannel;
import io.jwire.testing.WireTestHarness;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Timed waits go through the one park mechanism and reuse the wire's own timer: a timed channel
 * receive and a timed wait-list await, each woken by another wire before the deadline, allocate
 * nothing per wait in steady state (Continuation switch: wires run on the scheduler's thread).
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimedWaitAllocationTest {
    private static final int PER_ROUND = 50_000;

    @Test
    void timedChannelReceiveAndTimedWaitListAwaitAllocateNothing() {
        assumeTrue(ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean);
        com.sun.management.ThreadMXBean mx = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long[] bytes = new long[2];
        Duration timeout = Duration.ofSeconds(10);
        WireTestHarness.run(s -> {
            assumeTrue("continuation".equals(s.switchImplementation()), "wires run on the scheduler thread");
            WireChannel<Integer> ch = WireChannel.rendezvous("c");
            WireWait ping = new WireWait("ping");
            WireWaitList list = new WireWaitList();
            list.chain(ping);
            Integer value = 7;
            s.spawn("sender", () -> {
                for (int i = 0; i < 3 * PER_ROUND; i++) {
                    ch.send(value);
                }
                for (int i = 0; i < 3 * PER_ROUND; i++) {
                    ping.resume();
                    Wire.yieldNow();
                }
            });
            s.spawn("timed receiver", () -> {
                for (int round = 0; round < 3; round++) { // warm up, then measure the last round
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < PER_ROUND; i++) {
                        assertTrue(ch.receive(timeout) != null);
                    }
                    bytes[0] = mx.getCurrentThreadAllocatedBytes() - before;
                }
                for (int round = 0; round < 3; round++) {
                    long before = mx.getCurrentThreadAllocatedBytes();
                    for (int i = 0; i < PER_ROUND; i++) {
                        assertTrue(list.await(timeout) == ping);
                        ping.reset();
                    }
                    bytes[1] = mx.getCurrentThreadAllocatedBytes() - before;
                }
            });
        });
        assertTrue(bytes[0] < 50_000, PER_ROUND + " timed receives allocated " + bytes[0] + " bytes");
        assertTrue(bytes[1] < 50_000, PER_ROUND + " timed wait-list awaits allocated " + bytes[1] + " bytes");
    }
}
