package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jwire.NotInWireException;
import io.jwire.WireScheduler;
import io.jwire.testing.WireTestHarness;
import org.junit.jupiter.api.Test;

/** Confinement: binds on first use, then refuses other schedulers and plain threads with a message naming both. */
class ConfinementTest {
    private static final Object STRUCTURE = new Object() {
        @Override
        public String toString() {
            return "thing 't'";
        }
    };

    @Test
    void theFirstCheckBindsAndLaterChecksFromTheSameSchedulerPass() {
        Confinement c = new Confinement();
        assertNull(c.scheduler());
        WireScheduler[] owner = new WireScheduler[1];
        WireTestHarness.run(s -> {
            owner[0] = s;
            s.spawn("a", () -> {
                c.check(STRUCTURE, "op()");
                assertSame(s, c.scheduler());
                c.check(STRUCTURE, "op()");
                c.check(Waiter.current("test"), STRUCTURE, "op()");
            });
            s.execute(() -> c.check(STRUCTURE, "op() in a task")); // a task of the same scheduler passes too
        });
        assertSame(owner[0], c.scheduler());
    }

    @Test
    void aWireOfAnotherSchedulerIsRefusedWithBothNamed() {
        WireScheduler[] owner = new WireScheduler[1];
        Confinement c = new Confinement();
        WireTestHarness.run(s -> {
            owner[0] = s;
            s.spawn("first", () -> c.check(STRUCTURE, "op()"));
        });
        WireTestHarness.run(other -> other.spawn("intruder", () -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.check(STRUCTURE, "op()"));
            assertEquals("wire 'intruder' of " + other + " called op() on thing 't', which belongs to " + owner[0]
                    + ": channels, locks, semaphores, pools and waits are confined to one scheduler; "
                    + "hand values across with the other scheduler's execute(...)", e.getMessage());
            IllegalStateException viaWaiter = assertThrows(IllegalStateException.class,
                    () -> c.check(Waiter.current("test"), STRUCTURE, "op()"));
            assertEquals(e.getMessage(), viaWaiter.getMessage());
        }));
        WireTestHarness.run(other -> other.execute(() -> {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> c.check(STRUCTURE, "op()"));
            assertEquals("a task of " + other + " called op() on thing 't', which belongs to " + owner[0]
                    + ": channels, locks, semaphores, pools and waits are confined to one scheduler; "
                    + "hand values across with the other scheduler's execute(...)", e.getMessage());
        }));
        assertSame(owner[0], c.scheduler(), "a refused check does not rebind");
    }

    @Test
    void aPlainThreadIsRefusedBeforeTheFirstUseAndTheConfinementStaysUnbound() {
        // Was: an unbound confinement let a thread that runs no scheduler through (null == null skipped the check),
        // although the class comment says such a thread fails.
        Confinement c = new Confinement();
        RuntimeException e = assertThrows(RuntimeException.class, () -> c.check(STRUCTURE, "op()"));
        assertEquals(NotInWireException.class, e.getClass(), "the specific misuse exception: " + e);
        assertEquals("op() on thing 't' from thread '" + Thread.currentThread().getName() + "', which runs no scheduler"
                + ": call it from a wire, or hand it over with scheduler.execute(...)", e.getMessage());
        assertNull(c.scheduler(), "a refused check does not bind");
        WireScheduler[] owner = new WireScheduler[1];
        WireTestHarness.run(s -> {
            owner[0] = s;
            s.execute(() -> c.check(s, STRUCTURE, "op()")); // the scheduler-known variant binds it too
        });
        assertSame(owner[0], c.scheduler(), "still bindable by the first scheduler that uses it");
    }

    @Test
    void aConfinementCreatedForASchedulerNeedsOne() {
        assertThrows(NullPointerException.class, () -> new Confinement(null));
    }

    @Test
    void aPlainThreadIsRefusedOnceBound() {
        try (WireScheduler s = WireScheduler.create()) { // never runs: it only owns the structure
            Confinement bound = new Confinement(s);
            assertSame(s, bound.scheduler());
            NotInWireException b = assertThrows(NotInWireException.class, () -> bound.check(STRUCTURE, "op()"));
            assertEquals("op() on thing 't' from thread '" + Thread.currentThread().getName() + "', which runs no scheduler"
                    + " (it belongs to " + s + "): call it from a wire, or hand it over with scheduler.execute(...)", b.getMessage());
        }
    }
}
