package io.jwire.channels;

import io.jwire.Wire;
import io.jwire.WireWait;
import io.jwire.internal.Checks;
import io.jwire.internal.Confinement;
import io.jwire.internal.WaitQueue;
import io.jwire.internal.Waiter;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.Objects;

/**
 * A channel that carries values between wires of one scheduler (libwire {@code wire_channel}).
 *
 * <p><b>Rendezvous</b> ({@link #rendezvous()}, the default): {@link #send} returns only once a
 * receiver has taken the value, and the receiver runs before the sender continues, as in
 * libwire. <b>Buffered</b> ({@link #buffered(int)}): up to {@code capacity} values wait in the
 * channel; {@code send} blocks only when it is full. Blocked senders and blocked receivers are
 * each served first come, first served.
 *
 * <pre>{@code
 * WireChannel<Integer> ch = WireChannel.rendezvous("numbers");
 * scheduler.spawn("consumer", () -> {
 *     for (int n : ch) {                 // until the channel is closed and drained
 *         System.out.println("Consumer got " + n);
 *     }
 * });
 * scheduler.spawn("producer", () -> {
 *     ch.send(42);                       // "Consumer got 42" is printed first
 *     System.out.println("Producer finished");
 *     ch.close();
 * });
 * }</pre>
 *
 * <p><b>Closing.</b> {@link #close()} refuses later sends, fails blocked senders (their values
 * were not delivered), lets receivers drain the buffered values, and then tells receivers the
 * channel is closed: {@link #receive()} throws {@link ChannelClosedException},
 * {@link #receiveOrNull()} and {@link #tryReceive()} return null. Nothing is lost: every value
 * is received exactly once, or its sender learns by an exception or a {@code false} result that
 * it was not delivered. Null values are refused.
 *
 * <p><b>Closing with a cause.</b> {@link #close(Throwable)} closes the channel the same way and
 * records why (kotlinx's {@code close(cause)}): a producer that failed passes its failure on.
 * Receivers still drain the buffered values first; then {@link #receive()} and iteration throw a
 * {@link ChannelClosedException} whose {@link Throwable#getCause() cause} is that failure, so a
 * consumer's loop does not mistake a failed producer for a finished one. The non-throwing forms
 * ({@link #receiveOrNull()}, {@link #tryReceive()}) return null as after {@code close()}, and
 * {@link #closeCause()} tells the two apart. Senders get the cause too.
 *
 * <pre>{@code
 * scheduler.spawn("producer", () -> {
 *     try {
 *         for (String line : readLines()) lines.send(line);
 *         lines.close();                 // done: consumers' loops end normally
 *     } catch (IOException e) {
 *         lines.close(e);                // failed: consumers' loops throw, with e as the cause
 *     }
 * });
 * scheduler.spawn("consumer", () -> {
 *     try {
 *         for (String line : lines) print(line);
 *     } catch (ChannelClosedException e) {
 *         System.err.println("input failed: " + e.getCause());
 *     }
 * });
 * }</pre>
 *
 * <p><b>Cancellation.</b> A wire cancelled while blocked in {@code send} or {@code receive}
 * leaves the channel's queues at once and its value is not delivered. If the value was already
 * handed over when the cancel came, the operation completes normally and the cancel arrives at
 * the wire's next wait.
 *
 * <p><b>Select.</b> {@link WireSelect} waits for the first of several channels (and any other
 * {@link WireWait}, such as a timeout) to be ready.
 *
 * <p><b>Threads.</b> A channel belongs to the thread of the scheduler whose wires use it; it is
 * not thread-safe. Blocking methods need a wire; the {@code try} methods and {@link #close()}
 * also work in scheduler tasks ({@link io.jwire.WireScheduler#execute execute}). Hand-off allocates nothing.
 *
 * @param <T> the type of the values
 */
public final class WireChannel<T> implements Iterable<T> {
    private final String name;
    private final int capacity;
    /** Ring buffer of buffered values; null for a rendezvous channel. */
    private final Object[] buffer;
    private int head;
    private int count;
    private boolean closed;
    /** What {@link #close(Throwable)} recorded; null after {@link #close()} or while open. */
    private Throwable closeCause;
    private final Confinement confinement = new Confinement();
    /** Blocked senders; each wire's {@link Wire#handoff} holds its value. */
    private final WaitQueue senders = new WaitQueue();
    /** Blocked receivers. */
    private final WaitQueue receivers = new WaitQueue();
    /** What a blocked sender or receiver waits on, for dumps and stuck reports. */
    private final Object sendSite = new Site("send on ");
    private final Object receiveSite = new Site("receive from ");
    /** Waits of {@link WireSelect}s, triggered when a receive, or a send, may now succeed. */
    private ArrayList<WireWait> receiveWatchers;
    private ArrayList<WireWait> sendWatchers;

