package io.jwire;

/**
 * A FIFO queue of wires blocked in one structure (a channel's senders or receivers, a lock's or
 * semaphore's waiters, a pool's starters), linked through fields of {@link Wire} so that
 * blocking allocates nothing. A wire is in at most one queue at a time. The waking side removes
 * the wire, sets its {@link Wire#waitStatus} (and, for channels, {@link Wire#handoff}) and
 * resumes it; the blocked side learns the outcome from {@link #await}. Confined to the
 * scheduler's thread. Not API.
 */
final class WaitQueue {
    /** Still queued. */
    static final int WAITING = 1;
    /** Woken with what it waited for: a value, the lock, a permit, a slot. */
    static final int GRANTED = 2;
    /** Woken because the structure was closed; nothing was granted. */
    static final int CLOSED = 3;
    /** The deadline passed first; the wire left the queue with nothing. */
    static final int TIMED_OUT = 4;

    private Wire head;
    private Wire tail;
    private int size;
    /** The scheduler whose wires wait here, bound at the first wait: structures are confined to one. */
    private WireScheduler scheduler;

    boolean isEmpty() {
        return head == null;
    }

    int size() {
        return size;
    }

    /** The first waiter, or null. */
    Wire peek() {
        return head;
    }

    /** Removes and returns the first waiter, or null. */
    Wire poll() {
        Wire w = head;
        if (w != null) {
            remove(w);
        }
        return w;
    }

    void add(Wire w) {
        w.waitQueue = this;
        w.prevWaiter = tail;
        w.nextWaiter = null;
        if (tail == null) {
            head = w;
        } else {
            tail.nextWaiter = w;
        }
        tail = w;
        size++;
    }

    void remove(Wire w) {
        if (w.waitQueue != this) {
            return;
        }
        if (w.prevWaiter != null) {
            w.prevWaiter.nextWaiter = w.nextWaiter;
        } else {
            head = w.nextWaiter;
        }
        if (w.nextWaiter != null) {
            w.nextWaiter.prevWaiter = w.prevWaiter;
        } else {
            tail = w.prevWaiter;
        }
        w.prevWaiter = w.nextWaiter = null;
        w.waitQueue = null;
        size--;
    }

    /** Removes the first waiter and wakes it with {@code status} and {@code value}; returns it, or null when empty. */
    Wire wakeFirst(int status, Object value) {
        Wire w = poll();
        if (w != null) {
            wake(w, status, value);
        }
        return w;
    }

    /** Wakes every waiter with {@code status}, in FIFO order. */
    void wakeAll(int status) {
        Wire w;
        while ((w = poll()) != null) {
            wake(w, status, null);
        }
    }

    private static void wake(Wire w, int status, Object value) {
        w.handoff = value;
        w.waitStatus = status;
        w.resumeLocal();
    }

    /**
     * Blocks {@code me} (the running wire) at the back of this queue until a waker ends its wait,
     * or until {@code deadline} when {@code timed}. Returns the status: {@link #GRANTED},
     * {@link #CLOSED} or {@link #TIMED_OUT}. A wire cancelled while still queued leaves the queue
     * and gets the {@link WireCancelledException}; one cancelled after it was granted keeps what
     * it got (the status is returned) and receives the cancel at its next switch, so no value,
     * lock, permit or slot is lost.
     */
    int await(Wire me, Object blocker, boolean timed, long deadline) {
        if (scheduler != me.scheduler) {
            if (scheduler != null) {
                throw new IllegalStateException("wire '" + me.name() + "' of " + me.scheduler + " cannot wait on "
                        + blocker + ": it is used by the wires of " + scheduler + "; channels, locks, semaphores "
                        + "and pools are confined to one scheduler (hand values across with execute())");
            }
            scheduler = me.scheduler;
        }
        me.waitStatus = WAITING;
        add(me);
        if (timed) {
            me.armTimer(deadline);
        }
        try {
            while (me.waitStatus == WAITING) {
                if (timed && !me.timerArmed()) {
                    remove(me);
                    me.waitStatus = TIMED_OUT;
                    break;
                }
                me.park(blocker);
            }
            return me.waitStatus;
        } catch (WireCancelledException e) {
            if (me.waitStatus == WAITING) {
                remove(me);
                me.waitStatus = 0;
                throw e;
            }
            me.deferCancel();
            return me.waitStatus;
        } catch (RuntimeException | Error e) {
            if (me.waitStatus == WAITING) {
                remove(me);
                me.waitStatus = 0;
            }
            throw e;
        } finally {
            if (timed) {
                me.disarmTimer();
            }
        }
    }
}
