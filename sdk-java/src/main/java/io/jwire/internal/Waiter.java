package io.jwire.internal;

import io.jwire.spi.WirePoller;

/**
 * The wait layer's node for one wire: the one way every blocking site of jwire parks. A wire
 * owns exactly one waiter (made at its first wait and reused for its life), so waiting
 * allocates nothing. It carries the state of the wait in progress (its place in a
 * {@link WaitQueue}, the outcome, a handed-over value) so that {@code Wire} holds none of it.
 *
 * <p>Blocking sites get the running wire's waiter with {@link #current(String)} and park it with
 * {@link #park(Object)} or {@link #parkUntil(Object, long)}; wakers call {@link #wake()}. Every
 * method except {@link #current(String)} runs on the scheduler's thread. Not API: exported only
 * to jwire's own modules.
 */
public abstract class Waiter extends Chain.Link<Waiter> {
    /** Still waiting in a {@link WaitQueue}. */
    public static final int WAITING = 1;
    /** Woken with what it waited for: a value, the lock, a permit, a slot. */
    public static final int GRANTED = 2;
    /** Woken because the structure was closed; nothing was granted. */
    public static final int CLOSED = 3;
    /** The deadline passed first; the waiter left the queue with nothing. */
    public static final int TIMED_OUT = 4;

    /** Installed once by the scheduler layer: finds the running wire's waiter. */
    private static final UpperAccess<Access> ACCESS = new UpperAccess<>("io.jwire.Wire", "waiter access");

    /** The outcome of the wait in progress (one of the constants above), set by the waker. */
    public int status;
    /** A value handed to the waiter (a channel's hand-off), set by the waker. */
    public Object value;

    /** For subclasses: one per wire, made by the scheduler layer. */
    protected Waiter() {
    }

    /** How the scheduler layer finds the running wire's waiter. */
    public interface Access {
        /** The running wire's waiter; throws jwire's not-in-a-wire exception naming {@code call}. */
        Waiter current(String call);

        /**
         * The running wire's waiter when the calling thread runs {@code scheduler} and is inside
         * one of its wires, else null; no thread-local lookup.
         */
        Waiter runningOn(Object scheduler);

        /** The scheduler whose thread this is (in a wire or a scheduler task), or null. */
        Object currentScheduler();

        /** The running wire's name, or null outside a wire. */
        String currentWireName();

        /** Sets what runs on the scheduler's thread when {@code wire} ends, however it ends. */
        void onEnd(Object wire, Runnable action);

        /** The poller of the scheduler whose thread this is, or null. */
        WirePoller currentPoller();

        /** jwire's not-in-a-wire exception with {@code message}, for a thread that runs no scheduler. */
        RuntimeException notInWire(String message);
    }

    /**
     * Installs the scheduler layer's access; called once from its class initialisation.
     *
     * @throws IllegalStateException when an access is already installed
     */
    public static void install(Access a) {
        ACCESS.install(a);
    }

    /**
     * The running wire's waiter. Any thread.
     *
     * @param call the API call asking, for the exception message, e.g. {@code "WireLock.lock()"}
     * @throws RuntimeException jwire's {@code NotInWireException} when no wire runs on this thread
     */
    public static Waiter current(String call) {
        return ACCESS.get().current(call);
    }

    /**
     * The running wire's waiter when the calling thread runs {@code scheduler} (an
     * {@code io.jwire.WireScheduler}) and is inside one of its wires, else null: the fast form of
     * {@link #current} for a structure that knows its scheduler. Any thread.
     */
    public static Waiter runningOn(Object scheduler) {
        return ACCESS.get().runningOn(scheduler);
    }

    /** The scheduler whose thread this is (in a wire or a scheduler task), or null. Any thread. */
    public static Object currentScheduler() {
        return ACCESS.get().currentScheduler();
    }

    /** The running wire's name, or null outside a wire. Any thread. */
    public static String currentWireName() {
        return ACCESS.get().currentWireName();
    }

