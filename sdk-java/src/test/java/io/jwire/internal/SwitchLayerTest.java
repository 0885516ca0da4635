package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotSame;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Both switch layers driven by hand: run until yield, resume, end; stacks while suspended; the choice by property. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SwitchLayerTest {

    private static boolean fastPathExported() {
        return Object.class.getModule().isExported("jdk.internal.vm", SwitchLayer.class.getModule());
    }

    @Test
    void theVirtualThreadSwitchRunsACoroutineStepByStep() {
        driveByHand(SwitchLayer.Holder.choose("virtual-thread"), true);
    }

    @Test
    void theContinuationSwitchRunsACoroutineStepByStep() {
        assumeTrue(fastPathExported(), "needs " + SwitchLayer.FAST_PATH_FLAG);
        driveByHand(SwitchLayer.Holder.choose("continuation"), false);
    }

    private static void driveByHand(SwitchLayer layer, boolean separateThreads) {
        assertEquals(separateThreads, layer.separateThreads());
        List<String> log = new ArrayList<>();
        Thread driver = Thread.currentThread();
        Coroutine[] self = new Coroutine[1];
        self[0] = layer.create("hand-driven", () -> {
            log.add("step 1 on " + (Thread.currentThread() == driver ? "driver" : "own thread"));
            parkedHere(layer, self[0]);
            log.add("step 2");
            parkedHere(layer, self[0]);
            log.add("step 3");
        });
        assertEquals(0, self[0].stackTrace().length, "not started: no stack");
        assertFalse(self[0].resume(), "yielded, not ended");
        assertEquals(List.of("step 1 on " + (separateThreads ? "own thread" : "driver")), log);
        String stack = Arrays.toString(self[0].stackTrace());
        assertTrue(stack.contains("parkedHere"), "a suspended coroutine shows where it waits: " + stack);
        assertFalse(self[0].resume());
        assertEquals(2, log.size());
        assertTrue(self[0].resume(), "ended");
        assertEquals(List.of(log.get(0), "step 2", "step 3"), log);
        assertEquals(0, self[0].stackTrace().length, "ended: no stack");
    }

    private static void parkedHere(SwitchLayer layer, Coroutine self) {
        layer.yieldCurrent(self);
    }

    @Test
    void aBodyThatThrowsEndsTheCoroutine() {
        List<SwitchLayer> layers = new ArrayList<>(List.of(SwitchLayer.Holder.choose("virtual-thread")));
        if (fastPathExported()) {
            layers.add(SwitchLayer.Holder.choose("continuation"));
        }
        for (SwitchLayer layer : layers) {
            Coroutine c = layer.create("thrower", () -> {
                throw new IllegalStateException("boom");
            });
            // the continuation rethrows into the driver; the virtual thread ends with it (reported by its handler)
            try {
                assertTrue(c.resume(), layer.name());
            } catch (IllegalStateException e) {
                assertEquals("boom", e.getMessage());
            }
        }
    }

    @Test
    void thePropertyChoosesTheImplementation() {
        SwitchLayer vt = SwitchLayer.Holder.choose("virtual-thread");
        assertEquals("virtual-thread", vt.name());
        assertTrue(vt.separateThreads());
        assertNotSame(vt, SwitchLayer.Holder.choose("virtual-thread"), "a fresh layer each time");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> SwitchLayer.Holder.choose("fibers"));
        assertEquals("-Djwire.switch=fibers is not known; use continuation or virtual-thread", e.getMessage());
        SwitchLayer auto = SwitchLayer.Holder.choose("");
        if (fastPathExported()) {
            assertEquals("continuation", auto.name());
            assertFalse(auto.separateThreads());
            SwitchLayer forced = SwitchLayer.Holder.choose("continuation");
            assertInstanceOf(ContinuationSwitch.class, forced);
        } else {
            assertEquals("virtual-thread", auto.name());
            IllegalStateException s = assertThrows(IllegalStateException.class, () -> SwitchLayer.Holder.choose("continuation"));
            assertEquals("-Djwire.switch=continuation needs the JVM flag " + SwitchLayer.FAST_PATH_FLAG
                    + " (on the module path: --add-exports java.base/jdk.internal.vm=io.jwire)"
                    + "; add it, or drop the property to use the portable switch", s.getMessage());
        }
        assertSame(SwitchLayer.get(), SwitchLayer.get(), "get() chooses once");
    }

    @Test
    void theVirtualThreadSwitchRunsEachCoroutineOnItsOwnNamedVirtualThread() {
        SwitchLayer layer = SwitchLayer.Holder.choose("virtual-thread");
        Coroutine[] self = new Coroutine[1];
        Thread[] ran = new Thread[2];
        self[0] = layer.create("named", () -> {
            ran[0] = Thread.currentThread();
            layer.yieldCurrent(self[0]);
            ran[1] = Thread.currentThread();
        });
        assertEquals(null, self[0].thread(), "no thread before it first runs");
        assertFalse(self[0].resume());
        Thread t = self[0].thread();
        assertSame(ran[0], t);
        assertTrue(t.isVirtual());
        assertEquals("jwire:named", t.getName());
        assertTrue(self[0].resume());
        assertSame(t, ran[1], "resumed on the same thread");
    }

    /**
     * A coroutine's interrupt status is its own: set before a yield, it is still set when the
     * coroutine runs again, and the thread that drove it never sees it (both switches).
     */
    @Test
    void anInterruptStatusStaysWithTheCoroutineAcrossAYield() {
        List<SwitchLayer> layers = new ArrayList<>(List.of(SwitchLayer.Holder.choose("virtual-thread")));
        if (fastPathExported()) {
            layers.add(SwitchLayer.Holder.choose("continuation"));
        }
        for (SwitchLayer layer : layers) {
            Coroutine[] self = new Coroutine[1];
            boolean[] after = new boolean[1];
            self[0] = layer.create("interrupted", () -> {
                Thread.currentThread().interrupt();
                layer.yieldCurrent(self[0]);
                after[0] = Thread.interrupted();
            });
            assertFalse(self[0].resume(), layer.name());
            assertFalse(Thread.currentThread().isInterrupted(), layer.name() + ": the driver is not interrupted");
            assertTrue(self[0].resume(), layer.name());
            assertTrue(after[0], layer.name() + ": the coroutine is still interrupted after its yield");
        }
    }

    /** A wire that takes longer than the scheduler's spin hands back through park and unpark. */
    @Test
    void theVirtualThreadSwitchWaitsForASlowWireAndIsWokenWhenItEnds() {
        SwitchLayer layer = SwitchLayer.Holder.choose("virtual-thread");
        Coroutine[] self = new Coroutine[1];
        List<String> log = new ArrayList<>();
        self[0] = layer.create("slow", () -> {
            sleep(50);
            log.add("yielding");
            layer.yieldCurrent(self[0]);
            sleep(50);
            log.add("ending");
        });
        assertFalse(self[0].resume());
        assertEquals(List.of("yielding"), log);
        assertTrue(self[0].resume());
        assertEquals(List.of("yielding", "ending"), log);
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            throw new AssertionError(e);
        }
    }
}