    private WireChannel(String name, int capacity) {
        this.name = Objects.requireNonNull(name, "name");
        if (capacity < 0) {
            throw new IllegalArgumentException("channel '" + name + "' capacity " + capacity
                    + " is negative; use 0 (rendezvous) or a positive capacity");
        }
        this.capacity = capacity;
        this.buffer = capacity == 0 ? null : new Object[capacity];
    }

    /**
     * A rendezvous channel named {@code "channel"}. Any thread.
     *
     * @param <T> the type of the values
     * @return a new open channel with capacity 0
     */
    public static <T> WireChannel<T> rendezvous() {
        return new WireChannel<>("channel", 0);
    }

    /**
     * A named rendezvous channel. Any thread.
     *
     * @param <T> the type of the values
     * @param name shown in dumps, stuck reports and exception messages
     * @return a new open channel with capacity 0
     */
    public static <T> WireChannel<T> rendezvous(String name) {
        return new WireChannel<>(name, 0);
    }

    /**
     * A buffered channel holding up to {@code capacity} values, named {@code "channel"}; a capacity
     * of 0 gives a rendezvous channel. Any thread.
     *
     * @param <T> the type of the values
     * @param capacity how many values may wait in the channel; zero or more
     * @return a new open channel
     * @throws IllegalArgumentException when {@code capacity} is negative
     */
    public static <T> WireChannel<T> buffered(int capacity) {
        return new WireChannel<>("channel", capacity);
    }

    /**
     * A named buffered channel holding up to {@code capacity} values. Any thread.
     *
     * @param <T> the type of the values
     * @param name shown in dumps, stuck reports and exception messages
     * @param capacity how many values may wait in the channel; zero or more
     * @return a new open channel
     * @throws IllegalArgumentException when {@code capacity} is negative
     */
    public static <T> WireChannel<T> buffered(String name, int capacity) {
        return new WireChannel<>(name, capacity);
    }

    /**
     * The channel's name.
     *
     * @return the name given at creation
     */
    public String name() {
        return name;
    }

    /**
     * The capacity.
     *
     * @return how many values may wait in the channel: 0 for a rendezvous channel
     */
    public int capacity() {
        return capacity;
    }

    /**
     * The number of buffered values now.
     *
     * @return how many values wait in the buffer
     */
    public int size() {
        return count;
    }

    /**
     * Whether {@link #close()} has been called.
     *
     * @return true once closed, also while buffered values remain
     */
    public boolean isClosed() {
        return closed;
    }

    /**
     * Whether the channel is closed and drained: every later receive reports it closed.
     *
     * @return true once closed with no buffered value left
     */
    public boolean isClosedForReceive() {
        return closed && count == 0;
    }

    /**
     * The number of wires blocked in {@link #send} now.
     *
     * @return how many senders wait
     */
    public int waitingSenders() {
        return senders.size();
    }

    /**
     * The number of wires blocked in {@link #receive} now.
     *
     * @return how many receivers wait
     */
    public int waitingReceivers() {
        return receivers.size();
    }

    // ---------------------------------------------------------------- send

    /**
     * Sends {@code value}, suspending the calling wire until a receiver takes it (rendezvous) or
     * there is room in the buffer (libwire {@code wire_channel_send}). On a rendezvous channel the
     * receiver runs before this returns.
     *
     * @param value the value to send; not null
     * @throws NullPointerException when {@code value} is null
     * @throws ChannelClosedException when the channel is or gets closed before the value was
     *         taken; the value was not delivered
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled before the value was
     *         taken; the value was not delivered
     */
    public void send(T value) {
        send(confinement.enter(this, "WireChannel.send()", "send()"), value, false, 0L);
    }

