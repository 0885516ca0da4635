package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.ChildJvm;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.Test;

/**
 * {@code -Djwire.checkLocks=true} refuses a switch while the carrier holds a monitor or a
 * {@code java.util.concurrent} lock (Continuation switch). Runs in a child JVM, since the flag is
 * read once per JVM.
 */
class LockCheckTest {

    @Test
    void aSwitchHoldingAMonitorOrAReentrantLockIsRefusedWithTheCheckOn() throws Exception {
        List<String> args = new ArrayList<>(List.of("--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED",
                "-Djwire.switch=continuation", "-Djwire.checkLocks=true",
                "-cp", System.getProperty("java.class.path"), LockCheckTest.class.getName()));
        String out = ChildJvm.run(args);
        assertTrue(out.contains("monitor: WirePinnedException: wire 'sync'"), out);
        assertTrue(out.contains("lock: WirePinnedException: wire 'juc'"), out);
        assertTrue(out.contains("free: switched"), out);
    }

    @Test
    void withoutTheCheckAReentrantLockHeldAcrossASwitchStopsExcluding() {
        // The pitfall the check exists for (documented in WirePinnedException): on the fast path
        // both wires run on one thread, so the second one "gets" the lock the first still holds.
        if (!"continuation".equals(System.getProperty("jwire.test.expectSwitch"))) {
            return; // on the fallback each wire is its own thread and the second would block the hand-off
        }
        ReentrantLock lock = new ReentrantLock();
        int[] holds = new int[1];
        io.jwire.testing.WireTestHarness.run(s -> {
            s.spawn("first", () -> {
                lock.lock();
                try {
                    Wire.yieldNow();
                } finally {
                    lock.unlock();
                }
            });
            s.spawn("second", () -> {
                lock.lock();
                holds[0] = lock.getHoldCount();
                lock.unlock();
            });
        });
        assertEquals(2, holds[0], "no exclusion between wires of one carrier");
    }

    /** The child JVM's program. */
    public static void main(String[] args) {
        try (WireScheduler s = WireScheduler.create()) {
            Object monitor = new Object();
            ReentrantLock lock = new ReentrantLock();
            s.spawn("sync", () -> {
                synchronized (monitor) {
                    try {
                        Wire.yieldNow();
                    } catch (WirePinnedException e) {
                        System.out.println("monitor: WirePinnedException: " + e.getMessage());
                    }
                }
            });
            s.spawn("juc", () -> {
                lock.lock();
                try {
                    Wire.yieldNow();
                } catch (WirePinnedException e) {
                    System.out.println("lock: WirePinnedException: " + e.getMessage());
                } finally {
                    lock.unlock();
                }
            });
            s.spawn("free", () -> {
                Wire.yieldNow();
                System.out.println("free: switched");
            });
            s.run();
        }
    }
}
