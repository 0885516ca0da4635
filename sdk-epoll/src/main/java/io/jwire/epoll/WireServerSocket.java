package io.jwire.epoll;

import io.jwire.NotInWireException;

import java.net.InetAddress;
import java.time.Duration;
import java.util.Objects;

/**
 * A listening TCP socket whose {@link #accept()} suspends the calling wire until a connection
 * arrives (libwire's {@code wire_net} listener).
 *
 * <pre>{@code
 * try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
 *     int port = server.port();                      // the ephemeral port the kernel chose
 *     for (;;) {
 *         WireSocket client = server.accept();
 *         scheduler.spawn("conn " + client.remoteAddress(), () -> handle(client));
 *     }
 * }
 * }</pre>
 *
 * <p>{@code SO_REUSEADDR} is always set, so a restarted server can bind again at once;
 * {@code SO_REUSEPORT} on request, so several schedulers can each accept on the same port.
 * Use from the wires of the scheduler that bound it; one wire accepts at a time.
 */
public final class WireServerSocket implements AutoCloseable {
    /** The backlog {@link #bind(String, int)} uses. */
    public static final int DEFAULT_BACKLOG = 128;

    private final WireFd fd;
    private final String local;
    private final int port;
    private final byte[] peerName = new byte[SockAddr.MAX_LEN];
    private final int[] peerLen = new int[1];
    private Duration timeout;

    private WireServerSocket(WireFd fd, byte[] sockname) {
        this.fd = fd;
        this.local = SockAddr.toString(sockname);
        this.port = SockAddr.port(sockname);
    }

    /** Binds and listens on {@code host:port} with {@link #DEFAULT_BACKLOG} and no {@code SO_REUSEPORT}. */
    public static WireServerSocket bind(String host, int port) {
        return bind(host, port, DEFAULT_BACKLOG, false);
    }

    /**
     * Binds and listens on {@code host:port}.
     *
     * @param host a numeric IPv4 or IPv6 address, {@code localhost}, or {@code 0.0.0.0} / {@code ::}
     *        for every interface
     * @param port the port, or 0 for an ephemeral port (see {@link #port()})
     * @param backlog the accept queue length (the kernel caps it at {@code somaxconn})
     * @param reusePort whether to set {@code SO_REUSEPORT}
     * @throws ErrnoException when binding fails, for example {@code EADDRINUSE}
     * @throws IllegalArgumentException when the port is out of range or the backlog negative
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     */
    public static WireServerSocket bind(String host, int port, int backlog, boolean reusePort) {
        Objects.requireNonNull(host, "host");
        String call = "WireServerSocket.bind(\"" + host + "\", " + port + ")";
        SockAddr.checkPort(port, call);
        if (backlog < 0) {
            throw new IllegalArgumentException(call + ": backlog " + backlog + " must not be negative");
        }
        EpollPoller.current(call);
        InetAddress address = SockAddr.resolve(host);
        byte[] sockaddr = SockAddr.encode(address, port);
        String where = SockAddr.describe(address, port);
        int raw = Native.check(Native.socket(SockAddr.family(sockaddr),
                Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0), "socket for " + where);
        try {
            Native.setIntOption(raw, Native.SOL_SOCKET, Native.SO_REUSEADDR, 1, "setsockopt(SO_REUSEADDR) " + where);
            if (reusePort) {
                Native.setIntOption(raw, Native.SOL_SOCKET, Native.SO_REUSEPORT, 1, "setsockopt(SO_REUSEPORT) " + where);
            }
            Native.check(Native.bind(raw, sockaddr, sockaddr.length), "bind " + where);
            Native.check(Native.listen(raw, backlog), "listen " + where);
        } catch (RuntimeException e) {
            Native.closeQuietly(raw);
            throw e;
        }
        WireFd f = WireFd.adopt(raw, "listener on " + where);
        byte[] name = new byte[SockAddr.MAX_LEN];
        Native.check(Native.getsockname(raw, name, new int[] {name.length}), "getsockname " + where);
        return new WireServerSocket(f, name);
    }

    /** The bound port: the one the kernel chose when bound to port 0. */
    public int port() {
        return port;
    }

    /** The bound address, such as {@code 127.0.0.1:41234}. */
    public String localAddress() {
        return local;
    }

    /**
     * Takes the next connection from the accept queue, suspending the calling wire until one
     * arrives. The new socket is non-blocking, close-on-exec and registered with the same scheduler.
     *
     * @throws IoTimeoutException when the {@linkplain #setTimeout timeout} passed first
     * @throws FdClosedException when the listener is closed, before or during the wait
     * @throws ErrnoException when accept fails (for example {@code EMFILE}: out of fds)
     */
    public WireSocket accept() {
        for (;;) {
            fd.ensureOpen("accept");
            if (fd.isReadable()) {
                peerLen[0] = peerName.length;
                int c = Native.accept4(fd.fd, peerName, peerLen, Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC);
                if (c >= 0) {
                    return WireSocket.accepted(c, SockAddr.toString(peerName));
                }
                int e = Native.errno();
                if (e == Errno.EAGAIN) {
                    fd.clearReadable();
                } else if (e != Errno.EINTR && e != Errno.ECONNABORTED) {
                    throw Errno.exception("accept4 " + this, e);
                }
                continue;
            }
            fd.awaitOrTimeout(true, timeout, "accept", this);
        }
    }

    /** Sets how long {@link #accept()} waits at most (null, the default: no limit). */
    public void setTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("setTimeout(" + timeout + ") on " + this + ": must not be negative");
        }
        this.timeout = timeout;
    }

    /** The registered fd, for chaining its readable wait (a connection is waiting) into a wait list. */
    public WireFd fd() {
        return fd;
    }

    /** Whether the listener is open. */
    public boolean isOpen() {
        return fd.isOpen();
    }

    /**
     * Closes the listener: connections not yet accepted are reset, and a wire waiting in
     * {@link #accept()} wakes with {@link FdClosedException}. Idempotent. Scheduler thread.
     */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "listener fd " + fd.fd + " on " + local + (fd.isOpen() ? "" : " (closed)");
    }
}