    /**
     * Like {@link #send(Object)}, but gives up after {@code timeout}.
     *
     * @param value the value to send; not null
     * @param timeout how long to wait at most; zero or more
     * @return true when the value was delivered, false when the timeout passed first (the value
     *         was not delivered)
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws NullPointerException when {@code value} is null
     * @throws ChannelClosedException when the channel is or gets closed first
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled first
     */
    public boolean send(T value, Duration timeout) {
        Waiter me = confinement.enter(this, "WireChannel.send(value, Duration)", "send()");
        return send(me, value, true, Checks.deadlineAfter(timeout, "WireChannel.send(value, Duration)"));
    }

    /**
     * Sends {@code value} only if that needs no wait: a receiver is blocked in {@link #receive}
     * (it gets the value and becomes ready) or the buffer has room. Never switches.
     *
     * @param value the value to send; not null
     * @return true when the value was delivered, false otherwise
     * @throws NullPointerException when {@code value} is null
     * @throws ChannelClosedException when the channel is closed
     */
    public boolean trySend(T value) {
        confinement.check(this, "trySend()");
        checkValue(value);
        checkOpen("trySend");
        return offer(value);
    }

    private boolean send(Waiter me, T value, boolean timed, long deadline) {
        checkValue(value);
        checkOpen("send");
        if (receivers.wakeFirst(Waiter.GRANTED, value) != null) {
            if (capacity == 0) {
                me.requeue(); // libwire order: the receiver runs before the sender continues
            }
            return true;
        }
        if (count < capacity) {
            enqueueBuffer(value);
            return true;
        }
        me.value = value;
        signal(receiveWatchers);
        int status;
        try {
            status = senders.await(me, sendSite, timed, deadline);
        } finally {
            me.value = null;
        }
        if (status == Waiter.CLOSED) {
            throw new ChannelClosedException("channel '" + name + "' was closed" + causeText() + " while wire '"
                    + me.wireName() + "' was sending; the value " + value + " was not delivered", closeCause);
        }
        return status == Waiter.GRANTED;
    }

    /** Delivers without waiting: to a blocked receiver, or into the buffer. */
    private boolean offer(Object value) {
        if (receivers.wakeFirst(Waiter.GRANTED, value) != null) {
            return true;
        }
        if (count < capacity) {
            enqueueBuffer(value);
            return true;
        }
        return false;
    }

    private void enqueueBuffer(Object value) {
        int tail = head + count;
        buffer[tail >= capacity ? tail - capacity : tail] = value;
        count++;
        signal(receiveWatchers);
    }

    // ---------------------------------------------------------------- receive

    /**
     * Receives the next value, suspending the calling wire until one comes (libwire
     * {@code wire_channel_recv_block}). Buffered values drain after {@link #close()}.
     *
     * @return the value, from the buffer or straight from a sender
     * @throws ChannelClosedException when the channel is closed and drained; its cause is the
     *         {@link #closeCause()}, if the channel was closed with one
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a value came
     */
    public T receive() {
        Waiter me = confinement.enter(this, "WireChannel.receive()", "receive()");
        T v = receive(me, false, 0L);
        if (v == null) {
            throw closedForReceive(me);
        }
        return v;
    }

    /**
     * Like {@link #receive()}, but returns null instead of throwing once the channel is closed and
     * drained, also when it was closed with a cause (see {@link #closeCause()}).
     *
     * @return the value, or null when the channel is closed and drained
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a value came
     */
    public T receiveOrNull() {
        return receive(confinement.enter(this, "WireChannel.receiveOrNull()", "receive()"), false, 0L);
    }

    /**
     * Like {@link #receive()}, but gives up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return the value, or null when the timeout passed first
     * @throws IllegalArgumentException when {@code timeout} is negative
     * @throws ChannelClosedException when the channel is or gets closed and drained (with the
     *         {@link #closeCause()} as its cause, if any)
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the calling wire is cancelled before a value came
     */
    public T receive(Duration timeout) {
        Waiter me = confinement.enter(this, "WireChannel.receive(Duration)", "receive()");
        T v = receive(me, true, Checks.deadlineAfter(timeout, "WireChannel.receive(Duration)"));
        if (v == null && closed && count == 0) {
            throw closedForReceive(me);
        }
        return v;
    }

    /**
     * Receives a value only if that needs no wait (libwire {@code wire_channel_recv_nonblock}):
     * a buffered value, or the value of a blocked sender (which becomes ready). Never switches.
     *
     * @return the value, or null when none is available now (see {@link #isClosedForReceive()}
     *         to tell a closed channel apart)
     */
    public T tryReceive() {
        confinement.check(this, "tryReceive()");
        return poll();
    }

