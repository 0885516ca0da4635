package io.jwire.internal;

/**
 * A FIFO queue of parked {@link Waiter}s (a channel's senders or receivers, a lock's or
 * semaphore's waiters, a pool's starters), linked through the waiters themselves so that
 * blocking allocates nothing. A waiter is in at most one queue at a time. The waking side
 * removes the waiter, sets its {@link Waiter#status} (and {@link Waiter#value}) and wakes it; the
 * parked side learns the outcome from {@link #await}. Confined to the scheduler's thread. Not API.
 */
public final class WaitQueue {
    private final Chain<Waiter> waiters = new Chain<>();

    /** An empty queue. */
    public WaitQueue() {
    }

    /** Whether no waiter is queued. */
    public boolean isEmpty() {
        return waiters.isEmpty();
    }

    /** The number of queued waiters. */
    public int size() {
        return waiters.size();
    }

    /** The first waiter, or null. */
    public Waiter peek() {
        return waiters.first();
    }

    /** Removes and returns the first waiter, or null. */
    public Waiter poll() {
        return waiters.poll();
    }

    /** Appends {@code w}, which must not be queued anywhere. */
    public void add(Waiter w) {
        waiters.add(w);
    }

    /** Removes {@code w} if it is in this queue. */
    public void remove(Waiter w) {
        waiters.remove(w);
    }

    /** Removes the first waiter and wakes it with {@code status} and {@code value}; returns it, or null when empty. */
    public Waiter wakeFirst(int status, Object value) {
        Waiter w = poll();
        if (w != null) {
            w.value = value;
            w.status = status;
            w.wake();
        }
        return w;
    }

    /** Wakes every waiter with {@code status}, in FIFO order. */
    public void wakeAll(int status) {
        while (wakeFirst(status, null) != null) {
            // each call removes one
        }
    }

    /**
     * Parks {@code me} (the running wire's waiter) at the back of this queue until a waker ends
     * its wait, or until {@code deadline} when {@code timed}. Returns the status:
     * {@link Waiter#GRANTED}, {@link Waiter#CLOSED} or {@link Waiter#TIMED_OUT}. A wire cancelled
     * while still queued leaves the queue and gets the cancellation; one cancelled after it was
     * granted keeps what it got (the status is returned) and receives the cancel at its next
     * switch, so no value, lock, permit or slot is lost.
     */
    public int await(Waiter me, Object blocker, boolean timed, long deadline) {
        me.status = Waiter.WAITING;
        add(me);
        try {
            while (me.status == Waiter.WAITING) {
                if (timed) {
                    if (!me.parkUntil(blocker, deadline) && me.status == Waiter.WAITING) {
                        remove(me);
                        me.status = Waiter.TIMED_OUT;
                    }
                } else {
                    me.park(blocker);
                }
            }
            return me.status;
        } catch (RuntimeException | Error e) {
            if (me.status == Waiter.WAITING) {
                remove(me);
                me.status = 0;
                throw e;
            }
            if (me.isCancellation(e)) {
                me.deferCancel();
                return me.status;
            }
            throw e;
        }
    }
}
