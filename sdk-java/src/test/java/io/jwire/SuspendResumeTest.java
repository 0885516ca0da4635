package io.jwire;

import io.jwire.sync.WirePool;
import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SuspendResumeTest {

    @Test
    void suspendedWireRunsAgainOnlyAfterResume() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire waiter = s.spawn("waiter", () -> {
                out.add("suspending");
                Wire.suspend();
                out.add("resumed");
            });
            s.spawn("resumer", () -> {
                for (int i = 0; i < 3; i++) {
                    out.add("tick " + i);
                    assertEquals(WireState.SUSPENDED, waiter.state());
                    Wire.yieldNow();
                }
                waiter.resume();
                out.add("resume sent");
            });
        });
        assertEquals(List.of("suspending", "tick 0", "tick 1", "tick 2", "resume sent", "resumed"), out);
    }

    @Test
    void resumeBeforeSuspendIsKept() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("self", () -> {
                Wire.current().resume();
                Wire.suspend();
                out.add("returned at once");
            });
        });
        assertEquals(List.of("returned at once"), out);
    }

    @Test
    void statesFollowTheLifeCycle() {
        List<WireState> seen = new ArrayList<>();
        Wire[] w = new Wire[1];
        WireTestHarness.run(s -> {
            w[0] = s.spawn("w", () -> seen.add(Wire.current().state()));
            seen.add(w[0].state());
        });
        seen.add(w[0].state());
        assertEquals(List.of(WireState.READY, WireState.RUNNING, WireState.ENDED), seen);
    }

    @Test
    void resumeFromAnotherThreadWakesTheIdleScheduler() throws Exception {
        CountDownLatch suspended = new CountDownLatch(1);
        AtomicReference<Wire> waiter = new AtomicReference<>();
        List<String> out = new ArrayList<>();
        Thread[] foreign = new Thread[1];
        WireTestHarness.run(s -> {
            KeepAlive hold = s.keepAlive();
            waiter.set(s.spawn("waiter", () -> {
                out.add("suspending");
                suspended.countDown();
                Wire.suspend();
                out.add("woken by " + Thread.currentThread().getName().isEmpty());
            }));
            foreign[0] = new Thread(() -> {
                try (hold) {
                    assertTrue(suspended.await(10, TimeUnit.SECONDS));
                    Thread.sleep(50); // let the scheduler go idle in its poller
                    waiter.get().resume();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }, "foreign");
            foreign[0].start();
        });
        foreign[0].join();
        assertEquals(2, out.size());
        assertEquals(WireState.ENDED, waiter.get().state());
    }

    @Test
    void resumeOfAnEndedWireFailsNamingIt() {
        try (WireScheduler s = WireScheduler.create()) {
            Wire done = s.spawn("done", () -> { });
            WireTestHarness.runChecked(s); // the resume below is refused while the scheduler is still open
            WireEndedException e = assertThrows(WireEndedException.class, done::resume);
            assertTrue(e.getMessage().contains("'done'"), e.getMessage());
        }
    }

    @Test
    void suspendRecordsWhatTheWireWaitsOn() {
        String[] dump = new String[1];
        WireTestHarness.run(s -> {
            Wire w = s.spawn("waiting", () -> Wire.suspend("the answer"));
            s.spawn("dumper", () -> {
                dump[0] = s.dump();
                w.resume();
            });
        });
        assertTrue(dump[0].contains("wire 'waiting' SUSPENDED waiting on the answer"), dump[0]);
        assertTrue(dump[0].contains("wire 'dumper' RUNNING"), dump[0]);
    }

    @Test
    void inWireAndToStringTellWhereAndWhatAWireIs() {
        assertFalse(Wire.inWire(), "a plain thread is in no wire");
        List<String> out = new ArrayList<>();
        Wire[] w = new Wire[1];
        WireTestHarness.run(s -> {
            s.execute(() -> out.add("task in wire: " + Wire.inWire()));
            w[0] = s.spawn("named", () -> {
                out.add("wire in wire: " + Wire.inWire());
                out.add(Wire.current().toString());
            });
            out.add(w[0].toString());
        });
        out.add(w[0].toString());
        assertEquals(List.of("Wire[named, READY]", "task in wire: false", "wire in wire: true", "Wire[named, RUNNING]",
                "Wire[named, ENDED]"), out);
    }

    @Test
    void aWireThatCancelledItselfCannotSuspend() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> s.spawn("self", () -> {
            Wire.current().cancel();
            try {
                Wire.suspend("never"); // would wait forever: the pending cancel comes first
            } catch (WireCancelledException e) {
                out.add("cancelled at suspend");
            }
            Wire.current().resume(); // a permit, kept for the next suspend
            Wire.suspend();
            out.add("the permit was kept");
        }));
        assertEquals(List.of("cancelled at suspend", "the permit was kept"), out);
    }

    @Test
    void aDumpFromInsideAWireShowsItsOwnStackAndBetweenRunsIsTakenAtOnce() {
        String[] dump = new String[1];
        try (WireScheduler s = WireScheduler.create()) {
            WirePool pool = new WirePool(s, "p", 1);
            s.spawn("dumper", () -> {
                pool.start("t", () -> { });
                dump[0] = s.dump();
            });
            WireTestHarness.runChecked(s); // its idle worker stays: dumped from this thread between two runs
            String idle = s.dump();
            assertTrue(idle.contains("1 live wire(s)") && idle.contains("wire 'p/worker-1' SUSPENDED waiting on a task from pool 'p'"),
                    idle);
            s.execute(pool::close);
            WireTestHarness.runChecked(s);
            assertTrue(s.dump().contains("0 live wire(s)"), s.dump());
        }
        assertTrue(dump[0].contains("wire 'dumper' RUNNING\n\tat "), dump[0]);
        assertTrue(dump[0].contains("SuspendResumeTest"), "the running wire's own stack: " + dump[0]);
    }
}
