package io.jwire.epoll;

import io.jwire.NotInWireException;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
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
 * Use from the wires of the scheduler that bound it; one wire accepts at a time. I/O failures are
 * checked {@link IOException}s (see the {@linkplain io.jwire.epoll package comment}).
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

    /**
     * Binds and listens on {@code host:port} with {@link #DEFAULT_BACKLOG} and no {@code SO_REUSEPORT}.
     *
     * @param host the address to bind, as for {@link #bind(String, int, int, boolean)}
     * @param port the port, or 0 for an ephemeral port (see {@link #port()})
     * @return the listening socket
     * @throws IOException as {@link #bind(String, int, int, boolean)} does
     */
    public static WireServerSocket bind(String host, int port) throws IOException {
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
     * @return the listening socket
     * @throws BindException when the address is in use ({@code EADDRINUSE}) or not local
     *         ({@code EADDRNOTAVAIL})
     * @throws java.net.UnknownHostException when {@code host} cannot be resolved
     * @throws IOException when another call fails, with the errno
     * @throws IllegalArgumentException when the port is out of range or the backlog negative
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller, or
     *         {@code host} is a name to look up and the caller is not a wire
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     */
    public static WireServerSocket bind(String host, int port, int backlog, boolean reusePort) throws IOException {
        Objects.requireNonNull(host, "host");
        String call = "WireServerSocket.bind(\"" + host + "\", " + port + ")";
        SockAddr.checkPort(port, call);
        if (backlog < 0) {
            throw Misuse.badArgument(call, "backlog " + backlog + " must not be negative (DEFAULT_BACKLOG is "
                    + DEFAULT_BACKLOG + ")");
        }
        EpollPoller.current(call);
        InetAddress address = SockAddr.resolve(host);
        byte[] sockaddr = SockAddr.encode(address, port);
        String where = SockAddr.describe(address, port);
        int raw = LinuxSocket.listen(sockaddr, backlog, reusePort, where);
        byte[] name;
        try {
            name = LinuxSocket.localAddress(raw, where); // the bound port, when port was 0
        } catch (IOException | RuntimeException e) {
            LinuxFd.closeQuietly(raw);
            throw e;
        }
        return new WireServerSocket(WireFd.adopt(raw, "listener on " + SockAddr.toString(name)), name);
    }

    /**
     * The bound port.
     *
     * @return the port; the one the kernel chose when bound to port 0
     */
    public int port() {
        return port;
    }

    /**
     * The bound address.
     *
     * @return the address and port, such as {@code 127.0.0.1:41234}
     */
    public String localAddress() {
        return local;
    }

    /**
     * Takes the next connection from the accept queue, suspending the calling wire until one
     * arrives. The new socket is non-blocking, close-on-exec and registered with the same scheduler.
     *
     * @return the accepted connection
     * @throws SocketTimeoutException when the {@linkplain #setTimeout timeout} passed first
     * @throws ClosedChannelException when the listener is closed before the call, or
     *         {@link AsynchronousCloseException} (a subtype) when it is closed during the wait
     * @throws IOException when accept fails, with the errno (for example {@code EMFILE}: out of fds)
     * @throws IllegalStateException when another wire already waits in accept
     */
    public WireSocket accept() throws IOException {
        for (;;) {
            fd.ensureOpen("accept");
            if (fd.isReadable()) {
                int c = LinuxSocket.accept(fd.fd, peerName, peerLen, this);
                if (c != LinuxSocket.WOULD_BLOCK) {
                    return WireSocket.accepted(c, SockAddr.toString(peerName));
                }
                fd.clearReadable();
            }
            fd.awaitOrTimeout(true, timeout, "accept", this);
        }
    }

    /**
     * Sets how long {@link #accept()} waits at most.
     *
     * @param timeout the limit; null (the default) for none
     */
    public void setTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw Misuse.badArgument("setTimeout(" + timeout + ") on " + this, "the timeout must not be negative; "
                    + "pass null to wait without a limit");
        }
        this.timeout = timeout;
    }

    /**
     * The registered fd.
     *
     * @return the fd, for chaining its readable wait (a connection is waiting) into a wait list
     */
    public WireFd fd() {
        return fd;
    }

    /**
     * Whether the listener is open.
     *
     * @return true until it is closed
     */
    public boolean isOpen() {
        return fd.isOpen();
    }

    /**
     * Closes the listener: connections not yet accepted are reset, and a wire waiting in
     * {@link #accept()} wakes with {@link AsynchronousCloseException}. Idempotent. Scheduler thread.
     */
    @Override
    public void close() {
        fd.close();
    }

    /**
     * Describes the listener for dumps and messages.
     *
     * @return its fd and bound address, and whether it is closed
     */
    @Override
    public String toString() {
        return "listener fd " + fd.fd + " on " + local + (fd.isOpen() ? "" : " (closed)");
    }
}
