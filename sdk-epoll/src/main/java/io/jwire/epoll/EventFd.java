package io.jwire.epoll;

import io.jwire.NotInWireException;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;

/**
 * A Linux {@code eventfd}: a 64-bit counter that any thread adds to with {@link #signal(long)} and a
 * wire takes with {@link #await()}. A cheap way for plain threads (or native code) to wake a wire.
 *
 * <pre>{@code
 * try (EventFd events = EventFd.open()) {
 *     worker.submit(() -> {                    // any thread
 *         events.signal(1);
 *         return null;
 *     });
 *     long n = events.await();                 // suspends the wire until signalled
 * }
 * }</pre>
 *
 * <p><b>A full counter.</b> The kernel's counter holds at most {@code 2^64 - 2}; a signal that
 * would pass it is never dropped: called from a wire of the EventFd's scheduler, {@link #signal}
 * suspends that wire until an {@link #await()} has taken the count and then adds its value;
 * called from anywhere else it throws an {@link IOException} naming {@code EAGAIN}. The count
 * {@link #await()} returns is never negative: a counter above {@link Long#MAX_VALUE} is handed out
 * in pieces of at most {@link Long#MAX_VALUE}, the rest staying for the next {@link #await()}.
 *
 * <p>Open, {@link #await()} and {@link #close()} on the scheduler's thread; {@link #signal(long)}
 * from any thread while the EventFd is open. The fd is non-blocking and close-on-exec.
 */
public final class EventFd implements AutoCloseable {
    private final WireFd fd;
    private final NativeCounter in = new NativeCounter();
    /** Written by {@link #signal(long)} under the lock. */
    private final NativeCounter out = new NativeCounter();
    /** Written by {@link #await()} (scheduler thread only) to put back a count above Long.MAX_VALUE. */
    private final NativeCounter rest = new NativeCounter();
    /** A count taken from the kernel that could not be put back; the next await() returns it first. */
    private long carried;
    private boolean open = true;

    private EventFd(WireFd fd) {
        this.fd = fd;
    }

    /**
     * Opens an eventfd with counter 0 on the calling scheduler's epoll poller.
     *
     * @return the open EventFd; close it when done
     * @throws IOException when the kernel refuses a new eventfd (for example {@code EMFILE}: out of fds)
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     */
    public static EventFd open() throws IOException {
        EpollPoller.current("EventFd.open()");
        return new EventFd(WireFd.adopt(LinuxFd.newEventFd(), "eventfd"));
    }

    /**
     * Adds {@code n} to the counter, waking the wire in {@link #await()}. Any thread.
     *
     * <p>When the counter would pass its maximum ({@code 2^64 - 2}), a wire of this EventFd's
     * scheduler waits until an {@link #await()} has taken the count (one such wire at a time);
     * any other caller gets an {@link IOException} and {@code n} is not added.
     *
     * @param n what to add; positive
     * @throws IllegalArgumentException when {@code n} is not positive
     * @throws ClosedChannelException when the EventFd is closed (before or, for a waiting wire,
     *         during the call)
     * @throws IOException naming {@code EAGAIN} when the counter is full and the caller is not a
     *         wire of this EventFd's scheduler, so it cannot wait
     * @throws IllegalStateException when a wire must wait for room while another wire already does
     */
    public void signal(long n) throws IOException {
        if (n <= 0) {
            throw Misuse.badArgument("EventFd.signal(" + n + ") on " + fd, "n must be positive (1 or more)");
        }
        for (;;) {
            synchronized (this) { // no signal() may write to the fd number once it is closed
                if (!open) {
                    throw Errors.closed("EventFd.signal(" + n + ") on " + fd + ": the eventfd is closed", false);
                }
                if (LinuxFd.addToCounter(fd.fd, out.set(n), fd)) {
                    return;
                }
            }
            // The counter is full; the lock is released before waiting (never hold a monitor across a switch).
            if (!fd.isOwnersWire()) {
                throw Errors.newIOException("EventFd.signal(" + n + ") on " + fd, Errors.EAGAIN,
                        "the counter would pass its maximum 2^64-2, and the caller (thread '" + Thread.currentThread().getName()
                                + "') is not a wire of the eventfd's scheduler, so it cannot wait for an await() to take "
                                + "the count; n was not added; signal from a wire of that scheduler, or retry later");
            }
            fd.clearWritable();
            fd.awaitWritable(); // an await() that reads the counter makes it writable again
        }
    }

    /**
     * Suspends the calling wire until the counter is above zero, then returns it and resets it to
     * 0. Never negative: of a counter above {@link Long#MAX_VALUE}, it returns
     * {@link Long#MAX_VALUE} and leaves the rest for the next call.
     *
     * @return the counter, positive
     * @throws ClosedChannelException when the EventFd is closed before the wait, or
     *         {@link AsynchronousCloseException} when it is closed during the wait
     * @throws IOException when reading the counter fails
     */
    public long await() throws IOException {
        return carried > 0 ? takeCarried("EventFd.await()") : take(fd.awaitCounter(in, null, "EventFd.await()"));
    }

    /**
     * Like {@link #await()}, giving up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return the counter (never negative), or 0 when the timeout passed first
     * @throws ClosedChannelException when the EventFd is closed, before or during the wait
     * @throws IOException when reading the counter fails
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public long await(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        return carried > 0 ? takeCarried("EventFd.await(Duration)")
                : take(fd.awaitCounter(in, timeout, "EventFd.await(Duration)"));
    }

    /**
     * The registered fd.
     *
     * @return the fd, for chaining its {@linkplain WireFd#readableWait() readable wait} into a wait list
     */
    public WireFd fd() {
        return fd;
    }

    /**
     * Closes the eventfd; a wire waiting in {@link #await()} (or in {@link #signal} for room) gets
     * {@link AsynchronousCloseException}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) { // no signal() may write to the fd number once it is closed
            fd.close();
            open = false;
        }
    }

    /**
     * Describes the EventFd for dumps and messages.
     *
     * @return {@code EventFd[fd ...]}
     */
    @Override
    public String toString() {
        return "EventFd[" + fd + "]";
    }

    /**
     * The count to return for {@code raw}, the unsigned counter just read: itself up to
     * {@link Long#MAX_VALUE}; above, {@link Long#MAX_VALUE}, putting the rest back into the
     * counter (or, when signals filled it meanwhile, carrying it to the next await).
     */
    private long take(long raw) throws IOException {
        if (raw >= 0) {
            return raw;
        }
        long excess = raw - Long.MAX_VALUE; // unsigned raw - (2^63 - 1): in 1 .. 2^63 - 1
        if (!LinuxFd.addToCounter(fd.fd, rest.set(excess), fd)) {
            carried = excess; // the counter is nearly full again, so the fd stays readable
        }
        return Long.MAX_VALUE;
    }

    private long takeCarried(String operation) throws ClosedChannelException {
        fd.ensureOpen(operation);
        long c = carried;
        carried = 0;
        return c;
    }
}
