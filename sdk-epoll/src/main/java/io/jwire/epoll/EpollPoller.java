package io.jwire.epoll;

import io.jwire.internal.Waiter;
import io.jwire.NotInWireException;
import io.jwire.WireWait;
import io.jwire.WireWaitList;

import io.jwire.WireScheduler;
import io.jwire.spi.WirePoller;
import io.jwire.spi.WirePollerProvider;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The Linux epoll poller (libwire's {@code wire_fd} monitor): a scheduler using it waits in
 * {@code epoll_wait} when no wire is ready, and wakes the wires waiting on {@link WireFd}s that
 * became readable or writable. Found through {@link java.util.ServiceLoader} as provider
 * {@code epoll} (priority 10, above the portable poller's 0), so with sdk-epoll on the class path
 * on Linux {@link WireScheduler#create()} uses it without any code change;
 * {@code -Djwire.poller=portable} opts out.
 *
 * <p><b>Wake-ups.</b> An {@code eventfd} in the epoll set wakes {@code epoll_wait} for
 * {@link #wakeup()} from other threads; one write per idle period (a flag skips redundant writes).
 * It is edge-triggered, so the scheduler takes a wake-up without reading the counter back.
 *
 * <p><b>Timeouts.</b> {@link #poll(long)} turns the scheduler's next timer deadline into the
 * {@code epoll_wait} timeout in milliseconds, rounded up so that a wire never wakes early and the
 * scheduler does not spin on sub-millisecond remainders. Timers themselves stay in the scheduler's
 * heap: no timerfd per sleep.
 *
 * <p><b>Trigger mode.</b> Each fd is added to the epoll set once, when it is registered, with
 * {@code EPOLLIN | EPOLLOUT | EPOLLRDHUP | EPOLLET} (edge-triggered, both directions) and stays
 * until it is closed. Readiness is remembered per direction in the fd's two {@link io.jwire.WireWait}s:
 * an edge triggers them; the socket code resets a direction only after the kernel said "would
 * block" (or a read or write came back short, which means the same), so no edge is ever missed.
 * libwire instead used level-triggered mode, one direction at a time, with an
 * {@code epoll_ctl(MOD)} re-arm before every wait: a system call per wait. Here a busy connection
 * costs no {@code epoll_ctl} at all, a reader and a writer can wait on one socket at the same time,
 * and an fd that is already known ready is used without entering the kernel. The price is the
 * discipline above, which {@link WireSocket} and the other wrappers keep for you. Hang-up and
 * error events ({@code EPOLLRDHUP}, {@code EPOLLHUP}, {@code EPOLLERR}) mark a direction ready for
 * good, so the next call sees the end of stream or the error.
 *
 * <p><b>Batches.</b> One {@code epoll_wait} returns up to 512 events into a native buffer that is
 * reused for the poller's life; dispatch only marks readiness and makes wires ready, so it
 * allocates nothing.
 *
 * <p><b>JVM flags.</b> JNA loads its native library through a restricted method; on JDK 24 and
 * newer run with {@code --enable-native-access=ALL-UNNAMED} to silence the JDK's warning.
 *
 * <p><b>Threads.</b> As for every {@link WirePoller}: {@link #wakeup()} from any thread, the rest
 * on the scheduler's thread.
 */
public final class EpollPoller implements WirePoller {
    private static final int MAX_EVENTS = 512;
    /** Timeouts from here on wait Integer.MAX_VALUE ms (about 24 days; the scheduler polls again after). */
    private static final long MAX_TIMEOUT_NANOS = Integer.MAX_VALUE * 1_000_000L;
    private static final int REGISTER_EVENTS = Native.EPOLLIN | Native.EPOLLOUT | Native.EPOLLRDHUP | Native.EPOLLET;

    private final int epfd;
    private final int wakeFd;
    /** The {@code epoll_wait} event array, and its native address (resolved once: see {@link Native}). */
    private final ByteBuffer events;
    private final long eventsAddress;
    /** The {@code struct epoll_event} of {@code epoll_ctl}, and its address. */
    private final ByteBuffer ctlEvent;
    private final long ctlEventAddress;
    /** Holds the 8-byte value 1 written to the wake-up eventfd; used only under this poller's lock. */
    private final NativeCounter one = new NativeCounter().set(1);
    private final AtomicBoolean woken = new AtomicBoolean();
    private final ArrayList<WireFd> exposed = new ArrayList<>();
    private WireFd[] byFd = new WireFd[256];
    private int registered;
    /** Wires suspended in a {@link WireFd} wait right now. */
    int waitingWires;
    private boolean closed;

    private EpollPoller() throws IOException {
        ByteOrder order = ByteOrder.nativeOrder();
        events = ByteBuffer.allocateDirect(MAX_EVENTS * Native.EPOLL_EVENT_SIZE).order(order);
        eventsAddress = Native.address(events);
        ctlEvent = ByteBuffer.allocateDirect(16).order(order);
        ctlEventAddress = Native.address(ctlEvent);
        epfd = LinuxFd.epollCreate();
        int w = -1;
        try {
            w = LinuxFd.newEventFd();
            // Edge-triggered and never read: each write is an edge that ends a blocked epoll_wait,
            // so a wake-up costs one system call (the write), not two. The counter grows by one
            // per idle period; at a million wake-ups a second it would fill in 500,000 years.
            ctl(Native.EPOLL_CTL_ADD, w, Native.EPOLLIN | Native.EPOLLET);
        } catch (IOException | RuntimeException e) {
            LinuxFd.closeQuietly(w);
            LinuxFd.closeQuietly(epfd);
            throw e;
        }
        wakeFd = w;
    }

    /**
     * The epoll poller of the scheduler running the calling code.
     *
     * @param call the operation that needs it, for the error message
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     * @throws IllegalStateException when that scheduler uses another poller
     */
    static EpollPoller current(String call) {
        WireScheduler s = WireScheduler.current();
        if (Waiter.currentPoller() instanceof EpollPoller p) {
            return p;
        }
        throw new IllegalStateException(call + " in " + Misuse.caller() + " needs a scheduler with the epoll poller, but "
                + s + " uses the "
                + s.pollerName() + " poller; create it with WireScheduler.create() on Linux with "
                + "jwire-sdk-epoll on the class path (and no -Djwire.poller override), or with "
                + "WireScheduler.create(new EpollPoller.Provider())");
    }

    /**
     * {@inheritDoc}
     *
     * @throws UncheckedIOException when {@code epoll_wait} fails (the poller is unusable then)
     */
    @Override
    public int poll(long timeoutNanos) {
        if (closed) {
            throw new IllegalStateException("epoll poller is closed");
        }
        int millis = timeoutNanos < 0 ? -1
                : timeoutNanos >= MAX_TIMEOUT_NANOS ? Integer.MAX_VALUE
                : (int) ((timeoutNanos + 999_999) / 1_000_000);
        int n;
        try {
            n = LinuxFd.epollWait(epfd, eventsAddress, MAX_EVENTS, millis); // events is a field: reachable
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        int dispatched = 0;
        for (int i = 0; i < n; i++) {
            int base = i * Native.EPOLL_EVENT_SIZE;
            int ev = events.getInt(base);
            int fd = (int) events.getLong(base + Native.EPOLL_DATA_OFFSET);
            if (fd == wakeFd) {
                woken.set(false); // this wake-up is taken: later ones write again
                continue;
            }
            WireFd f = fd < byFd.length ? byFd[fd] : null;
            if (f != null) {
                f.onEvents(ev);
                dispatched++;
            }
        }
        return dispatched;
    }

    @Override
    public void wakeup() {
        if (!woken.getAndSet(true)) {
            synchronized (this) { // against close(): never write to a closed (maybe reused) fd number
                if (!closed) {
                    try {
                        LinuxFd.addToCounter(wakeFd, one, this); // never full: +1 per idle period
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                }
            }
        }
    }

    /**
     * The wires waiting on fds right now: those suspended in a {@link WireFd} wait, plus fd waits
     * that user code {@linkplain WireFd#readableWait() chained} into a {@link io.jwire.WireWaitList}.
     */
    @Override
    public int pendingWaits() {
        int n = waitingWires;
        for (int i = 0, size = exposed.size(); i < size; i++) {
            n += exposed.get(i).chainedWaits();
        }
        return n;
    }

    /**
     * The number of fds registered with this poller. Scheduler thread.
     *
     * @return how many {@link WireFd}s are open on it
     */
    public int registeredFds() {
        return registered;
    }

    /** Closes every fd still registered, then the epoll and eventfd fds. Scheduler thread. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        for (WireFd f : byFd.clone()) {
            if (f != null) {
                f.close();
            }
        }
        synchronized (this) {
            closed = true;
            LinuxFd.closeQuietly(wakeFd);
            LinuxFd.closeQuietly(epfd);
        }
    }

    /**
     * Describes the poller for logs and dumps.
     *
     * @return its epoll fd, registered fds and waiting wires
     */
    @Override
    public String toString() {
        return "EpollPoller[epfd " + epfd + ", " + registered + " fds, " + waitingWires + " waiting wires]";
    }

    // ------------------------------------------------------------------ for WireFd

    void register(WireFd f) throws IOException {
        if (closed) {
            throw new IllegalStateException("cannot register " + f + ": the scheduler's epoll poller is closed");
        }
        int fd = f.fd;
        if (fd >= byFd.length) {
            byFd = Arrays.copyOf(byFd, Math.max(fd + 1, byFd.length * 2));
        }
        ctl(Native.EPOLL_CTL_ADD, fd, REGISTER_EVENTS);
        byFd[fd] = f;
        registered++;
    }

    /** Forgets {@code f}; the caller closes the fd, which removes it from the epoll set. */
    void deregister(WireFd f) {
        if (f.fd < byFd.length && byFd[f.fd] == f) {
            byFd[f.fd] = null;
            registered--;
        }
        if (f.exposed) {
            exposed.remove(f);
        }
    }

    void expose(WireFd f) {
        exposed.add(f);
    }

    private void ctl(int op, int fd, int interest) throws IOException {
        ctlEvent.putInt(0, interest);
        ctlEvent.putLong(Native.EPOLL_DATA_OFFSET, fd);
        LinuxFd.epollCtl(epfd, op, fd, ctlEventAddress); // ctlEvent is a field: reachable
    }

    /**
     * The {@code epoll} provider: supported on Linux when JNA loads, priority 10. Registered in
     * {@code META-INF/services/io.jwire.spi.WirePollerProvider}. Thread-safe.
     */
    public static final class Provider implements WirePollerProvider {
        /** Whether isSupported() has logged why the poller is unavailable (once per JVM). */
        private static final AtomicBoolean loggedUnsupported = new AtomicBoolean();

        /** Creates the provider (ServiceLoader does). */
        public Provider() {
        }

        @Override
        public String name() {
            return "epoll";
        }

        @Override
        public int priority() {
            return 10;
        }

        /**
         * {@inheritDoc}
         *
         * <p>False when not on Linux or when JNA is missing or cannot load libc; the first time it
         * says false, it logs why (once per JVM, through {@link System.Logger} {@code io.jwire.epoll}),
         * so {@link WireScheduler#create()} falls back to the portable poller with that line
         * instead of failing.
         */
        @Override
        public boolean isSupported() {
            Throwable failure = Native.loadFailure();
            if (failure != null && !loggedUnsupported.getAndSet(true)) {
                System.getLogger("io.jwire.epoll").log(System.Logger.Level.WARNING,
                        "the epoll poller is unavailable (" + failure + "); WireScheduler.create() uses the portable "
                                + "poller, without fd waits or sockets. On Linux, put JNA (net.java.dev.jna:jna) on the "
                                + "class path to use epoll");
            }
            return failure == null;
        }

        /**
         * {@inheritDoc}
         *
         * @throws UncheckedIOException when the epoll or eventfd fd cannot be created (for example
         *         {@code EMFILE}: out of fds)
         */
        @Override
        public WirePoller open() {
            if (!isSupported()) {
                throw new UnsupportedOperationException("the epoll poller is not supported here: " + Native.loadFailure());
            }
            try {
                return new EpollPoller();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
