package io.jwire.epoll;

import io.jwire.internal.Checks;
import io.jwire.internal.Waiter;
import io.jwire.NotInWireException;
import io.jwire.WireCancelledException;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.WireWait;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;

/**
 * A file descriptor registered with the epoll poller of a scheduler, that wires wait on until it
 * is readable or writable (libwire's {@code wire_fd}). {@link WireSocket},
 * {@link WireServerSocket}, {@link TimerFd} and {@link EventFd} are built on it; any other
 * non-blocking fd can be wrapped with {@link #register(int, String)}.
 *
 * <pre>{@code
 * WireFd fd = WireFd.register(pipeReadEnd, "pipe");
 * if (!fd.awaitReadable(Duration.ofSeconds(1))) {
 *     // timed out
 * }
 * }</pre>
 *
 * <p><b>Readiness.</b> The fd stays in the epoll set, edge-triggered for both directions, until it
 * is closed (see {@link EpollPoller} for why). Readiness is kept in two {@link WireWait}s, one per
 * direction, that the poller triggers. Code that reads or writes the fd itself must call
 * {@link #clearReadable()} / {@link #clearWritable()} when the kernel reports {@code EAGAIN} (or a
 * short read or write), and only then; the next edge triggers the wait again.
 *
 * <p><b>Wait lists.</b> {@link #readableWait()} and {@link #writableWait()} can be chained into a
 * {@link io.jwire.WireWaitList WireWaitList} with other waits (libwire {@code wire_fd_wait_list_chain}); while chained
 * they keep the scheduler polling instead of reporting a stuck program.
 *
 * <p><b>Closing</b> through {@link #close()} wakes every wire waiting on the fd; their waits throw
 * {@link AsynchronousCloseException}. Waiting on a closed fd fails at once with
 * {@link ClosedChannelException} (its supertype), so one {@code catch (ClosedChannelException e)}
 * covers both. I/O failures are checked {@link IOException}s, as everywhere in sdk-epoll (see the
 * {@linkplain io.jwire.epoll package comment}).
 *
 * <p><b>Threads.</b> A WireFd belongs to the scheduler that registered it: use it from that
 * scheduler's wires (waits) or thread ({@link #close()}, the getters). One wire at a time may wait
 * per direction.
 */
public final class WireFd implements AutoCloseable {
    final EpollPoller poller;
    private final WireScheduler scheduler;
    final int fd;
    private final String description;
    private final WireWait readable;
    private final WireWait writable;
    /** A hang-up or error event came: reads will not block again, so readability is never cleared. */
    private boolean inputEnded;
    /** A hang-up or error event came: writes will not block again. */
    private boolean outputEnded;
    private boolean closed;
    /** Handed out by readableWait()/writableWait(), so the poller counts it when chained. */
    boolean exposed;
    /** The wire parked for each direction, woken by the poller's edge or a close; null when none. */
    private Waiter readWaiter;
    private Waiter writeWaiter;

    private WireFd(EpollPoller poller, WireScheduler scheduler, int fd, String description) {
        this.poller = poller;
        this.scheduler = scheduler;
        this.fd = fd;
        this.description = description;
        this.readable = new WireWait("fd " + fd + " (" + description + ") readable");
        this.writable = new WireWait("fd " + fd + " (" + description + ") writable");
    }

    /**
     * Registers {@code fd} with the epoll poller of the calling scheduler and takes ownership of it:
     * {@link #close()} closes it. The fd must be in non-blocking mode. Call on the scheduler's thread.
     *
     * @param fd an open, non-blocking file descriptor
     * @param description what the fd is, shown in dumps and exception messages (for example
     *        {@code "pipe to worker"})
     * @return the registered fd
     * @throws IOException when epoll refuses the fd, with the errno in the message (for example
     *         {@code EBADF}: it is not open; {@code EEXIST}: it is already registered;
     *         {@code EPERM}: a regular file)
     * @throws IllegalArgumentException when {@code fd} is negative
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller
     * @throws io.jwire.NotInWireException when not called on a scheduler's thread
     */
    public static WireFd register(int fd, String description) throws IOException {
        Objects.requireNonNull(description, "description");
        if (fd < 0) {
            throw Misuse.badArgument("WireFd.register(" + fd + ", \"" + description + "\")",
                    "fd must not be negative; pass an open, non-blocking file descriptor");
        }
        EpollPoller p = EpollPoller.current("WireFd.register(" + fd + ")");
        WireFd f = new WireFd(p, WireScheduler.current(), fd, description);
        p.register(f);
        return f;
    }

