package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.function.Executable;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class MisuseTest {

    private static void assertNotInWire(Executable call, String name) {
        NotInWireException e = assertThrows(NotInWireException.class, call);
        assertTrue(e.getMessage().startsWith(name + " must be called from inside a wire"), e.getMessage());
        assertTrue(e.getMessage().contains("spawn"), e.getMessage());
    }

    @Test
    void wireOnlyCallsOutsideAWireFail() {
        assertNotInWire(Wire::current, "Wire.current()");
        assertNotInWire(Wire::yieldNow, "Wire.yieldNow()");
        assertNotInWire(Wire::suspend, "Wire.suspend()");
        assertNotInWire(() -> Wire.sleep(Duration.ofMillis(1)), "Wire.sleep(Duration)");
        assertNotInWire(WireScheduler::current, "WireScheduler.current()");
        WireTestHarness.run(s -> {
            Wire w = s.spawn("w", () -> { });
            assertNotInWire(w::join, "Wire.join()");
        });
    }

    @Test
    void wireOnlyCallsInASchedulerTaskFail() {
        Throwable[] caught = new Throwable[1];
        WireTestHarness.run(s -> {
            s.execute(() -> caught[0] = assertThrows(NotInWireException.class, Wire::yieldNow));
        });
        assertTrue(caught[0].getMessage().contains("outside any wire"));
    }

    @Test
    void negativeSleepFailsNamingTheWire() {
        Throwable[] caught = new Throwable[1];
        WireTestHarness.run(s -> {
            s.spawn("napper", () -> caught[0] = assertThrows(IllegalArgumentException.class,
                    () -> Wire.sleep(Duration.ofMillis(-1))));
        });
        assertTrue(caught[0].getMessage().contains("'napper'"), caught[0].getMessage());
        assertTrue(caught[0].getMessage().contains("must not be negative"), caught[0].getMessage());
    }

    @Test
    void nullNamesAndBodiesAreRefused() {
        try (WireScheduler s = WireScheduler.create()) { // never runs: spawn and execute refuse on the caller's thread
            NullPointerException e1 = assertThrows(NullPointerException.class, () -> s.spawn(null, () -> { }));
            assertTrue(e1.getMessage().contains("null name"));
            NullPointerException e2 = assertThrows(NullPointerException.class, () -> s.spawn("x", null));
            assertTrue(e2.getMessage().contains("null body"));
            assertThrows(NullPointerException.class, () -> s.execute(null));
        }
    }

    @Test
    void nullNamesAndBodiesOfValueWiresAreRefusedNamingTheCall() {
        try (WireScheduler s = WireScheduler.create()) { // never runs: spawnTask and submit refuse on the caller's thread
            NullPointerException name = assertThrows(NullPointerException.class, () -> s.spawnTask(null, () -> 1));
            assertEquals("a wire needs a name: spawnTask(name, body) got a null name", name.getMessage());
            NullPointerException body = assertThrows(NullPointerException.class, () -> s.spawnTask("x", null));
            assertEquals("spawnTask(\"x\", body) got a null body", body.getMessage());
        }
    }

    @Test
    void aClosedSchedulerRefusesWork() {
        // created directly: the point is that a closed scheduler refuses run() and new work
        WireScheduler s = WireScheduler.create();
        s.close();
        SchedulerClosedException e = assertThrows(SchedulerClosedException.class, () -> s.spawn("late", () -> { }));
        assertTrue(e.getMessage().contains("late"), e.getMessage());
        assertThrows(SchedulerClosedException.class, () -> s.execute(() -> { }));
        assertThrows(SchedulerClosedException.class, s::run);
        s.close(); // idempotent
    }

    @Test
    void runningTwoSchedulersOnOneThreadFails() {
        Throwable[] caught = new Throwable[1];
        // inner is created directly and never runs: the point is that its run() is refused
        try (WireScheduler inner = WireScheduler.create()) {
            WireTestHarness.run(outer -> outer.spawn("nester",
                    () -> caught[0] = assertThrows(IllegalStateException.class, inner::run)));
        }
        assertTrue(caught[0].getMessage().contains("already runs a scheduler"), caught[0].getMessage());
    }

    @Test
    void negativeStackSizeIsRefused() {
        try (WireScheduler s = WireScheduler.create()) { // never runs: startThread refuses on the caller's thread
            assertThrows(IllegalArgumentException.class, () -> s.startThread("t", -1));
        }
    }
}
