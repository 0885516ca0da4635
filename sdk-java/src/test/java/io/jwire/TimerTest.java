package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class TimerTest {

    @Test
    void tenThousandSleepersWakeInDeadlineOrderAndNeverEarly() {
        int n = 10_000;
        Random random = new Random(42);
        long base = System.nanoTime() + Duration.ofMillis(50).toNanos();
        long[] deadline = new long[n];
        long[] woke = new long[n];
        List<Integer> wakeOrder = new ArrayList<>(n);
        WireTestHarness.run(s -> {
            for (int i = 0; i < n; i++) {
                int id = i;
                deadline[i] = base + Duration.ofMillis(random.nextInt(300)).toNanos();
                s.spawn("sleeper-" + i, () -> {
                    Wire.current().sleepUntil(deadline[id]);
                    woke[id] = System.nanoTime();
                    wakeOrder.add(id);
                });
            }
        });
        assertEquals(n, wakeOrder.size());
        for (int i = 0; i < n; i++) {
            assertTrue(woke[i] >= deadline[i], "sleeper " + i + " woke early");
        }
        List<Integer> expected = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            expected.add(i);
        }
        expected.sort(Comparator.comparingLong((Integer i) -> deadline[i]).thenComparingInt(i -> i));
        assertEquals(expected, wakeOrder, "wake order is deadline order, ties in arm order");
    }

    @Test
    void sleepWaitsAtLeastItsDuration() {
        long[] took = new long[1];
        WireTestHarness.run(s -> {
            s.spawn("napper", () -> {
                long t0 = System.nanoTime();
                Wire.sleep(Duration.ofMillis(30));
                took[0] = System.nanoTime() - t0;
            });
        });
        assertTrue(took[0] >= Duration.ofMillis(30).toNanos(), "took " + took[0]);
    }

    @Test
    void equalDeadlinesFireInArmOrder() {
        List<Integer> order = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("armer", () -> {
                // the same Duration from one instant cannot be guaranteed, so arm from one wire in sequence
                for (int i = 0; i < 50; i++) {
                    int id = i;
                    s.spawn("s" + i, () -> {
                        Wire.sleep(Duration.ofMillis(5));
                        order.add(id);
                    });
                }
            });
        });
        for (int i = 0; i < 50; i++) {
            assertEquals(i, order.get(i));
        }
    }

    @Test
    void sleepZeroIsAYield() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("a", () -> {
                out.add("a1");
                Wire.sleep(Duration.ZERO);
                out.add("a2");
            });
            s.spawn("b", () -> out.add("b"));
        });
        assertEquals(List.of("a1", "b", "a2"), out);
    }

    @Test
    void hugeSleepIsCancellable() {
        Wire[] w = new Wire[1];
        WireTestHarness.run(s -> {
            w[0] = s.spawn("forever", () -> Wire.sleep(Duration.ofSeconds(Long.MAX_VALUE)));
            s.spawn("stopper", w[0]::cancel);
        });
        assertEquals(WireState.ENDED, w[0].state());
    }
}
