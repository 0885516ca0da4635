package io.jwire.internal;

import java.util.Arrays;

/**
 * A binary min-heap of {@link Timer}s ordered by deadline, then by arm order, so timers with
 * equal deadlines fire FIFO. One per scheduler; confined to its thread. Not API.
 */
public final class TimerHeap {
    private Timer[] heap = new Timer[64];
    private int size;
    private long sequence;

    /** Number of armed timers. */
    public int size() {
        return size;
    }

    /** Whether no timer is armed. */
    public boolean isEmpty() {
        return size == 0;
    }

    /** The earliest deadline; only valid when not empty. */
    public long earliestDeadline() {
        return heap[0].deadline;
    }

    /** Arms {@code t} for {@code deadline} (nanoTime units), re-arming it if already armed. */
    public void add(Timer t, long deadline) {
        if (t.index >= 0) {
            remove(t);
        }
        t.deadline = deadline;
        t.sequence = sequence++;
        if (size == heap.length) {
            heap = Arrays.copyOf(heap, size * 2);
        }
        t.index = size;
        heap[size++] = t;
        siftUp(t.index);
    }

    /** Disarms {@code t}; returns false when it was not armed. */
    public boolean remove(Timer t) {
        int i = t.index;
        if (i < 0) {
            return false;
        }
        Timer last = heap[--size];
        heap[size] = null;
        t.index = -1;
        if (i != size) {
            heap[i] = last;
            last.index = i;
            siftDown(i);
            siftUp(last.index);
        }
        return true;
    }

    /** Fires, in deadline order, every timer whose deadline is at or before {@code now}; returns how many. */
    public int fireDue(long now) {
        int fired = 0;
        while (size > 0 && heap[0].deadline - now <= 0) {
            Timer t = heap[0];
            remove(t);
            fired++;
            t.fire();
        }
        return fired;
    }

    private static boolean less(Timer a, Timer b) {
        long d = a.deadline - b.deadline;
        return d < 0 || (d == 0 && a.sequence < b.sequence);
    }

    private void siftUp(int i) {
        Timer t = heap[i];
        while (i > 0) {
            int parent = (i - 1) >>> 1;
            Timer p = heap[parent];
            if (!less(t, p)) {
                break;
            }
            heap[i] = p;
            p.index = i;
            i = parent;
        }
        heap[i] = t;
        t.index = i;
    }

    private void siftDown(int i) {
        Timer t = heap[i];
        int half = size >>> 1;
        while (i < half) {
            int child = 2 * i + 1;
            Timer c = heap[child];
            int right = child + 1;
            if (right < size && less(heap[right], c)) {
                child = right;
                c = heap[child];
            }
            if (!less(c, t)) {
                break;
            }
            heap[i] = c;
            c.index = i;
            i = child;
        }
        heap[i] = t;
        t.index = i;
    }
}
