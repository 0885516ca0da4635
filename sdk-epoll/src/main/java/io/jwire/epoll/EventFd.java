package io.jwire.epoll;

import io.jwire.NotInWireException;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
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
 * <p>Open, {@link #await()} and {@link #close()} on the scheduler's thread; {@link #signal(long)}
 * from any thread while the EventFd is open. The fd is non-blocking and close-on-exec.
 */
public final class EventFd implements AutoCloseable {
    private final WireFd fd;
    private final ByteBuffer in = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    /** Written by {@link #signal(long)} under the lock. */
    private final ByteBuffer out = ByteBuffer.allocateDirect(8).order(ByteOrder.nativeOrder());
    private boolean open = true;

    private EventFd(WireFd fd) {
        this.fd = fd;
    }

    /**
     * Opens an eventfd with counter 0 on the calling scheduler's epoll poller.
     *
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
     * @throws IllegalArgumentException when {@code n} is not positive
     * @throws ClosedChannelException when the EventFd is closed
     * @throws IOException when the write fails
     */
    public void signal(long n) throws IOException {
        if (n <= 0) {
            throw new IllegalArgumentException("EventFd.signal(" + n + ") on " + fd + ": n must be positive");
        }
        synchronized (this) { // no signal() may write to the fd number once it is closed
            if (!open) {
                throw Errors.closed("EventFd.signal(" + n + ") on " + fd + ": the eventfd is closed", false);
            }
            out.putLong(0, n);
            LinuxFd.addToCounter(fd.fd, out, fd);
        }
    }

    /**
     * Suspends the calling wire until the counter is above zero, then returns it and resets it to
     * 0.
     *
     * @throws ClosedChannelException when the EventFd is closed before the wait, or
     *         {@link AsynchronousCloseException} when it is closed during the wait
     * @throws IOException when reading the counter fails
     */
    public long await() throws IOException {
        return fd.awaitCounter(in, null, "EventFd.await()");
    }

    /**
     * Like {@link #await()}, giving up after {@code timeout}.
     *
     * @return the counter, or 0 when the timeout passed first
     * @throws ClosedChannelException when the EventFd is closed, before or during the wait
     * @throws IOException when reading the counter fails
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public long await(Duration timeout) throws IOException {
        Objects.requireNonNull(timeout, "timeout");
        return fd.awaitCounter(in, timeout, "EventFd.await(Duration)");
    }

    /** The registered fd, for chaining its {@linkplain WireFd#readableWait() readable wait} into a wait list. */
    public WireFd fd() {
        return fd;
    }

    /**
     * Closes the eventfd; a wire waiting in {@link #await()} gets
     * {@link AsynchronousCloseException}. Idempotent.
     */
    @Override
    public void close() {
        synchronized (this) { // no signal() may write to the fd number once it is closed
            fd.close();
            open = false;
        }
    }

    @Override
    public String toString() {
        return "EventFd[" + fd + "]";
    }
}
