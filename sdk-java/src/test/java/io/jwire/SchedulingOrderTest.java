package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class SchedulingOrderTest {

    @Test
    void manyWiresRunRoundsInSpawnOrder() {
        int wires = 500;
        int rounds = 20;
        List<Integer> order = new ArrayList<>();
        WireTestHarness.run(s -> {
            for (int i = 0; i < wires; i++) {
                int id = i;
                s.spawn("w" + i, () -> {
                    for (int r = 0; r < rounds; r++) {
                        order.add(id);
                        Wire.yieldNow();
                    }
                });
            }
        });
        assertEquals(wires * rounds, order.size());
        for (int k = 0; k < order.size(); k++) {
            assertEquals(k % wires, order.get(k), "position " + k);
        }
    }

    @Test
    void spawnAppendsWithoutSwitching() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("parent", () -> {
                s.spawn("child", () -> out.add("child"));
                out.add("parent after spawn");
                Wire.yieldNow();
                out.add("parent after yield");
            });
        });
        assertEquals(List.of("parent after spawn", "child", "parent after yield"), out);
    }

    @Test
    void resumeAppendsToTheBackOfTheReadyQueue() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            Wire sleeper = s.spawn("sleeper", () -> {
                Wire.suspend();
                out.add("sleeper");
            });
            s.spawn("waker", () -> {
                s.spawn("third", () -> out.add("third"));
                sleeper.resume();
                out.add("waker");
            });
        });
        assertEquals(List.of("waker", "third", "sleeper"), out);
    }

    @Test
    void yieldWithNoOtherReadyWireDoesNotSwitch() {
        long[] switches = new long[2];
        WireTestHarness.run(s -> {
            s.spawn("alone", () -> {
                switches[0] = TestHooks.switchCount(s);
                for (int i = 0; i < 1000; i++) {
                    Wire.yieldNow();
                }
                switches[1] = TestHooks.switchCount(s);
            });
        });
        assertEquals(switches[0], switches[1], "a lone yield must not switch");
    }

    @Test
    void yieldWithAnotherReadyWireSwitches() {
        try (WireScheduler s = WireScheduler.create()) {
            s.spawn("a", () -> {
                for (int i = 0; i < 100; i++) {
                    Wire.yieldNow();
                }
            });
            s.spawn("b", () -> {
                for (int i = 0; i < 100; i++) {
                    Wire.yieldNow();
                }
            });
            WireTestHarness.runChecked(s); // the switch count is read from the scheduler after the run
            assertTrue(TestHooks.switchCount(s) >= 200, "switches: " + TestHooks.switchCount(s));
        }
    }

    @Test
    void aYieldSwitchesWhenATimerIsDue() {
        long[] switches = new long[2];
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("sleeper", () -> {
                Wire.sleep(Duration.ofMillis(2));
                out.add("sleeper woke");
            });
            s.spawn("busy", () -> {
                long until = System.nanoTime() + Duration.ofMillis(20).toNanos();
                while (System.nanoTime() - until < 0) {
                    Thread.onSpinWait(); // the sleeper's timer becomes due meanwhile
                }
                switches[0] = TestHooks.switchCount(s);
                Wire.yieldNow(); // no other wire is ready, but a timer is due: the scheduler gets a turn
                switches[1] = TestHooks.switchCount(s);
            });
        });
        assertTrue(switches[1] > switches[0], "the yield switched: " + switches[0] + " -> " + switches[1]);
        assertEquals(List.of("sleeper woke"), out);
    }
}
