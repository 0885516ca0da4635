package io.jwire.channels;

import io.jwire.Wire;
import io.jwire.WireTimeout;
import io.jwire.WireWait;
import io.jwire.WireWaitList;
import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;

/**
 * Waits for the first of several channel operations, waits and a timeout (Go's {@code select},
 * built on {@link WireWaitList}): the low-level, index-based form. Register members once, then
 * {@link #await()} as often as needed: it performs the first member, in registration order, that
 * can complete without waiting and returns its index. {@link #builder()} gives the typed form,
 * whose clauses are lambdas that produce the select's result; prefer it unless you need indexes.
 *
 * <pre>{@code
 * try (WireSelect select = new WireSelect()) {
 *     int fromA = select.onReceive(a);
 *     int fromB = select.onReceive(b);
 *     for (;;) {
 *         int i = select.await(Duration.ofMillis(100));
 *         if (i == -1) { ... timed out ... }
 *         else if (select.value() == null) { ... channel i is closed and drained ... }
 *         else if (i == fromA) { handleA(select.value()); }
 *         else { handleB(select.value()); }
 *     }
 * }
 * }</pre>
 *
 * <p>While {@code await} waits, each channel member is a {@link WireWait} chained into this
 * select's wait list and registered with its channel, which triggers it when a receive (or send)
 * may succeed; {@link #onWait(WireWait)} adds any other wait to the same list, so a wire can wait
 * for "a value, a signal or a timeout" in one call. The select registers with channels and chains
 * the waits given to {@link #onWait} only while it waits, so between awaits it holds on to
 * nothing, and a select that is dropped without {@link #close()} leaks nothing. Selects waiting on
 * the same channel are served in the order they started waiting.
 *
 * <p>A select's receive on a rendezvous channel completes with a wire blocked in
 * {@link WireChannel#send}, and a select's send with a wire blocked in
 * {@link WireChannel#receive}; two selects on the two ends of one rendezvous channel never meet
 * (use a buffered channel there). A select's send does not yield to the receiver.
 *
 * <p>Created and used on the scheduler's thread by one wire at a time; not thread-safe.
 * Steady-state {@code await()}, with or without a timeout, allocates nothing.
 */
public final class WireSelect implements AutoCloseable {
    private static final int RECEIVE = 0;
    private static final int SEND = 1;
    private static final int WAIT = 2;
    /** Completes once the channel is closed and drained, and receives nothing (the typed select's onClosed alone). */
    private static final int CLOSED = 3;

    private final ArrayList<Member> members = new ArrayList<>(4);
    private final WireWaitList list = new WireWaitList();
    private WireTimeout timeout;
    private Object value;
    private boolean closed;

    /** Creates an empty select. Any thread. */
    public WireSelect() {
    }

    /**
     * The typed select: clauses that produce its result of type {@code R}, awaited as often as
     * needed. Any thread (await it in a wire).
     *
     * <pre>{@code
     * WireSelectBuilder<String> select = WireSelect.<String>builder()
     *         .onReceive(orders, order -> "order " + order)
     *         .onClosed(orders, () -> "no more orders")
     *         .onTimeout(Duration.ofSeconds(1), () -> "idle");
     * String what = select.await();
     * }</pre>
     *
     * @param <R> the type of the select's result ({@link Void} for clauses run for their effect)
     * @return a new select without clauses
     */
    public static <R> WireSelectBuilder<R> builder() {
        return new WireSelectBuilder<>();
    }

    /**
     * Adds a member that receives from {@code channel}: it completes with the received value, or
     * with a null {@link #value()} once the channel is closed and drained.
     *
     * @param channel the channel to receive from
     * @return the member's index, which {@link #await()} returns when it completes
     * @throws IllegalStateException when the select is closed
     */
    public int onReceive(WireChannel<?> channel) {
        Objects.requireNonNull(channel, "channel");
        return add(new Member(RECEIVE, channel, null, new WireWait("receive from channel '" + channel.name() + "'")));
    }

