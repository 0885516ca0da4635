package io.jwire.epoll;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.io.WireIo;

import java.io.EOFException;
import java.io.IOException;
import java.net.ConnectException;
import java.net.InetAddress;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;

/**
 * A TCP connection whose reads and writes suspend the calling wire instead of blocking the
 * scheduler's thread (libwire's {@code wire_net}). Buffers must be direct: the kernel reads and
 * writes them in place, between {@code position} and {@code limit}, and the position moves by the
 * bytes transferred.
 *
 * <pre>{@code
 * try (WireSocket s = WireSocket.connect("127.0.0.1", 8080, Duration.ofSeconds(2))) {
 *     s.setTimeout(Duration.ofSeconds(5));         // each wait gives up after 5 s
 *     s.writeAll(request);
 *     int n = s.read(reply);                        // -1 at end of stream
 * }
 * }</pre>
 *
 * <p><b>Outcomes</b> are the JDK's own, as for its sockets and channels (see the
 * {@linkplain io.jwire.epoll package comment} for the rule); every message names the call, the
 * socket and, for a failed system call, the errno:
 * <ul>
 *   <li>end of stream (the peer closed or shut down its output): {@link #read} returns -1;
 *       {@link #readAtLeast} and {@link #readFully} throw {@link EOFException};</li>
 *   <li>timeout: {@link SocketTimeoutException} (the socket stays open; for {@link #connect} the
 *       attempt is abandoned and never reported as success);</li>
 *   <li>reset by peer: {@link SocketException} naming {@code ECONNRESET};</li>
 *   <li>broken pipe (writing after the peer closed, or after {@link #shutdownOutput()}):
 *       {@link SocketException} naming {@code EPIPE} (or {@code ECONNRESET} when the peer's reset
 *       arrived first), never a {@code SIGPIPE};</li>
 *   <li>connection refused: {@link ConnectException} naming {@code ECONNREFUSED};</li>
 *   <li>used after {@link #close()}: {@link ClosedChannelException}; closed while a wire waits
 *       on it: {@link AsynchronousCloseException} (a subtype) in that wire;</li>
 *   <li>any other failed call: {@link IOException} (or its JDK subtype) with the errno.</li>
 * </ul>
 * Misuse (a heap buffer, a negative timeout, a port out of range, two wires reading at once)
 * throws unchecked {@link IllegalArgumentException} or {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> Use a socket from the wires of the scheduler that opened it. One wire may
 * read while another writes; two wires must not read (or write) at the same time.
 */
public final class WireSocket implements AutoCloseable {
    private final WireFd fd;
    private final String peer;
    private Duration timeout;

    private WireSocket(WireFd fd, String peer) {
        this.fd = fd;
        this.peer = peer;
    }

    /**
     * Connects to {@code host:port} without a connect timeout; see {@link #connect(String, int, Duration)}.
     *
     * @param host a numeric address, {@code localhost}, or a name to resolve
     * @param port the port, 1 to 65535
     * @return the connected socket
     * @throws IOException as {@link #connect(String, int, Duration)} does
     */
    public static WireSocket connect(String host, int port) throws IOException {
        return connect(host, port, null);
    }

