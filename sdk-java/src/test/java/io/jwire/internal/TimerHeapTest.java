package io.jwire.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** TimerHeap on its own: deadline order, FIFO ties, removal anywhere, re-arming, growth, wrap-around. */
class TimerHeapTest {

    /** A timer that records its firing into a shared log. */
    static final class Probe extends Timer {
        final String name;
        final List<String> log;
        boolean armedWhenFired;

        Probe(String name, List<String> log) {
            this.name = name;
            this.log = log;
        }

        @Override
        protected void fire() {
            armedWhenFired = isArmed();
            log.add(name);
        }
    }

    @Test
    void anEmptyHeapFiresNothing() {
        TimerHeap heap = new TimerHeap();
        assertTrue(heap.isEmpty());
        assertEquals(0, heap.size());
        assertEquals(0, heap.fireDue(Long.MAX_VALUE));
    }

    @Test
    void firesDueTimersInDeadlineOrderAndLeavesTheRest() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        Probe c = new Probe("c", log);
        Probe a = new Probe("a", log);
        Probe d = new Probe("d", log);
        Probe b = new Probe("b", log);
        heap.add(c, 30);
        heap.add(a, 10);
        heap.add(d, 40);
        heap.add(b, 20);
        assertEquals(4, heap.size());
        assertFalse(heap.isEmpty());
        assertEquals(10, heap.earliestDeadline());
        assertEquals(0, heap.fireDue(9), "nothing is due before the earliest deadline");
        assertEquals(2, heap.fireDue(20), "a deadline equal to now is due");
        assertEquals(List.of("a", "b"), log);
        assertFalse(a.isArmed());
        assertFalse(a.armedWhenFired, "a timer is disarmed before it fires");
        assertTrue(c.isArmed());
        assertEquals(2, heap.size());
        assertEquals(30, heap.earliestDeadline());
        assertEquals(2, heap.fireDue(1000));
        assertEquals(List.of("a", "b", "c", "d"), log);
        assertTrue(heap.isEmpty());
    }

    @Test
    void equalDeadlinesFireInArmOrder() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        for (int i = 0; i < 20; i++) {
            heap.add(new Probe("t" + i, log), 5);
        }
        heap.fireDue(5);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            expected.add("t" + i);
        }
        assertEquals(expected, log);
    }

    @Test
    void reArmingMovesTheTimerAndCountsItOnce() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        Probe a = new Probe("a", log);
        Probe b = new Probe("b", log);
        heap.add(a, 10);
        heap.add(b, 20);
        heap.add(a, 30); // later now
        assertEquals(2, heap.size());
        assertEquals(20, heap.earliestDeadline());
        assertEquals(30, a.deadline());
        heap.fireDue(25);
        assertEquals(List.of("b"), log);
        heap.add(b, 30); // same deadline as a, armed later: fires after a
        heap.fireDue(30);
        assertEquals(List.of("b", "a", "b"), log);
    }

    @Test
    void removeDisarmsOnceAndKeepsTheOthersInOrder() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        Probe a = new Probe("a", log);
        Probe b = new Probe("b", log);
        Probe c = new Probe("c", log);
        heap.add(a, 10);
        heap.add(b, 20);
        heap.add(c, 30);
        assertTrue(heap.remove(a));
        assertFalse(a.isArmed());
        assertFalse(heap.remove(a), "a second remove finds nothing");
        assertFalse(heap.remove(new Probe("never armed", log)));
        assertEquals(2, heap.size());
        assertEquals(20, heap.earliestDeadline());
        assertTrue(heap.remove(c)); // the last slot
        assertEquals(1, heap.size());
        heap.fireDue(100);
        assertEquals(List.of("b"), log);
    }

    /**
     * Removing from the middle moves the last timer into the hole; when that timer is earlier than
     * the hole's parent it must move up, or it would fire late.
     */
    @Test
    void removeFromTheMiddleSiftsTheMovedTimerUp() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        // heap array after these adds: [10, 100, 20, 110, 120, 25, 30]; 25 (index 5) and 30 sit under 20
        long[] deadlines = {10, 100, 20, 110, 120, 25, 30};
        Probe[] p = new Probe[deadlines.length];
        for (int i = 0; i < p.length; i++) {
            p[i] = new Probe(String.valueOf(deadlines[i]), log);
            heap.add(p[i], deadlines[i]);
        }
        heap.remove(p[3]); // 110 at index 3: the last timer (30) moves there, under 100, and must rise above it
        heap.fireDue(1000);
        assertEquals(List.of("10", "20", "25", "30", "100", "120"), log);
    }

    @Test
    void randomArmsAndRemovesAlwaysFireInDeadlineThenArmOrder() {
        Random random = new Random(7);
        for (int round = 0; round < 200; round++) {
            List<String> log = new ArrayList<>();
            TimerHeap heap = new TimerHeap();
            List<Probe> armed = new ArrayList<>();
            List<long[]> order = new ArrayList<>(); // deadline, arm sequence, index
            int n = 1 + random.nextInt(150); // past the initial capacity of 64 too
            Probe[] probes = new Probe[n];
            long seq = 0;
            long[][] meta = new long[n][];
            for (int i = 0; i < n; i++) {
                probes[i] = new Probe(String.valueOf(i), log);
                long deadline = random.nextInt(50);
                heap.add(probes[i], deadline);
                meta[i] = new long[] {deadline, seq++, i};
                armed.add(probes[i]);
            }
            for (int k = random.nextInt(n); k > 0; k--) {
                Probe victim = armed.remove(random.nextInt(armed.size()));
                assertTrue(heap.remove(victim));
            }
            for (int k = random.nextInt(5); k > 0 && !armed.isEmpty(); k--) { // re-arm some
                Probe again = armed.get(random.nextInt(armed.size()));
                int i = Integer.parseInt(again.name);
                long deadline = random.nextInt(50);
                heap.add(again, deadline);
                meta[i] = new long[] {deadline, seq++, i};
            }
            for (Probe q : armed) {
                order.add(meta[Integer.parseInt(q.name)]);
            }
            order.sort(Comparator.<long[]>comparingLong(m -> m[0]).thenComparingLong(m -> m[1]));
            assertEquals(armed.size(), heap.size());
            assertEquals(armed.size(), heap.fireDue(100));
            assertEquals(order.stream().map(m -> String.valueOf(m[2])).toList(), log, "round " + round);
        }
    }

    @Test
    void deadlinesCompareAcrossTheLongWrapAround() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        long near = Long.MAX_VALUE - 10;
        Probe late = new Probe("late", log);
        Probe early = new Probe("early", log);
        heap.add(late, near + 20); // wraps to a negative value, but is 20 ns after near
        heap.add(early, near);
        assertEquals(near, heap.earliestDeadline());
        assertEquals(1, heap.fireDue(near + 5));
        assertEquals(List.of("early"), log);
        assertEquals(1, heap.fireDue(near + 20));
        assertEquals(List.of("early", "late"), log);
    }

    @Test
    void aTimerMayReArmItselfWhenItFires() {
        List<String> log = new ArrayList<>();
        TimerHeap heap = new TimerHeap();
        Timer[] self = new Timer[1];
        self[0] = new Timer() {
            int fired;

            @Override
            protected void fire() {
                log.add("fired " + ++fired);
                if (fired < 3) {
                    heap.add(self[0], deadline() + 10);
                }
            }
        };
        heap.add(self[0], 10);
        assertEquals(3, heap.fireDue(30), "each re-arm that is already due fires in the same call");
        assertEquals(List.of("fired 1", "fired 2", "fired 3"), log);
        assertTrue(heap.isEmpty());
    }
}
