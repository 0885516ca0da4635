package io.jwire.epoll;

import io.jwire.NotInWireException;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.time.Duration;
import java.util.Objects;

/**
 * A Linux {@code eventfd}: a 64-bit counter that any thread adds to with {@link #signal(long)} and a
 * wire takes with {@link #await()}. A cheap way for plain threads (or native code) to wake a wire.
 *
 * <pre>{@code
 * try (EventFd events = EventFd.open()) {
 *     worker.submit(() -> events.signal(1));   // any thread
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
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     */
    public static EventFd open() {
        EpollPoller.current("EventFd.open()");
        int raw = Native.check(Native.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK), "eventfd");
        return new EventFd(WireFd.adopt(raw, "eventfd"));
    }

    /**
     * Adds {@code n} to the counter, waking the wire in {@link #await()}. Any thread.
     *
     * @throws IllegalArgumentException when {@code n} is not positive
     * @throws FdClosedException when the EventFd is closed
     */
    public void signal(long n) {
        if (n <= 0) {
            throw new IllegalArgumentException("EventFd.signal(" + n + ") on " + fd + ": n must be positive");
        }
        synchronized (this) {
            if (!open) {
                throw new FdClosedException("signal " + fd + ": the eventfd is closed");
            }
            out.putLong(0, n);
            Native.checkIo(Native.write(fd.fd, out.clear(), 8), "write", fd);
        }
    }

    /**
     * Suspends the calling wire until the counter is above zero, then returns it and resets it to 0.
     *
     * @throws FdClosedException when the EventFd is closed, before or during the wait
     */
    public long await() {
        return fd.awaitCounter(in, null, "EventFd.await()");
    }

    /**
     * Like {@link #await()}, giving up after {@code timeout}.
     *
     * @return the counter, or 0 when the timeout passed first
     */
    public long await(Duration timeout) {
        return fd.awaitCounter(in, Objects.requireNonNull(timeout, "timeout"), "EventFd.await(Duration)");
    }

    /** The registered fd, for chaining its {@linkplain WireFd#readableWait() readable wait} into a wait list. */
    public WireFd fd() {
        return fd;
    }

    /** Closes the eventfd; a wire waiting in {@link #await()} gets {@link FdClosedException}. Idempotent. */
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
