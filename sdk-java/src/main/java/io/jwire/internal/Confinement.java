package io.jwire.internal;

import java.util.Objects;

/**
 * Binds a structure (channel, lock, semaphore, pool, wait) to the scheduler that first uses it,
 * and fails at once when another scheduler's wire, or a thread that runs no scheduler, uses it.
 * The check on the fast path is one thread-local read and one compare. Not API.
 */
public final class Confinement {
    /**
     * The scheduler of an unbound confinement: never a thread's scheduler, so the one compare of
     * the fast path also sends a thread that runs no scheduler (null) to {@link #bindOrFail}.
     */
    private static final Object UNBOUND = new Object();

    private Object scheduler = UNBOUND;

    /** An unbound confinement; the first {@link #check} binds it. */
    public Confinement() {
    }

    /** Binds this to {@code scheduler} now (a structure created for one scheduler); not null. */
    public Confinement(Object scheduler) {
        this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
    }

    /** The scheduler this is bound to, or null before first use. */
    public Object scheduler() {
        Object s = scheduler;
        return s == UNBOUND ? null : s;
    }

    /**
     * Checks that the calling thread runs the structure's scheduler, binding it on first use.
     *
     * @param structure the structure, named in the message
     * @param call the operation, e.g. {@code "trySend()"}
     * @throws IllegalStateException naming both schedulers, the structure and the wire when the
     *         caller belongs to another scheduler; jwire's {@code NotInWireException} (an
     *         {@code IllegalStateException}) when the calling thread runs no scheduler, bound or not
     */
    public void check(Object structure, String call) {
        Object s = Waiter.currentScheduler();
        if (s != scheduler) {
            bindOrFail(s, structure, call);
        }
    }

    /** Like {@link #check}, for a caller known to run on {@code scheduler} (no thread-local read). */
    public void check(Object scheduler, Object structure, String call) {
        if (scheduler != this.scheduler) {
            bindOrFail(scheduler, structure, call);
        }
    }

    /** Like {@link #check}, for the running wire's waiter {@code me} (no thread-local read). */
    public void check(Waiter me, Object structure, String call) {
        Object s = me.scheduler();
        if (s != scheduler) {
            bindOrFail(s, structure, call);
        }
    }

    /**
     * The running wire's waiter, checked against this structure's scheduler (binding it at first
     * use): {@link Waiter#current} and {@link #check(Waiter, Object, String)} in one, the way every
     * blocking call of a bound structure starts. While the calling thread runs a wire of the bound
     * scheduler, that wire is found without a thread-local lookup.
     *
     * @param structure the structure, for messages
     * @param call the API call, for the not-in-a-wire message, e.g. {@code "WireLock.lock()"}
     * @param op the operation, for the wrong-scheduler message, e.g. {@code "lock()"}
     * @return the running wire's waiter
     * @throws RuntimeException jwire's {@code NotInWireException} outside a wire
     * @throws IllegalStateException when the structure belongs to another scheduler
     */
    public Waiter enter(Object structure, String call, String op) {
        Object s = scheduler;
        if (s != UNBOUND) {
            Waiter me = Waiter.runningOn(s);
            if (me != null) {
                return me;
            }
        }
        Waiter me = Waiter.current(call);
        check(me, structure, op);
        return me;
    }

    private void bindOrFail(Object s, Object structure, String call) {
        if (s == null) {
            throw Waiter.notInWire(call + " on " + structure + " from thread '" + Thread.currentThread().getName()
                    + "', which runs no scheduler" + (scheduler == UNBOUND ? "" : " (it belongs to " + scheduler + ")")
                    + ": call it from a wire, or hand it over with scheduler.execute(...)");
        }
        if (scheduler == UNBOUND) {
            scheduler = s;
            return;
        }
        String wire = Waiter.currentWireName();
        throw new IllegalStateException((wire == null ? "a task" : "wire '" + wire + "'") + " of " + s + " called "
                + call + " on " + structure + ", which belongs to " + scheduler
                + ": channels, locks, semaphores, pools and waits are confined to one scheduler; "
                + "hand values across with the other scheduler's execute(...)");
    }
}