    /**
     * Opens a TCP connection to {@code host:port} (a numeric IPv4 or IPv6 address and
     * {@code localhost} are parsed at once; other names are resolved on
     * {@link io.jwire.io.WireIo#shared()}'s helper threads, libwire's {@code wio_getaddrinfo}), suspending
     * the calling wire while the handshake runs: a non-blocking {@code connect}, a wait for
     * writability, then an {@code SO_ERROR} check.
     *
     * @param host a numeric address, {@code localhost}, or a name to resolve
     * @param port the port, 1 to 65535
     * @param timeout how long the handshake may take, or null for no limit (the kernel's own
     *        limit, about two minutes, still applies)
     * @return the connected socket
     * @throws ConnectException when nothing listens there ({@code ECONNREFUSED}) or the handshake
     *         failed otherwise ({@code ETIMEDOUT}, ...); {@link java.net.NoRouteToHostException}
     *         when the network or host is unreachable
     * @throws SocketTimeoutException when the timeout passed first; the attempt is abandoned
     * @throws UnknownHostException when {@code host} cannot be resolved
     * @throws IOException for other failures, with the errno
     * @throws IllegalArgumentException when the port is out of range or the timeout negative
     * @throws io.jwire.NotInWireException outside a wire
     */
    public static WireSocket connect(String host, int port, Duration timeout) throws IOException {
        Objects.requireNonNull(host, "host");
        SockAddr.checkPort(port, "WireSocket.connect(\"" + host + "\", " + port + ")");
        if (timeout != null && timeout.isNegative()) {
            throw Misuse.badArgument("WireSocket.connect(\"" + host + "\", " + port + ", " + timeout + ")",
                    "the timeout must not be negative; pass null to wait without a limit");
        }
        io.jwire.Wire.current();
        EpollPoller.current("WireSocket.connect");
        InetAddress address = SockAddr.resolve(host);
        String peer = SockAddr.describe(address, port);
        byte[] sockaddr = SockAddr.encode(address, port);
        int raw = LinuxSocket.newStream(sockaddr, peer);
        boolean connected;
        try {
            connected = LinuxSocket.connect(raw, sockaddr, peer);
        } catch (IOException | RuntimeException e) {
            LinuxFd.closeQuietly(raw);
            throw e;
        }
        // Registered after connect(): an unconnected socket would report EPOLLOUT|EPOLLHUP at once.
        WireSocket s = new WireSocket(WireFd.adopt(raw, "socket to " + peer), peer);
        if (!connected) {
            try {
                s.finishConnect(timeout);
            } catch (IOException | RuntimeException | Error e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    /** Wraps a connected socket from accept4. */
    static WireSocket accepted(int raw, String peer) throws IOException {
        return new WireSocket(WireFd.adopt(raw, "socket from " + peer), peer);
    }

    /** Waits until the handshake in progress completes, fails, or {@code limit} (null: none) passes. */
    private void finishConnect(Duration limit) throws IOException {
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        for (;;) {
            Duration left = limit == null ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!fd.awaitOne(false, left)) {
                throw Errors.timeout("connect " + peer + " timed out after " + limit.toMillis()
                        + " ms; the attempt was abandoned and its socket closed");
            }
            if (LinuxSocket.finishConnect(fd.fd, fd.hungUp(), peer)) {
                return;
            }
            fd.clearWritable(); // woken without a result: still in progress
        }
    }

    /**
     * Reads at least one byte into {@code dst} (from its position up to its limit), suspending the
     * calling wire until data arrives.
     *
     * @param dst a direct buffer to fill
     * @return the number of bytes read, 0 when {@code dst} has no room, or -1 at end of stream
     * @throws IllegalArgumentException when {@code dst} is not a direct buffer, or read-only
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int read(ByteBuffer dst) throws IOException {
        requireDirect(dst, "read");
        if (dst.isReadOnly()) {
            throw Misuse.badArgument("read on " + this, "the ByteBuffer is read-only; read into a writable direct buffer");
        }
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        for (;;) {
            fd.ensureOpen("read");
            if (fd.isReadable()) {
                int n = LinuxSocket.read(fd.fd, dst, want, this);
                if (n > 0) {
                    dst.position(dst.position() + n);
                    if (n < want) {
                        fd.clearReadable(); // the receive queue is empty: the next read would block
                    }
                    return n;
                }
                if (n == 0) {
                    return -1;
                }
                fd.clearReadable(); // LinuxSocket.WOULD_BLOCK
            }
            fd.awaitOrTimeout(true, timeout, "read", this);
        }
    }

    /**
     * Reads until at least {@code min} bytes have arrived (libwire {@code wire_net_read_min}), or
     * more if they are there and {@code dst} has room.
     *
     * @param dst a direct buffer to fill
     * @param min the fewest bytes to read; at most {@code dst.remaining()}
     * @return the number of bytes read, at least {@code min}
     * @throws IllegalArgumentException when {@code min} is negative or exceeds {@code dst.remaining()}
     * @throws EOFException when the stream ended before {@code min} bytes arrived; the bytes that
     *         did arrive are in {@code dst} (its position moved by them), and the message says how many
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int readAtLeast(ByteBuffer dst, int min) throws IOException {
        if (min < 0 || min > dst.remaining()) {
            throw Misuse.badArgument("readAtLeast(" + min + ") on " + this, "min must be in 0.." + dst.remaining()
                    + " (the room left in the buffer)");
        }
        int total = 0;
        while (total < min) {
            int n = read(dst);
            if (n < 0) {
                throw Errors.endOfStream("end of stream on " + this + " after " + total + " of at least " + min
                        + " bytes");
            }
            total += n;
        }
        return total;
    }

    /**
     * Reads until {@code dst} is full (libwire {@code wire_net_read_full}).
     *
     * @param dst a direct buffer to fill
     * @throws EOFException when the stream ended first (the bytes that arrived are in {@code dst})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public void readFully(ByteBuffer dst) throws IOException {
        readAtLeast(dst, dst.remaining());
    }

    /**
     * Writes at least one byte of {@code src} (from its position up to its limit), suspending the
     * calling wire while the send buffer is full.
     *
     * @param src a direct buffer with the bytes to send
     * @return the number of bytes written (0 only when {@code src} is empty)
     * @throws IllegalArgumentException when {@code src} is not a direct buffer
     * @throws SocketException when the peer has closed the connection or output was shut down
     *         ({@code EPIPE}), or the peer reset it ({@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int write(ByteBuffer src) throws IOException {
        requireDirect(src, "write");
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        for (;;) {
            fd.ensureOpen("write");
            if (fd.isWritable()) {
                int n = LinuxSocket.send(fd.fd, src, len, this);
                if (n > 0) {
                    src.position(src.position() + n);
                    if (n < len) {
                        fd.clearWritable(); // the send buffer is full
                    }
                    return n;
                }
                fd.clearWritable(); // LinuxSocket.WOULD_BLOCK (or 0: nothing taken)
            }
            fd.awaitOrTimeout(false, timeout, "write", this);
        }
    }

    /**
     * Writes all of {@code src} (libwire {@code wire_net_write}), in as many pieces as the send
     * buffer takes.
     *
     * @param src a direct buffer with the bytes to send
     * @throws SocketException when the peer has closed the connection or output was shut down
     *         ({@code EPIPE}), or the peer reset it ({@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public void writeAll(ByteBuffer src) throws IOException {
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /**
     * Shuts down the sending side (a TCP FIN): the peer reads end of stream, while this side can
     * still read. Later writes throw {@link SocketException} naming {@code EPIPE}.
     *
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code shutdown} fails, with the errno
     */
    public void shutdownOutput() throws IOException {
        fd.ensureOpen("shutdownOutput");
        LinuxSocket.shutdownOutput(fd.fd, this);
    }

    /**
     * Sets {@code TCP_NODELAY}: send small writes at once instead of coalescing them (Nagle).
     *
     * @param on true to send at once
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code setsockopt} fails, with the errno
     */
    public void setNoDelay(boolean on) throws IOException {
        fd.ensureOpen("setsockopt(TCP_NODELAY)");
        LinuxSocket.setNoDelay(fd.fd, on, this);
    }

    /**
     * Whether {@code TCP_NODELAY} is set.
     *
     * @return true when small writes are sent at once
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code getsockopt} fails, with the errno
     */
    public boolean noDelay() throws IOException {
        fd.ensureOpen("getsockopt(TCP_NODELAY)");
        return LinuxSocket.noDelay(fd.fd, this);
    }

    /**
     * Sets {@code SO_LINGER}: with 0, {@link #close()} resets the connection (the peer gets a
     * {@link SocketException} naming {@code ECONNRESET}) instead of a graceful FIN; a negative
     * value turns lingering off.
     *
     * @param seconds how long {@code close} lingers to send what is buffered; 0 resets, negative turns it off
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code setsockopt} fails, with the errno
     */
    public void setLinger(int seconds) throws IOException {
        fd.ensureOpen("setsockopt(SO_LINGER)");
        LinuxSocket.setLinger(fd.fd, seconds, this);
    }

    /**
     * Sets the connection's timeout (libwire's {@code wire_net} timeout): every wait inside
     * {@link #read}, {@link #write} and the calls built on them gives up after this long with
     * {@link SocketTimeoutException}. Null (the default) waits without a limit.
     *
     * @param timeout the limit for each wait, or null for none
     * @throws IllegalArgumentException when negative
     */
    public void setTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw Misuse.badArgument("setTimeout(" + timeout + ") on " + this, "the timeout must not be negative; "
                    + "pass null to wait without a limit");
        }
        this.timeout = timeout;
    }