    /**
     * Sets what runs on the scheduler's thread when {@code wire} (an {@code io.jwire.Wire}) ends,
     * however it ends, also when it was cancelled before it started. Scheduler thread.
     */
    public static void onEnd(Object wire, Runnable action) {
        ACCESS.get().onEnd(wire, action);
    }

    /**
     * The poller of the scheduler whose thread this is (in a wire or a scheduler task), or null:
     * how pollers of other modules (sdk-epoll) reach their own. Any thread.
     */
    public static WirePoller currentPoller() {
        return ACCESS.get().currentPoller();
    }

    /** jwire's {@code NotInWireException} with {@code message} (the message names the fix). Any thread. */
    static RuntimeException notInWire(String message) {
        return ACCESS.get().notInWire(message);
    }

    /**
     * Parks the wire until {@link #wake()}. May return early for no reason: callers re-check
     * their condition in a loop. A wake that came while the wire ran is kept, so it returns at once.
     *
     * @param blocker what the wire waits on, shown in dumps and stuck reports
     * @throws RuntimeException jwire's cancellation exception when the wire is or gets cancelled
     */
    public abstract void park(Object blocker);

    /**
     * Like {@link #park(Object)}, but also returns once {@code deadline} ({@link System#nanoTime()}
     * units) has passed, with no allocation (the wire's own timer is reused).
     *
     * @return false when the deadline had passed, true otherwise (woken or early return)
     */
    public abstract boolean parkUntil(Object blocker, long deadline);

    /**
     * Like {@link #park(Object)}, for a wire that waits idle for work (a pool worker): while it
     * is parked so, it neither keeps the scheduler's {@code run()} going nor counts as stuck.
     */
    public abstract void parkIdle(Object blocker);

    /** Makes the parked wire ready again; a wake of a running wire is kept for its next park. */
    public abstract void wake();

    /**
     * Takes back a {@link #wake()} of a wire parked by {@link #parkIdle(Object)} that has not run
     * since, when that wire is the next the scheduler would run (the head of its ready queue): the
     * wire leaves the queue and stays parked idle, as if never woken. The caller, running on the
     * same scheduler, then does the woken wire's work itself, in the same place in first-come,
     * first-served order, without the two switches a run of the woken wire costs. Scheduler thread.
     *
     * @return true when the wake was taken back; false (and nothing changed) when the wire is not
     *         the queue's head, was not parked idle, has run since, is cancelled, or was woken twice
     */
    public abstract boolean unwakeIfNext();

    /**
     * Puts the running wire at the back of the ready queue without delivering a pending cancel:
     * a channel sender that handed its value over lets the receiver run first.
     */
    public abstract void requeue();

    /**
     * Re-arms a cancel that was thrown out of a park whose operation had already completed (a value
     * handed over, a lock granted): the operation returns normally and the cancel comes at the
     * wire's next switch, so nothing is lost.
     */
    public abstract void deferCancel();

    /** Whether {@code t} is jwire's cancellation exception. */
    public abstract boolean isCancellation(Throwable t);

    /** Renames the wire (pool workers take the name of the task they run). */
    public abstract void rename(String name);

    /** Reports a failure of work this wire ran for someone (a pool task) as a wire failure. */
    public abstract void reportFailure(Throwable failure);

    /** The wire's name, for messages. */
    public abstract String wireName();

    /**
     * The wire's scheduler: the identity structures bind to on first use, so that use from the
     * wire of another scheduler fails at once (see {@link Confinement}).
     */
    public abstract Object scheduler();

    /** The wire's scheduler's poller (pollers of other modules reach their own through it). */
    public abstract WirePoller poller();

    /** Posts {@code task} to the wire's scheduler's inbox, to run on its thread. Any thread. */
    public abstract void post(Runnable task);

    /** The public wire object (a {@code io.jwire.Wire}), typed loosely to keep this layer below it. */
    public abstract Object wire();

    /** Whether this waiter is in a {@link WaitQueue}. */
    public final boolean isQueued() {
        return chain() != null;
    }
}