    private T receive(Waiter me, boolean timed, long deadline) {
        T v = poll();
        if (v != null || closed) {
            return v;
        }
        signal(sendWatchers);
        int status = receivers.await(me, receiveSite, timed, deadline);
        @SuppressWarnings("unchecked")
        T got = status == Waiter.GRANTED ? (T) me.value : null;
        me.value = null;
        return got;
    }

    /** Takes a value without waiting, from the buffer (refilled from the first blocked sender) or a blocked sender. */
    @SuppressWarnings("unchecked")
    private T poll() {
        if (count > 0) {
            Object v = buffer[head];
            buffer[head] = null;
            if (++head == capacity) {
                head = 0;
            }
            count--;
            Waiter sender = senders.peek();
            if (sender != null) {
                enqueueBuffer(sender.value);
                senders.wakeFirst(Waiter.GRANTED, null);
            } else {
                signal(sendWatchers);
                if (closed && count == 0) {
                    signal(receiveWatchers); // now closed and drained: a select's onClosed may complete
                }
            }
            return (T) v;
        }
        Waiter sender = senders.peek();
        if (sender != null) {
            Object v = sender.value;
            senders.wakeFirst(Waiter.GRANTED, null);
            return (T) v;
        }
        return null;
    }

    // ---------------------------------------------------------------- close, iterate

    /**
     * Closes the channel: later sends throw {@link ChannelClosedException}, wires blocked in
     * {@code send} wake with a {@link ChannelClosedException} (their values were not delivered),
     * buffered values still drain, and receivers then learn the channel is closed. Closing twice
     * does nothing. Scheduler thread (a wire or a scheduler task).
     */
    public void close() {
        confinement.check(this, "close()");
        closeWith(null);
    }

    /**
     * Closes the channel as {@link #close()} does, recording {@code cause} as the reason (kotlinx's
     * {@code close(cause)}): once the buffered values are drained, {@link #receive()} and iteration
     * throw a {@link ChannelClosedException} whose cause is {@code cause}, and so do sends from now
     * on and the senders blocked now (their values were not delivered). {@link #receiveOrNull()}
     * and {@link #tryReceive()} return null, as after {@code close()}. Only the first close counts:
     * closing a closed channel, with or without a cause, does nothing. Scheduler thread (a wire or
     * a scheduler task).
     *
     * <pre>{@code
     * try {
     *     produceInto(out);
     *     out.close();
     * } catch (RuntimeException e) {
     *     out.close(e);        // receivers learn that the producer failed, and why
     *     throw e;
     * }
     * }</pre>
     *
     * @param cause why the channel closes, typically the failure of its producer; not null (use
     *        {@link #close()} for a normal end)
     * @throws NullPointerException when {@code cause} is null
     */
    public void close(Throwable cause) {
        Objects.requireNonNull(cause, "close(cause) on channel '" + name + "' needs a cause; use close() for a normal end");
        confinement.check(this, "close(Throwable)");
        closeWith(cause);
    }

    /**
     * Why the channel was closed: the cause given to {@link #close(Throwable)}, or null while it is
     * open or when it was closed with {@link #close()}. Tells a failed producer from a finished one
     * after {@link #receiveOrNull()} returned null, or in a select's closed clause.
     *
     * <pre>{@code
     * String line = lines.receiveOrNull();
     * if (line == null && lines.closeCause() != null) {
     *     throw new IOException("reader failed", lines.closeCause());
     * }
     * }</pre>
     *
     * @return the close cause, or null
     */
    public Throwable closeCause() {
        return closeCause;
    }

    private void closeWith(Throwable cause) {
        if (closed) {
            return;
        }
        closed = true;
        closeCause = cause;
        senders.wakeAll(Waiter.CLOSED);
        receivers.wakeAll(Waiter.CLOSED);
        signal(receiveWatchers);
        signal(sendWatchers);
    }