    /**
     * The connection's timeout.
     *
     * @return the limit for each wait, or null for none
     */
    public Duration timeout() {
        return timeout;
    }

    /**
     * The peer's address.
     *
     * @return the address and port, such as {@code 127.0.0.1:8080}
     */
    public String remoteAddress() {
        return peer;
    }

    /**
     * The local address.
     *
     * @return the address and port, such as {@code 127.0.0.1:41234}
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code getsockname} fails, with the errno
     */
    public String localAddress() throws IOException {
        return SockAddr.toString(localName());
    }

    /**
     * The local port.
     *
     * @return the port the kernel bound this end to
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException when {@code getsockname} fails, with the errno
     */
    public int localPort() throws IOException {
        return SockAddr.port(localName());
    }

    /**
     * The registered fd.
     *
     * @return the fd, for chaining its waits into a wait list
     */
    public WireFd fd() {
        return fd;
    }

    /**
     * Whether the socket is open.
     *
     * @return true until it is closed
     */
    public boolean isOpen() {
        return fd.isOpen();
    }

    /**
     * Closes the socket; wires waiting on it wake with {@link AsynchronousCloseException}. Idempotent.
     * Scheduler thread.
     */
    @Override
    public void close() {
        fd.close();
    }

    /**
     * Describes the socket for dumps and messages.
     *
     * @return its fd and peer address, and whether it is closed
     */
    @Override
    public String toString() {
        return "socket fd " + fd.fd + " to " + peer + (fd.isOpen() ? "" : " (closed)");
    }

    private byte[] localName() throws IOException {
        fd.ensureOpen("getsockname");
        return LinuxSocket.localAddress(fd.fd, this);
    }

    private void requireDirect(ByteBuffer b, String op) {
        if (!b.isDirect()) {
            throw Misuse.badArgument(op + " on " + this, "needs a direct ByteBuffer (ByteBuffer.allocateDirect): the kernel "
                    + "reads and writes it in place, without copies");
        }
    }
}
