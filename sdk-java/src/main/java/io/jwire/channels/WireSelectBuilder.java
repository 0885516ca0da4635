package io.jwire.channels;

import io.jwire.WireWait;
import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The typed select (Go's {@code select}, kotlinx's {@code select { }} clauses): waits for the
 * first of several channel operations, waits and a timeout, performs it, and returns what that
 * clause's lambda produces. Made by {@link WireSelect#builder()}; built on the index-based
 * {@link WireSelect}.
 *
 * <pre>{@code
 * WireSelectBuilder<String> select = WireSelect.<String>builder()
 *         .onReceive(orders, order -> "order " + order)
 *         .onClosed(orders, () -> "shop closed")
 *         .onSend(log, "tick", () -> "logged")
 *         .onWait(stop, () -> "stopped")
 *         .onTimeout(Duration.ofSeconds(1), () -> "idle");
 * for (;;) {
 *     String what = select.await();          // build once, await as often as needed
 *     ...
 * }
 * }</pre>
 *
 * <p><b>Which clause wins.</b> {@link #await()} completes the first clause, in registration
 * order, that can complete without waiting; when none can, it suspends the calling wire until one
 * can, and again takes the first in registration order. The timeout clause wins only when no
 * other clause can complete. Wires blocked in {@link WireChannel#send} are received from first
 * come, first served, and selects waiting on the same channel are served in the order they
 * started waiting. The clause's lambda runs after its operation, on the awaiting wire, and
 * {@code await()} returns its result (or throws what it throws).
 *
 * <p><b>Closed channels</b> are an outcome of their own, never a null value: once a channel is
 * closed and drained its {@link #onClosed} clause completes. A receive clause whose channel is
 * closed and drained without an {@code onClosed} clause makes {@code await()} throw
 * {@link ChannelClosedException}, as {@link WireChannel#receive()} does; a send clause on a closed
 * channel throws it too. For a channel closed with a cause ({@link WireChannel#close(Throwable)})
 * the exception's cause is that cause, and an {@code onClosed} handler reads it from
 * {@link WireChannel#closeCause()}:
 *
 * <pre>{@code
 * .onClosed(orders, () -> orders.closeCause() == null ? "shop closed" : "order feed failed: " + orders.closeCause())
 * }</pre>
 *
 * <p><b>Cost.</b> Build the select once and await it in a loop: a steady-state {@code await()}
 * allocates nothing (beyond what the lambdas allocate). Building one costs a few small objects
 * per clause; a select that is dropped holds on to nothing (it registers with channels only while
 * it waits), so building one per await is correct, only slower.
 *
 * <p><b>Threads.</b> Build it on any thread; await it in a wire of the scheduler whose channels
 * and waits it uses, one wire at a time. Not thread-safe.
 *
 * @param <R> the type of the select's result ({@link Void} when the clauses run for their effect)
 */
public final class WireSelectBuilder<R> {
    private static final int RECEIVE = 0;
    private static final int SEND = 1;
    private static final int WAIT = 2;

    private final WireSelect select = new WireSelect();
    /** The clauses by member index of {@link #select}. */
    private final ArrayList<Clause<R>> clauses = new ArrayList<>(4);
    private Duration timeout;
    private Supplier<? extends R> onTimeout;
    /** Whether a clause takes its send value from a supplier (asked at each await). */
    private boolean supplied;

    WireSelectBuilder() {
    }

    /**
     * Adds a clause that receives a value from {@code channel} and returns {@code handler}'s
     * result for it. A channel has at most one receive clause.
     *
     * @param <T> the type of the channel's values
     * @param channel the channel to receive from
     * @param handler makes the select's result from the received value
     * @return this select
     * @throws IllegalStateException when this select already has a receive clause for {@code channel}
     */
    public <T> WireSelectBuilder<R> onReceive(WireChannel<T> channel, Function<? super T, ? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        Clause<R> c = channelClause(channel);
        if (c != null) {
            if (c.onValue != null) {
                throw duplicate("a receive clause", channel);
            }
            select.receiveToo(c.index);
        } else {
            c = add(new Clause<>(RECEIVE, select.onReceive(channel), channel));
        }
        c.onValue = cast(handler);
        return this;
    }

    /**
     * Adds a clause that completes once {@code channel} is closed and drained, returning
     * {@code handler}'s result. With a receive clause for the same channel the two share its place
     * in the registration order (the earlier one's); alone, it receives nothing, so values still in
     * the channel keep it from completing until someone else drains them.
     *
     * @param channel the channel whose close completes this clause
     * @param handler makes the select's result
     * @return this select
     * @throws IllegalStateException when this select already has a closed clause for {@code channel}
     */
    public WireSelectBuilder<R> onClosed(WireChannel<?> channel, Supplier<? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        Clause<R> c = channelClause(channel);
        if (c != null) {
            if (c.onClosed != null) {
                throw duplicate("a closed clause", channel);
            }
        } else {
            c = add(new Clause<>(RECEIVE, select.onClosedOnly(channel), channel));
        }
        c.onClosed = handler;
        return this;
    }

    /**
     * Adds a clause that sends {@code value} on {@code channel} (to a wire blocked in
     * {@link WireChannel#receive}, or into the buffer) and returns {@code handler}'s result.
     *
     * @param <T> the type of the channel's values
     * @param channel the channel to send on
     * @param value the value to send; not null
     * @param handler makes the select's result once the value is sent
     * @return this select
     * @throws NullPointerException when {@code value} is null
     */
    public <T> WireSelectBuilder<R> onSend(WireChannel<T> channel, T value, Supplier<? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        add(new Clause<>(SEND, select.onSend(channel, value), channel)).onDone = handler;
        return this;
    }

    /**
     * Like {@link #onSend(WireChannel, Object, Supplier)}, for a select awaited many times with a
     * changing value: {@code value} is asked once at the start of each {@link #await()}, and a null
     * leaves the clause out of that await (Go's nil channel). It should have no side effects: the
     * value is sent only when this clause wins.
     *
     * <pre>{@code
     * select.onSendFrom(out, pending::peekFirst, () -> { pending.removeFirst(); return null; });
     * }</pre>
     *
     * @param <T> the type of the channel's values
     * @param channel the channel to send on
     * @param value supplies the value to send at each {@code await()}
     * @param handler makes the select's result once the value is sent
     * @return this select
     */
    public <T> WireSelectBuilder<R> onSendFrom(WireChannel<T> channel, Supplier<? extends T> value,
            Supplier<? extends R> handler) {
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(handler, "handler");
        Clause<R> c = add(new Clause<>(SEND, select.onSendLater(channel), channel));
        c.onDone = handler;
        c.sendValue = value;
        supplied = true;
        return this;
    }

    /**
     * Adds a clause that completes when {@code wait} is triggered, returning {@code handler}'s
     * result. The select does not reset the wait: reset it in the handler to wait for it again.
     *
     * @param wait the wait whose trigger completes this clause
     * @param handler makes the select's result
     * @return this select
     * @throws IllegalStateException when {@code wait} already is a clause of this select
     */
    public WireSelectBuilder<R> onWait(WireWait wait, Supplier<? extends R> handler) {
        Objects.requireNonNull(handler, "handler");
        add(new Clause<>(WAIT, select.onWait(wait), null)).onDone = handler;
        return this;
    }

    /**
     * Adds the timeout clause: when no other clause completes within {@code timeout} of the start
     * of an {@link #await()}, it returns {@code handler}'s result. {@link Duration#ZERO} makes
     * {@code await()} never wait (Go's {@code default} case).
     *
     * @param timeout how long {@code await()} waits before this clause wins; zero or more
     * @param handler makes the select's result
     * @return this select
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws IllegalStateException when this select already has a timeout clause
     */
    public WireSelectBuilder<R> onTimeout(Duration timeout, Supplier<? extends R> handler) {
        Checks.notNegative(timeout, "WireSelectBuilder.onTimeout(Duration, handler)");
        Objects.requireNonNull(handler, "handler");
        if (this.timeout != null) {
            throw new IllegalStateException("this select already has a timeout clause (" + this.timeout
                    + "); a select has at most one");
        }
        this.timeout = timeout;
        this.onTimeout = handler;
        return this;
    }

    /**
     * Suspends the calling wire until a clause can complete, completes it (the first that can, in
     * registration order), and returns its handler's result. Returns at once when a clause can
     * complete now.
     *
     * @throws ChannelClosedException when a receive clause's channel is closed and drained and the
     *         select has no {@link #onClosed} clause for it, or a send clause's channel is closed;
     *         its cause is the channel's {@link WireChannel#closeCause()}, if any
     * @throws IllegalStateException when the select has no clause
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled meanwhile; no
     *         clause completed
     * @return what the winning clause's handler returned
     * @throws RuntimeException what the winning clause's handler throws
     */
    public R await() {
        Waiter me = Waiter.current("WireSelectBuilder.await()");
        if (clauses.isEmpty() && timeout == null) {
            throw new IllegalStateException("wire '" + me.wireName() + "' awaits a select without clauses, which would "
                    + "wait forever; add onReceive/onClosed/onSend/onWait/onTimeout first");
        }
        if (supplied) {
            for (int i = 0, n = clauses.size(); i < n; i++) {
                Clause<R> c = clauses.get(i);
                if (c.sendValue != null) {
                    select.setSendValueOrSkip(i, c.sendValue.get());
                }
            }
        }
        int i;
        if (clauses.isEmpty()) {
            i = timeout.isZero() ? -1 : waitOut(me);
        } else {
            i = timeout == null ? select.await() : select.await(timeout);
        }
        if (i < 0) {
            return onTimeout.get();
        }
        Clause<R> c = clauses.get(i);
        switch (c.kind) {
            case RECEIVE -> {
                Object v = select.value();
                if (v != null) {
                    return c.onValue.apply(v);
                }
                if (c.onClosed != null) {
                    return c.onClosed.get();
                }
                Throwable cause = c.channel.closeCause();
                throw new ChannelClosedException("channel '" + c.channel.name() + "' is closed and drained"
                        + (cause == null ? "" : " with cause " + cause) + ": the select in wire '" + me.wireName()
                        + "' has a receive clause for it but no onClosed clause; add onClosed(channel, ...) to handle "
                        + "the close", cause);
            }
            default -> {
                return c.onDone.get();
            }
        }
    }

    /** A description for logs and dumps: the underlying select with its members, and the timeout if any. Any thread. */
    @Override
    public String toString() {
        return "typed " + select + (timeout == null ? "" : " with a timeout of " + timeout);
    }

    // ---------------------------------------------------------------- helpers

    /** A select with only a timeout clause: sleeps it out. */
    private int waitOut(Waiter me) {
        long deadline = Checks.deadlineAfter(timeout, "WireSelectBuilder.await()");
        while (me.parkUntil(this, deadline)) {
            // woken early by a stray resume: wait on
        }
        return -1;
    }

    private Clause<R> add(Clause<R> c) {
        if (c.index != clauses.size()) {
            throw new IllegalStateException("the select's members and clauses went out of step");
        }
        clauses.add(c);
        return c;
    }

    /** The receive or closed clause for {@code channel}, or null. */
    private Clause<R> channelClause(WireChannel<?> channel) {
        Objects.requireNonNull(channel, "channel");
        for (int i = 0, n = clauses.size(); i < n; i++) {
            Clause<R> c = clauses.get(i);
            if (c.kind == RECEIVE && c.channel == channel) {
                return c;
            }
        }
        return null;
    }

    private static IllegalStateException duplicate(String what, WireChannel<?> channel) {
        return new IllegalStateException("this select already has " + what + " for channel '" + channel.name()
                + "'; a channel has at most one receive and one closed clause per select");
    }

    @SuppressWarnings("unchecked")
    private static <R> Function<Object, ? extends R> cast(Function<?, ? extends R> handler) {
        return (Function<Object, ? extends R>) handler;
    }

    /** One clause: its member of the underlying select and its handlers. */
    private static final class Clause<R> {
        final int kind;
        final int index;
        final WireChannel<?> channel;
        Function<Object, ? extends R> onValue;
        Supplier<? extends R> onClosed;
        Supplier<? extends R> onDone;
        Supplier<?> sendValue;

        Clause(int kind, int index, WireChannel<?> channel) {
            this.kind = kind;
            this.index = index;
            this.channel = channel;
        }
    }
}
