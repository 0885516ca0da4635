package io.jwire;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.ReentrantLock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * {@link LockCheck#beforeSwitch} itself, in this JVM: what it finds held and how it says so.
 * {@code LockCheckTest} proves the {@code -Djwire.checkLocks} wiring in a child JVM (the flag is
 * read once per JVM); this test calls the check directly, each case on a fresh thread so that
 * nothing the test framework holds is seen.
 */
class LockCheckInProcessTest {
    private static final String FIX = ": the other wires of the scheduler run on the same thread, so a monitor would block it and a "
            + "java.util.concurrent lock would stop excluding them; release it first, or use WireLock";

    private WireScheduler scheduler;
    private Wire wire;

    @BeforeEach
    void aWire() {
        scheduler = WireScheduler.create();
        wire = scheduler.spawn("holder", () -> { });
    }

    @AfterEach
    void close() {
        scheduler.close();
    }

    /** Runs {@code body} on a new thread and returns what it threw, or null. */
    private static Throwable on(Thread.Builder builder, Runnable body) throws InterruptedException {
        AtomicReference<Throwable> thrown = new AtomicReference<>();
        Thread t = builder.unstarted(() -> {
            try {
                body.run();
            } catch (Throwable e) {
                thrown.set(e);
            }
        });
        t.start();
        t.join();
        return thrown.get();
    }

    @Test
    void aCarrierThatHoldsNothingMaySwitch() throws Exception {
        assertNull(on(Thread.ofPlatform(), () -> LockCheck.beforeSwitch(wire)));
    }

    @Test
    void aHeldMonitorIsNamed() throws Exception {
        Object monitor = new Object();
        Throwable t = on(Thread.ofPlatform(), () -> {
            synchronized (monitor) {
                LockCheck.beforeSwitch(wire);
            }
        });
        assertInstanceOf(WirePinnedException.class, t);
        assertEquals("wire 'holder' tried to switch out while its carrier holds monitor " + monitor + FIX, t.getMessage());
    }

    @Test
    void aHeldReentrantLockIsNamed() throws Exception {
        ReentrantLock lock = new ReentrantLock();
        Throwable t = on(Thread.ofPlatform(), () -> {
            lock.lock();
            try {
                LockCheck.beforeSwitch(wire);
            } finally {
                lock.unlock();
            }
        });
        assertInstanceOf(WirePinnedException.class, t);
        assertTrue(t.getMessage().startsWith("wire 'holder' tried to switch out while its carrier holds lock "
                + "java.util.concurrent.locks.ReentrantLock$NonfairSync@"), t.getMessage());
        assertTrue(t.getMessage().endsWith(FIX), t.getMessage());
    }

    @Test
    void monitorsAndLocksAreListedTogetherMonitorsFirst() throws Exception {
        Object outer = new Object();
        Object inner = new Object();
        ReentrantLock lock = new ReentrantLock();
        Throwable t = on(Thread.ofPlatform(), () -> {
            lock.lock();
            try {
                synchronized (outer) {
                    synchronized (inner) {
                        LockCheck.beforeSwitch(wire);
                    }
                }
            } finally {
                lock.unlock();
            }
        });
        assertInstanceOf(WirePinnedException.class, t);
        String m = t.getMessage();
        // the JVM lists a thread's monitors innermost first
        assertTrue(m.startsWith("wire 'holder' tried to switch out while its carrier holds monitor " + inner + ", monitor "
                + outer + ", lock java.util.concurrent.locks.ReentrantLock$NonfairSync@"), m);
    }

    @Test
    void aVirtualThreadIsNotChecked() throws Exception {
        // ThreadMXBean does not see virtual threads (the fallback switch): the check lets them pass
        Object monitor = new Object();
        assertNull(on(Thread.ofVirtual(), () -> {
            synchronized (monitor) {
                LockCheck.beforeSwitch(wire);
            }
        }));
    }
}