    /**
     * Adds a member that completes once {@code channel} is closed and drained, and receives
     * nothing (values still in the channel stay there). For the typed select.
     */
    int onClosedOnly(WireChannel<?> channel) {
        Objects.requireNonNull(channel, "channel");
        return add(new Member(CLOSED, channel, null, new WireWait("close of channel '" + channel.name() + "'")));
    }

    /** Turns the {@link #onClosedOnly} member {@code index} into a receive member. For the typed select. */
    void receiveToo(int index) {
        members.get(index).kind = RECEIVE;
    }

    /**
     * Adds a member that sends {@code value} on {@code channel}; change the value later with
     * {@link #setSendValue}.
     *
     * @param <T> the type of the channel's values
     * @param channel the channel to send on
     * @param value the value to send; not null
     * @return the member's index
     * @throws NullPointerException when {@code value} is null
     * @throws IllegalStateException when the select is closed
     */
    public <T> int onSend(WireChannel<T> channel, T value) {
        Objects.requireNonNull(channel, "channel");
        Objects.requireNonNull(value, "a select cannot send null on channel '" + channel.name() + "'");
        return add(new Member(SEND, channel, value, new WireWait("send on channel '" + channel.name() + "'")));
    }

    /**
     * Adds any wait as a member: it completes when the wait is triggered (this select does not
     * reset it; do that when you handled it). The select chains the wait into its wait list only
     * while it waits, so between awaits the wait may be used elsewhere.
     *
     * @param wait the wait to add; not chained to any list yet
     * @return the member's index
     * @throws IllegalStateException when the wait is already a member of this select, or the
     *         select is closed; when {@code await} starts, if the wait is chained to another list
     */
    public int onWait(WireWait wait) {
        Objects.requireNonNull(wait, "wait");
        for (Member m : members) {
            if (m.wait == wait) {
                throw new IllegalStateException(wait + " is already a member of this select; add each wait once");
            }
        }
        return add(new Member(WAIT, null, null, wait));
    }

    /**
     * Replaces the value that the send member {@code index} sends.
     *
     * @param index the send member's index, as {@link #onSend} returned it
     * @param value the new value; not null
     * @throws IllegalArgumentException when member {@code index} is not a send member
     * @throws NullPointerException when {@code value} is null
     */
    public void setSendValue(int index, Object value) {
        Member m = members.get(index);
        if (m.kind != SEND) {
            throw new IllegalArgumentException("select member " + index + " is not a send member");
        }
        m.sendValue = Objects.requireNonNull(value, "a select cannot send null");
    }

    /**
     * Adds a send member without a value: it is left out of awaits until
     * {@link #setSendValueOrSkip} gives it one. For the typed select.
     */
    int onSendLater(WireChannel<?> channel) {
        Objects.requireNonNull(channel, "channel");
        return add(new Member(SEND, channel, null, new WireWait("send on channel '" + channel.name() + "'")));
    }

    /**
     * Sets the value of send member {@code index} for the next awaits; null leaves the member out
     * of them (Go's nil channel). For the typed select.
     */
    void setSendValueOrSkip(int index, Object value) {
        members.get(index).sendValue = value;
    }

    /**
     * Suspends the calling wire until a member can complete, completes it, and returns its index
     * (the first ready member in registration order). Returns at once if one is ready.
     *
     * @return the completed member's index
     * @throws IllegalStateException when there is no member, or the select is closed
     * @throws ChannelClosedException when a send member's channel is closed (its cause is the
     *         channel's {@link WireChannel#closeCause()}, if any)
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile
     */
    public int await() {
        Waiter.current("WireSelect.await()");
        return select(null, false);
    }

