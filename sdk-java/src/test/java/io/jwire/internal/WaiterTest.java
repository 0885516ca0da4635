package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.testing.WireTestHarness;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Waiter's static side: the scheduler layer's access, installed once; what it tells about the calling thread. */
class WaiterTest {

    @Test
    void theAccessIsInstalledOnceByTheSchedulerLayer() {
        assertNull(Waiter.currentScheduler(), "loads the scheduler layer, which installs its access");
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> Waiter.install(null));
        assertEquals("jwire's waiter access is already installed", e.getMessage());
    }

    @Test
    void outsideAnySchedulerThereIsNoSchedulerWireOrWaiter() {
        assertNull(Waiter.currentScheduler());
        assertNull(Waiter.currentWireName());
        NotInWireException e = assertThrows(NotInWireException.class, () -> Waiter.current("X.call()"));
        assertTrue(e.getMessage().startsWith("X.call() must be called from inside a wire"), e.getMessage());
    }

    @Test
    void inAWireAndInATaskTheCallerIsKnown() {
        List<Object> seen = new ArrayList<>();
        WireScheduler[] owner = new WireScheduler[1];
        WireTestHarness.run(s -> {
            owner[0] = s;
            s.execute(() -> {
                seen.add(Waiter.currentScheduler());
                seen.add(Waiter.currentWireName());
                assertThrows(NotInWireException.class, () -> Waiter.current("Y.call()"));
            });
            s.spawn("named", () -> {
                seen.add(Waiter.currentScheduler());
                seen.add(Waiter.currentWireName());
                Waiter me = Waiter.current("Z.call()");
                assertSame(me, Waiter.current("again"), "one waiter per wire, reused");
                seen.add(me.wireName());
                assertSame(Wire.current(), me.wire());
                assertSame(s, me.scheduler());
                assertEquals("waiter of wire 'named'", me.toString());
                assertTrue(!me.isQueued());
            });
        });
        assertEquals(List.of(owner[0], "null", owner[0], "named", "named"),
                seen.stream().map(o -> o == null ? "null" : o).toList());
    }

    @Test
    void thePollerOfTheCallingSchedulerIsReachableForOtherModulesPollers() {
        assertNull(Waiter.currentPoller(), "a plain thread has no poller");
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("w", () -> {
            io.jwire.spi.WirePoller p = Waiter.currentPoller();
            out.add("pending " + p.pendingWaits());
            assertSame(p, Waiter.current("test").poller(), "the same poller through the wire's waiter");
        }));
        assertEquals(List.of("pending 0"), out);
    }
}