    /** Registers {@code fd}, closing it when registration fails: for fds sdk-epoll just created. */
    static WireFd adopt(int fd, String description) throws IOException {
        try {
            return register(fd, description);
        } catch (IOException | RuntimeException | Error e) {
            LinuxFd.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * The fd number. Any thread.
     *
     * @return the file descriptor
     */
    public int fd() {
        return fd;
    }

    /**
     * Whether the fd is open.
     *
     * @return true until it is {@link #close() closed} through jwire
     */
    public boolean isOpen() {
        return !closed;
    }

    /**
     * Whether the fd is known readable now.
     *
     * @return true when an edge came and no read has reported "would block" since
     */
    public boolean isReadable() {
        return readable.isTriggered();
    }

    /**
     * Whether the fd is known writable now.
     *
     * @return true when an edge came and no write has reported "would block" since
     */
    public boolean isWritable() {
        return writable.isTriggered();
    }

    /**
     * The wait the poller triggers when the fd becomes readable (or hangs up, or fails, or is
     * closed), for chaining into a {@link io.jwire.WireWaitList WireWaitList}. Do not {@link WireWait#reset() reset} it
     * yourself: use {@link #clearReadable()}.
     *
     * @return the readable wait
     */
    public WireWait readableWait() {
        expose();
        return readable;
    }

    /**
     * The wait the poller triggers when the fd becomes writable; see {@link #readableWait()}.
     *
     * @return the writable wait
     */
    public WireWait writableWait() {
        expose();
        return writable;
    }

    /**
     * Records that a read reported "would block" ({@code EAGAIN}) or came back short: the next wait
     * for readability suspends until the next edge. Does nothing after a hang-up or error event,
     * which keeps the fd readable for good.
     */
    public void clearReadable() {
        if (!inputEnded && !closed) {
            readable.reset();
        }
    }

    /** Records that a write reported "would block" or came back short; see {@link #clearReadable()}. */
    public void clearWritable() {
        if (!outputEnded && !closed) {
            writable.reset();
        }
    }

    /**
     * Suspends the calling wire until the fd is readable; returns at once if it is known to be.
     *
     * @throws ClosedChannelException when the fd is closed before the wait, or
     *         {@link AsynchronousCloseException} (a subtype) when it is closed during the wait
     * @throws IllegalStateException when another wire already waits for the fd to be readable, or
     *         the fd belongs to another scheduler
     * @throws io.jwire.NotInWireException outside a wire
     * @throws io.jwire.WireCancelledException when the wire is cancelled meanwhile
     */
    public void awaitReadable() throws ClosedChannelException {
        awaitOne(true, null);
    }

    /**
     * Like {@link #awaitReadable()}, giving up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return true when readable, false when the timeout passed first
     * @throws ClosedChannelException when the fd is closed, before or during the wait
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public boolean awaitReadable(Duration timeout) throws ClosedChannelException {
        return awaitOne(true, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Suspends the calling wire until the fd is writable; as {@link #awaitReadable()}.
     *
     * @throws ClosedChannelException when the fd is closed, before or during the wait
     */
    public void awaitWritable() throws ClosedChannelException {
        awaitOne(false, null);
    }

    /**
     * Like {@link #awaitWritable()}, giving up after {@code timeout}.
     *
     * @param timeout how long to wait at most; zero or more
     * @return true when writable, false when the timeout passed first
     * @throws ClosedChannelException when the fd is closed, before or during the wait
     * @throws IllegalArgumentException when {@code timeout} is negative
     */
    public boolean awaitWritable(Duration timeout) throws ClosedChannelException {
        return awaitOne(false, Objects.requireNonNull(timeout, "timeout"));
    }

    /**
     * Suspends the calling wire until the fd is readable or writable, or {@code timeout} passes.
     *
     * @param timeout how long to wait at most, or null to wait without a limit
     * @return {@link #readableWait()} or {@link #writableWait()} (readable first when both are),
     *         or null when the timeout passed
     * @throws IllegalStateException when another wire waits on the fd in either direction
     * @throws ClosedChannelException when the fd is closed, before or during the wait
     */
    public WireWait awaitEither(Duration timeout) throws ClosedChannelException {
        Waiter me = enter("readable or writable");
        if (readWaiter != null || writeWaiter != null) {
            throw busy(me, "readable or writable", readWaiter != null ? readWaiter : writeWaiter);
        }
        if (!readable.isTriggered() && !writable.isTriggered()) {
            readWaiter = writeWaiter = me;
            try {
                park(me, readable, writable, timeout, "WireFd.awaitEither(Duration)");
            } finally {
                readWaiter = writeWaiter = null;
            }
            checkOpen(me, "readable or writable", true);
        }
        return readable.isTriggered() ? readable : writable.isTriggered() ? writable : null;
    }

    /**
     * Closes the fd (libwire {@code wire_fd_mode_none} plus {@code close}): it leaves the epoll set,
     * and every wire waiting on it wakes with {@link AsynchronousCloseException}. Idempotent. Call
     * from a wire of the scheduler or a task it runs ({@code scheduler.execute(fd::close)});
     * {@link WireScheduler#close()} closes every fd still registered.
     *
     * @throws IllegalStateException when called from a thread that is not running the scheduler
     *         (only the running thread owns a scheduler; any other goes through its inbox)
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        if (!scheduler.isOwnerThread()) {
            throw new IllegalStateException("close " + this + " on the thread of " + scheduler
                    + " (from a wire, or with scheduler.execute(fd::close)), not from thread '"
                    + Thread.currentThread().getName() + "'");
        }
        closed = true;
        poller.deregister(this);
        LinuxFd.closeQuietly(fd);
        readable.resume();
        writable.resume();
        wakeWaiters(true, true);
    }

    /**
     * Describes the fd for dumps and messages.
     *
     * @return the fd number, its description, and whether it is closed
     */
    @Override
    public String toString() {
        return "fd " + fd + " (" + description + (closed ? ", closed)" : ")");
    }

    // ------------------------------------------------------------------ package-private

    /** Called by the poller with the epoll event bits. */
    void onEvents(int ev) {
        if ((ev & (Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0) {
            inputEnded = true;
        }
        if ((ev & (Native.EPOLLHUP | Native.EPOLLERR)) != 0) {
            outputEnded = true;
        }
        boolean read = (ev & (Native.EPOLLIN | Native.EPOLLRDHUP | Native.EPOLLHUP | Native.EPOLLERR)) != 0;
        boolean write = (ev & (Native.EPOLLOUT | Native.EPOLLHUP | Native.EPOLLERR)) != 0;
        if (read) {
            readable.resume();
        }
        if (write) {
            writable.resume();
        }
        wakeWaiters(read, write);
    }

    /** Wakes the wires parked for the given directions (one wake when one wire waits for both). */
    private void wakeWaiters(boolean read, boolean write) {
        Waiter r = read ? readWaiter : null;
        Waiter w = write ? writeWaiter : null;
        if (r != null) {
            r.wake();
        }
        if (w != null && w != r) {
            w.wake();
        }
    }

    /** Whether a hang-up or error event came (the fd will not block again in either direction). */
    boolean hungUp() {
        return outputEnded;
    }

    /** How many of this fd's waits user code has chained into a list (for pendingWaits). */
    int chainedWaits() {
        return (readable.list() != null && readWaiter == null ? 1 : 0)
                + (writable.list() != null && writeWaiter == null ? 1 : 0);
    }

    /** Throws {@link ClosedChannelException} when closed; for the wrappers before a system call. */
    void ensureOpen(String operation) throws ClosedChannelException {
        if (closed) {
            throw Errors.closed(operation + " on " + this + ": the fd is closed; open a new one", false);
        }
    }

    /** Whether the caller is a wire of the scheduler this fd belongs to (so it may wait on it). */
    boolean isOwnersWire() {
        return Wire.inWire() && Wire.current().scheduler() == scheduler;
    }

    /**
     * Waits for one direction with an optional timeout; true when ready, false on timeout.
     */
    boolean awaitOne(boolean read, Duration timeout) throws ClosedChannelException {
        String what = read ? "readable" : "writable";
        Waiter me = enter(what);
        WireWait w = read ? readable : writable;
        if (w.isTriggered()) {
            return true;
        }
        Waiter other = read ? readWaiter : writeWaiter;
        if (other != null) {
            throw busy(me, what, other);
        }
        if (read) {
            readWaiter = me;
        } else {
            writeWaiter = me;
        }
        try {
            park(me, w, null, timeout, read ? "WireFd.awaitReadable(Duration)" : "WireFd.awaitWritable(Duration)");
        } finally {
            if (read) {
                readWaiter = null;
            } else {
                writeWaiter = null;
            }
        }
        checkOpen(me, what, true);
        return w.isTriggered();
    }

    /**
     * Parks {@code me} through jwire's one park mechanism until {@code a} (or {@code b}) is
     * triggered, the fd is closed, or {@code timeout} (null: none) passes. Allocates nothing.
     */
    private void park(Waiter me, WireWait a, WireWait b, Duration timeout, String call) {
        long deadline = timeout == null ? 0 : Checks.deadlineAfter(timeout, call);
        poller.waitingWires++;
        try {
            while (!closed && !a.isTriggered() && (b == null || !b.isTriggered())) {
                if (timeout == null) {
                    me.park(a);
                } else if (!me.parkUntil(a, deadline)) {
                    return;
                }
            }
        } finally {
            poller.waitingWires--;
        }
    }

    /**
     * Waits for one direction, limited by {@code timeout} (null: none), for the socket wrappers.
     *
     * @throws SocketTimeoutException naming {@code operation} and {@code target} when the timeout passed
     * @throws ClosedChannelException when the fd is closed, before or during the wait
     */
    void awaitOrTimeout(boolean read, Duration timeout, String operation, Object target) throws IOException {
        if (!awaitOne(read, timeout)) {
            throw Errors.timeout(operation + " on " + target + " timed out after " + timeout.toMillis()
                    + " ms (the socket's timeout); the socket is still open and the call may be retried");
        }
    }

    /**
     * Reads the 8-byte counter of an eventfd or timerfd into {@code in}, waiting until it is
     * non-zero; returns it (unsigned: negative as a {@code long} above {@link Long#MAX_VALUE}), or
     * 0 when {@code timeout} (null: none) passed first.
     */
    long awaitCounter(NativeCounter in, Duration timeout, String operation) throws IOException {
        for (;;) {
            ensureOpen(operation);
            long n = LinuxFd.readCounter(fd, in, this);
            if (n != LinuxFd.COUNTER_EMPTY) {
                return n;
            }
            clearReadable();
            if (!awaitOne(true, timeout)) {
                return 0;
            }
        }
    }

    // ------------------------------------------------------------------ private

    private Waiter enter(String what) throws ClosedChannelException {
        Waiter me = Waiter.current("WireFd.await");
        if (me.scheduler() != scheduler) {
            throw new IllegalStateException("wire '" + me.wireName() + "' of " + me.scheduler() + " cannot wait for " + this
                    + " to become " + what + ": it is registered with " + scheduler + "; use it from that scheduler's wires");
        }
        checkOpen(me, what, false);
        return me;
    }

    /** Throws when closed: {@link AsynchronousCloseException} when it was closed during the wait. */
    private void checkOpen(Waiter me, String what, boolean afterWait) throws ClosedChannelException {
        if (closed) {
            throw Errors.closed("wire '" + me.wireName() + (afterWait ? "' waited for " : "' cannot wait for ") + this
                    + " to become " + what + ": the fd " + (afterWait ? "was closed meanwhile" : "is closed")
                    + "; a closed fd cannot become ready, open a new one", afterWait);
        }
    }

    private IllegalStateException busy(Waiter me, String what, Waiter other) {
        return new IllegalStateException("wire '" + me.wireName() + "' cannot wait for " + this + " to become " + what
                + ": wire '" + other.wireName() + "' already waits on it; one wire per direction waits on an fd at a time");
    }

    private void expose() {
        if (!exposed && !closed) {
            exposed = true;
            poller.expose(this);
        }
    }
}
