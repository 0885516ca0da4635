package io.jwire;

import io.jwire.internal.Chain;
import io.jwire.internal.Checks;
import java.time.Duration;
import java.util.Objects;

/**
 * A wire waits for the first of several {@link WireWait}s (libwire {@code wire_wait_list}): for
 * example "data on a channel, or a timeout", in one call.
 *
 * <pre>{@code
 * WireWaitList list = new WireWaitList();
 * list.chain(replyArrived);
 * try (WireTimeout timeout = WireTimeout.after(Duration.ofSeconds(1))) {
 *     list.chain(timeout.asWait());
 *     WireWait first = list.await();
 *     if (first == timeout.asWait()) { ... timed out ... }
 * }
 * }</pre>
 *
 * <p>A wait is chained to at most one list at a time. {@link #await()} returns the first
 * triggered member in chain order, and leaves triggers as they are: reset or unchain what you
 * handled. Not thread-safe: use it on the scheduler's thread.
 */
public final class WireWaitList {
    private final Chain<WireWait.Member> members = new Chain<>();
    /** The wire blocked in {@link #await()}, if any. */
    Wire waiter;

    /** Creates an empty list. Any thread. */
    public WireWaitList() {
    }

    /**
     * Appends {@code wait} to the list (libwire {@code wire_wait_chain}).
     *
     * @param wait the wait to chain; not chained to any list yet
     * @throws IllegalStateException when the wait is already chained to a list
     */
    public void chain(WireWait wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.member.list != null) {
            throw new IllegalStateException(wait + " is already chained to a wait list; unchain it first");
        }
        wait.member.list = this;
        members.add(wait.member);
        if (wait.isTriggered() && waiter != null && waiter.state() == WireState.SUSPENDED) {
            waiter.resumeLocal();
        }
    }

    /**
     * Removes {@code wait} from the list (libwire {@code wire_wait_unchain}).
     *
     * @param wait a wait chained to this list
     * @throws IllegalStateException when the wait is not chained to this list
     */
    public void unchain(WireWait wait) {
        Objects.requireNonNull(wait, "wait");
        if (wait.member.list != this) {
            throw new IllegalStateException(wait + " is not chained to this wait list");
        }
        members.remove(wait.member);
        wait.member.list = null;
    }

    /** Unchains every member. */
    public void clear() {
        WireWait.Member m;
        while ((m = members.first()) != null) {
            unchain(m.wait);
        }
    }

    /**
     * The number of chained waits.
     *
     * @return how many waits are chained
     */
    public int size() {
        return members.size();
    }

    /**
     * The first triggered member in chain order. Does not wait.
     *
     * @return that member, or null when none is triggered
     */
    public WireWait firstTriggered() {
        for (WireWait w = first(); w != null; w = w.member.nextWait()) {
            if (w.isTriggered()) {
                return w;
            }
        }
        return null;
    }

    /**
     * Suspends the calling wire until a member is triggered and returns the first triggered member
     * in chain order (libwire {@code wire_list_wait}); returns at once if one already is.
     *
     * @return the first triggered member
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when the list is empty (it would wait forever), or another wire
     *         already waits on it
     * @throws WireCancelledException when the calling wire is cancelled meanwhile
     */
    public WireWait await() {
        return await(Wire.currentFor("WireWaitList.await()"), false, 0L);
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}. Allocates nothing: the timeout is
     * the wire's own reusable timer, not a {@link WireTimeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return the first triggered member, or null when the timeout passed first
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws NotInWireException outside a wire
     * @throws IllegalStateException when another wire already waits on the list
     * @throws WireCancelledException when the calling wire is cancelled meanwhile
     */
    public WireWait await(Duration timeout) {
        Wire me = Wire.currentFor("WireWaitList.await(Duration)");
        return await(me, true, Checks.deadlineAfter(timeout, "WireWaitList.await(Duration)"));
    }

    /**
     * Waits as {@link #await()} or, when {@code timed}, until {@code deadline}
     * ({@link System#nanoTime()} units); returns null when the deadline passed first. For jwire's
     * own layers (select).
     */
    WireWait await(Wire me, boolean timed, long deadline) {
        if (members.isEmpty() && !timed) {
            throw new IllegalStateException("wire '" + me.name() + "' awaits an empty wait list, which would wait forever; chain a WireWait first");
        }
        if (waiter != null) {
            throw new IllegalStateException("wire '" + me.name() + "' cannot await this wait list: wire '"
                    + waiter.name() + "' already does");
        }
        waiter = me;
        try {
            for (;;) {
                WireWait first = firstTriggered();
                if (first != null) {
                    return first;
                }
                if (!timed) {
                    me.park(this);
                } else if (!me.parkUntil(this, deadline)) {
                    return firstTriggered();
                }
            }
        } finally {
            waiter = null;
        }
    }

    private WireWait first() {
        WireWait.Member m = members.first();
        return m == null ? null : m.wait;
    }

    /**
     * Describes the list for dumps and messages.
     *
     * @return {@code wait list [...]} with each chained wait
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("wait list [");
        for (WireWait w = first(); w != null; w = w.member.nextWait()) {
            sb.append(w);
            if (w.member.next() != null) {
                sb.append(", ");
            }
        }
        return sb.append(']').toString();
    }
}