    /**
     * Like {@link #await()}, but gives up after {@code timeout}. With {@link Duration#ZERO} it
     * does not wait at all (Go's {@code default} case): it completes a member that is ready now,
     * or returns -1.
     *
     * @param timeout how long to wait at most; zero or more
     * @return the completed member's index, or -1 when the timeout passed first
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public int await(Duration timeout) {
        Waiter.current("WireSelect.await(Duration)");
        Checks.notNegative(timeout, "WireSelect.await(Duration)");
        if (timeout.isZero()) {
            return select(null, true);
        }
        if (this.timeout == null) {
            this.timeout = new WireTimeout();
        }
        WireTimeout t = this.timeout;
        t.arm(timeout);
        list.chain(t.asWait());
        try {
            return select(t, false);
        } finally {
            t.cancel();
            list.unchain(t.asWait());
        }
    }

    /**
     * The value received by the receive member that the last {@link #await()} completed: null
     * when that channel was closed and drained (its {@link WireChannel#closeCause()} says whether
     * it was closed with a cause), or when the member was not a receive.
     *
     * @param <T> the type of the channel's values
     * @return the received value, or null
     */
    @SuppressWarnings("unchecked")
    public <T> T value() {
        return (T) value;
    }

    /**
     * Closes the select: later calls fail. Between awaits a select holds nothing (see above), so
     * closing is optional; it makes accidental reuse fail loudly. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        list.clear();
        if (timeout != null) {
            timeout.cancel();
        }
    }

    private int add(Member m) {
        if (closed) {
            throw new IllegalStateException("this select is closed; create a new WireSelect");
        }
        if (m.kind != WAIT) {
            list.chain(m.wait); // the select's own wait: chained for good; the user's only while waiting
        }
        members.add(m);
        return members.size() - 1;
    }

    private int select(WireTimeout t, boolean poll) {
        if (closed) {
            throw new IllegalStateException("this select is closed; create a new WireSelect");
        }
        if (members.isEmpty()) {
            throw new IllegalStateException("wire '" + Wire.current().name()
                    + "' awaits a select without members, which would wait forever; add onReceive/onSend/onWait first");
        }
        value = null;
        for (;;) {
            for (int i = 0, n = members.size(); i < n; i++) {
                Member m = members.get(i);
                if (m.kind != WAIT) {
                    m.wait.reset();
                }
            }
            for (int i = 0, n = members.size(); i < n; i++) {
                if (tryComplete(members.get(i))) {
                    return i;
                }
            }
            if (poll || t != null && t.isExpired()) {
                return -1;
            }
            park();
        }
    }

    /**
     * Registers every member with what triggers it (a channel's watchers, or this select's wait
     * list for the user's waits), waits for a trigger, and unregisters again, also when the wait
     * throws (a cancel).
     */
    private void park() {
        try {
            for (int i = 0, n = members.size(); i < n; i++) {
                Member m = members.get(i);
                if (m.kind == WAIT) {
                    list.chain(m.wait);
                    m.registered = true;
                } else if (m.kind != SEND || m.sendValue != null) {
                    m.channel.watch(m.wait, m.kind == SEND);
                    m.registered = true;
                }
            }
            list.await();
        } finally {
            for (int i = 0, n = members.size(); i < n; i++) {
                Member m = members.get(i);
                if (m.registered) {
                    m.registered = false;
                    if (m.kind == WAIT) {
                        list.unchain(m.wait);
                    } else {
                        m.channel.unwatch(m.wait, m.kind == SEND);
                    }
                }
            }
        }
    }

    private boolean tryComplete(Member m) {
        switch (m.kind) {
            case RECEIVE -> {
                Object v = m.channel.tryReceive();
                if (v != null || m.channel.isClosedForReceive()) {
                    value = v;
                    return true;
                }
                return false;
            }
            case SEND -> {
                return m.sendValue != null && m.channel.offerFromSelect(m.sendValue);
            }
            case CLOSED -> {
                if (m.channel.isClosedForReceive()) {
                    value = null;
                    return true;
                }
                return false;
            }
            default -> {
                return m.wait.isTriggered();
            }
        }
    }

    /**
     * Describes the select for dumps and messages.
     *
     * @return {@code select} and its wait list
     */
    @Override
    public String toString() {
        return "select " + list;
    }

    private static final class Member {
        int kind;
        final WireChannel<?> channel;
        Object sendValue;
        final WireWait wait;
        /** Registered with its channel (or, a user's wait, chained) for the wait in progress. */
        boolean registered;

        Member(int kind, WireChannel<?> channel, Object sendValue, WireWait wait) {
            this.kind = kind;
            this.channel = channel;
            this.sendValue = sendValue;
            this.wait = wait;
        }
    }
}