    /**
     * Iterates over received values until the channel is closed and drained; {@code hasNext()}
     * suspends the calling wire until a value comes or the channel closes. When the channel was
     * closed with a cause ({@link #close(Throwable)}), {@code hasNext()} throws a
     * {@link ChannelClosedException} with that cause instead of returning false. Inside a wire only.
     */
    @Override
    public Iterator<T> iterator() {
        return new Iterator<>() {
            private T next;

            @Override
            public boolean hasNext() {
                if (next == null) {
                    Waiter me = confinement.enter(WireChannel.this, "WireChannel iteration", "receive()");
                    next = receive(me, false, 0L);
                    if (next == null && closeCause != null) {
                        throw closedForReceive(me);
                    }
                }
                return next != null;
            }

            @Override
            public T next() {
                if (!hasNext()) {
                    throw new NoSuchElementException("channel '" + name + "' is closed and drained");
                }
                T v = next;
                next = null;
                return v;
            }
        };
    }

    // ---------------------------------------------------------------- select support

    /** Registers {@code w} to be triggered whenever a receive (or, with {@code send}, a send) may succeed. */
    void watch(WireWait w, boolean send) {
        if (send) {
            if (sendWatchers == null) {
                sendWatchers = new ArrayList<>(2);
            }
            sendWatchers.add(w);
        } else {
            if (receiveWatchers == null) {
                receiveWatchers = new ArrayList<>(2);
            }
            receiveWatchers.add(w);
        }
    }

    void unwatch(WireWait w, boolean send) {
        ArrayList<WireWait> list = send ? sendWatchers : receiveWatchers;
        if (list != null) {
            list.remove(w);
        }
    }

    /** How many select waits are registered now (selects register only while they wait). */
    int watchers() {
        return (sendWatchers == null ? 0 : sendWatchers.size()) + (receiveWatchers == null ? 0 : receiveWatchers.size());
    }

    /** Sends without waiting for {@link WireSelect}; unchecked element type, value not null. */
    boolean offerFromSelect(Object value) {
        confinement.check(this, "select send");
        checkOpen("select send");
        return offer(value);
    }

    private static void signal(ArrayList<WireWait> watchers) {
        if (watchers != null) {
            for (int i = 0, n = watchers.size(); i < n; i++) {
                watchers.get(i).resume();
            }
        }
    }

    // ---------------------------------------------------------------- helpers

    private void checkValue(T value) {
        if (value == null) {
            throw new NullPointerException("channel '" + name + "' refuses null values: a null cannot be told "
                    + "apart from 'no value'; send a sentinel or an Optional instead");
        }
    }

    private void checkOpen(String op) {
        if (closed) {
            throw new ChannelClosedException("cannot " + op + " on channel '" + name + "'" + byWire()
                    + ": it is closed" + causeText() + "; the value was not delivered", closeCause);
        }
    }

    private ChannelClosedException closedForReceive(Waiter me) {
        if (closeCause != null) {
            return new ChannelClosedException("channel '" + name + "' is closed and drained" + causeText() + ": wire '"
                    + me.wireName() + "' has nothing left to receive; the cause says why the channel was closed",
                    closeCause);
        }
        return new ChannelClosedException("channel '" + name + "' is closed and drained: wire '" + me.wireName()
                + "' has nothing left to receive; use receiveOrNull() or iterate to stop at the close");
    }

    /** " with cause X" for messages, or "" when closed without a cause. */
    private String causeText() {
        return closeCause == null ? "" : " with cause " + closeCause;
    }


    private static String byWire() {
        return Wire.inWire() ? " in wire '" + Wire.current().name() + "'" : "";
    }

    /**
     * Describes the channel for dumps and messages.
     *
     * @return its name, kind or fill level, and whether it is closed
     */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("channel '").append(name).append("' (");
        if (capacity == 0) {
            sb.append("rendezvous");
        } else {
            sb.append(count).append('/').append(capacity).append(" buffered");
        }
        if (!senders.isEmpty()) {
            sb.append(", ").append(senders.size()).append(" sender(s) waiting");
        }
        if (!receivers.isEmpty()) {
            sb.append(", ").append(receivers.size()).append(" receiver(s) waiting");
        }
        if (closed) {
            sb.append(closeCause == null ? ", closed" : ", closed with " + closeCause);
        }
        return sb.append(')').toString();
    }

    /** What a blocked wire waits on: "send on channel 'x' (...)" or "receive from channel 'x' (...)". */
    private final class Site {
        private final String what;

        Site(String what) {
            this.what = what;
        }

        @Override
        public String toString() {
            return what + WireChannel.this;
        }
    }
}
