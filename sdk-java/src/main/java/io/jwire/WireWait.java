package io.jwire;

import io.jwire.internal.Chain;
import io.jwire.internal.Confinement;
import java.util.Objects;

/**
 * A one-shot wake-up that a wire can wait for (libwire {@code wire_wait}): the primitive that
 * every blocking thing in jwire is built on. It carries no data beyond the wake-up itself.
 *
 * <p>A wire waits for one wait with {@link #await()}, or for the first of many by chaining them
 * into a {@link WireWaitList}. Any code on the scheduler's thread triggers it with
 * {@link #resume()}. A wake-up that comes before the wait starts is not lost: the wait stays
 * triggered until {@link #reset()}.
 *
 * <pre>{@code
 * WireWait done = new WireWait("job done");
 * scheduler.spawn("worker", () -> { work(); done.resume(); });
 * scheduler.spawn("boss", () -> { done.await(); report(); });
 * }</pre>
 *
 * <p><b>Threads.</b> A wait belongs to the thread of the scheduler whose wires use it; it is not
 * thread-safe. From another thread, trigger it with
 * {@code scheduler.execute(wait::resume)} while holding a {@link KeepAlive}.
 */
public final class WireWait {
    private final String name;
    private boolean triggered;
    private boolean stopped;
    private final Confinement confinement = new Confinement();
    /** The wire blocked in {@link #await()}, if any. */
    private Wire waiter;
    /** The list this wait is chained to, if any, and its neighbours there. */
    final Member member = new Member(this);

    /** Creates an untriggered wait named {@code "wait"}. Any thread. */
    public WireWait() {
        this("wait");
    }

    /**
     * Creates an untriggered wait. Any thread.
     *
     * @param name shown in dumps and stuck reports; not null
     */
    public WireWait(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /**
     * The wait's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * Triggers the wait (libwire {@code wire_wait_resume}). If a wire waits for it, directly or
     * through its list, that wire becomes ready. A stopped or already triggered wait ignores it.
     *
     * @return true only when this woke a wire that was waiting for this (not yet triggered) wait
     */
    public boolean resume() {
        confinement.check(this, "resume()");
        if (stopped || triggered) {
            return false;
        }
        triggered = true;
        Wire w = waiter != null ? waiter : member.list != null ? member.list.waiter : null;
        if (w != null && w.state() == WireState.SUSPENDED) {
            w.resumeLocal();
            return true;
        }
        return false;
    }

    /** Re-arms the wait: clears a trigger and a {@link #stop()} so it can be waited for again. */
    public void reset() {
        triggered = false;
        stopped = false;
    }

    /** Makes later {@link #resume()} calls do nothing until {@link #reset()} (libwire {@code wire_wait_stop}). */
    public void stop() {
        stopped = true;
    }

    /**
     * Whether the wait has been triggered.
     *
     * @return true when {@link #resume()} triggered it since creation or the last {@link #reset()}
     */
    public boolean isTriggered() {
        return triggered;
    }

    /**
     * Whether the wait is stopped.
     *
     * @return true when {@link #stop()} was called since creation or the last {@link #reset()}
     */
    public boolean isStopped() {
        return stopped;
    }

    /**
     * The list this wait is chained to.
     *
     * @return the list, or null when the wait is not chained
     */
    public WireWaitList list() {
        return member.list;
    }

    /**
     * Suspends the calling wire until this wait is triggered (libwire {@code wire_wait_single});
     * returns at once if it already is. The trigger stays set: call {@link #reset()} to wait again.
     *
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when another wire already waits for it
     * @throws WireCancelledException when the calling wire is cancelled meanwhile
     */
    public void await() {
        Wire me = Wire.currentFor("WireWait.await()");
        confinement.check(me.scheduler, this, "await()");
        if (triggered) {
            return;
        }
        if (waiter != null) {
            throw new IllegalStateException("wire '" + me.name() + "' cannot await " + this + ": wire '"
                    + waiter.name() + "' already waits for it; give each waiting wire its own WireWait");
        }
        waiter = me;
        try {
            while (!triggered) {
                me.park(this);
            }
        } finally {
            waiter = null;
        }
    }

    /** A wait's node in the chain of the {@link WireWaitList} it is chained to. */
    static final class Member extends Chain.Link<Member> {
        final WireWait wait;
        WireWaitList list;

        Member(WireWait wait) {
            this.wait = wait;
        }

        /** The next chained wait, or null. */
        WireWait nextWait() {
            Member n = next();
            return n == null ? null : n.wait;
        }
    }

    /**
     * Describes the wait for dumps and messages.
     *
     * @return {@code wait 'NAME'}, with {@code (triggered)} or {@code (stopped)} when it is
     */
    @Override
    public String toString() {
        return "wait '" + name + "'" + (triggered ? " (triggered)" : stopped ? " (stopped)" : "");
    }
}
