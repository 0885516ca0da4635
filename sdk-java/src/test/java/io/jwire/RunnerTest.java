package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Fresh wires start on a shared coroutine: a wire that ends without switching out hands its
 * coroutine to the next fresh wire at the head of the ready queue, in place, within the same round.
 * Nothing a wire can observe changes: FIFO order, round boundaries (timers, tasks and events still
 * get their turn), interrupt status, and the names in errors.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class RunnerTest {
    private static final int WIRES = 1_000;

    private static boolean sharesCoroutines(WireScheduler s) {
        return s.switchImplementation().equals("continuation");
    }

    @Test
    void freshWiresThatEndWithoutSwitchingRunInPlaceInFifoOrder() {
        List<Integer> order = new ArrayList<>();
        long[] switches = new long[2];
        boolean[] shared = new boolean[1];
        WireTestHarness.run(s -> s.spawn("spawner", () -> {
            shared[0] = sharesCoroutines(s);
            for (int i = 0; i < WIRES; i++) {
                int n = i;
                s.spawn("child " + n, () -> order.add(n));
            }
            switches[0] = s.switchCount();
            s.spawn("last", () -> switches[1] = s.switchCount());
        }));
        assertEquals(IntStream.range(0, WIRES).boxed().toList(), order);
        long used = switches[1] - switches[0];
        if (shared[0]) {
            // the spawner's end and the children run on one coroutine resumed once
            assertTrue(used <= 2, used + " switches for " + WIRES + " wires that never switch out");
        } else {
            assertEquals(WIRES + 1, used, "each wire on the virtual-thread switch has a thread of its own");
        }
    }

    @Test
    void wiresThatSwitchOutKeepTheirStackAndFifoOrderAmongFreshOnes() {
        List<String> log = new ArrayList<>();
        WireTestHarness.run(s -> {
            WireWait gate = new WireWait("gate");
            s.spawn("a", () -> {
                log.add("a1");
                Wire.yieldNow();
                log.add("a2");
                gate.resume();
            });
            s.spawn("b", () -> log.add("b"));
            s.spawn("c", () -> {
                log.add("c1");
                gate.await();
                log.add("c2");
            });
            s.spawn("d", () -> {
                log.add("d1");
                Wire.yieldNow();
                log.add("d2");
                s.spawn("e", () -> log.add("e"));
            });
        });
        assertEquals(List.of("a1", "b", "c1", "d1", "a2", "d2", "c2", "e"), log);
    }

    @Test
    void anEndlessChainOfFreshWiresStillLetsTimersFire() {
        boolean[] woke = new boolean[1];
        int[] links = new int[1];
        WireTestHarness.run(s -> {
            s.spawn("sleeper", () -> {
                Wire.sleep(Duration.ofMillis(20));
                woke[0] = true;
            });
            s.spawn("link", new Runnable() {
                @Override
                public void run() {
                    links[0]++;
                    if (!woke[0]) {
                        s.spawn("link", this); // each link runs in the round after the one that spawned it
                    }
                }
            });
        });
        assertTrue(woke[0]);
        assertTrue(links[0] > 1, links[0] + " links");
    }

    @Test
    void anInterruptStatusEndsWithItsWire() {
        boolean[] seen = {true, true};
        WireTestHarness.run(s -> {
            s.spawn("interrupter", () -> Thread.currentThread().interrupt());
            s.spawn("next", () -> seen[0] = Thread.currentThread().isInterrupted());
            s.spawn("parker", () -> {
                Thread.currentThread().interrupt();
                Wire.yieldNow();
                assertTrue(Thread.currentThread().isInterrupted(), "its own status comes back with it");
            });
            s.spawn("after", () -> {
                seen[1] = Thread.currentThread().isInterrupted();
                Wire.yieldNow();
            });
        });
        assertFalse(seen[0], "the status of an ended wire reached the next one");
        assertFalse(seen[1], "the status of a suspended wire reached the next one");
    }

    @Test
    void aPinnedSwitchNamesTheWireNotTheOneThatStartedItsCoroutine() {
        Throwable[] caught = new Throwable[1];
        WireTestHarness.run(s -> {
            assumeTrue(sharesCoroutines(s), "only the Continuation switch pins");
            s.spawn("first", () -> { });
            s.spawn("second", () -> {
                jdk.internal.vm.Continuation.pin();
                try {
                    Wire.yieldNow();
                } catch (WirePinnedException e) {
                    caught[0] = e;
                } finally {
                    jdk.internal.vm.Continuation.unpin();
                }
            });
            s.spawn("other", () -> { });
        });
        assertNotNull(caught[0], "expected WirePinnedException");
        String m = caught[0].getMessage();
        assertTrue(m.startsWith("wire 'second' cannot switch out because"), m);
    }

    @Test
    void anIdleRunnerKeepsNothingOfItsLastWire() throws InterruptedException {
        WireScheduler s = WireScheduler.create();
        List<Throwable> failures = WireTestHarness.watch(s);
        @SuppressWarnings("unchecked")
        WeakReference<Object>[] value = new WeakReference[1];
        s.spawn("owner", () -> {
            WireTask<byte[]> big = s.spawnTask("big", () -> new byte[1 << 20]);
            value[0] = new WeakReference<>(big.join());
        });
        s.run();
        WireTestHarness.rethrow(failures);
        for (int i = 0; i < 50 && value[0].get() != null; i++) {
            System.gc();
            Thread.sleep(10);
        }
        assertTrue(value[0].get() == null, "an idle runner of a live scheduler still holds its last wire's value");
        s.close();
    }

    @Test
    void aSuspendedWiresStackShowsItsBodyAndAFreshOneHasNone() {
        String[] dump = new String[1];
        WireTestHarness.run(s -> {
            WireWait never = new WireWait("never");
            Wire parked = s.spawn("parked", () -> {
                try {
                    never.await();
                } catch (WireCancelledException e) {
                    // cancelled below
                }
            });
            s.spawn("dumper", () -> {
                Wire fresh = s.spawn("fresh", () -> { });
                dump[0] = s.dump();
                assertEquals(WireState.READY, fresh.state());
                parked.cancel();
            });
        });
        assertTrue(dump[0].contains("parked"), dump[0]);
        assertTrue(dump[0].contains("RunnerTest"), dump[0]);
        assertTrue(dump[0].contains("fresh"), dump[0]);
    }
}
