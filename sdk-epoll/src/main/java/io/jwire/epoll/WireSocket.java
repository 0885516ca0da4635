package io.jwire.epoll;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.io.WireIo;

import java.net.InetAddress;
import java.nio.ByteBuffer;
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
 * <p><b>Outcomes.</b> Each is distinct:
 * <ul>
 *   <li>end of stream (the peer closed or shut down its output): {@link #read} returns -1;
 *       {@link #readAtLeast} and {@link #readFully} throw {@link EndOfStreamException};</li>
 *   <li>timeout: {@link IoTimeoutException} (the socket stays open; for {@link #connect} the
 *       attempt is abandoned and never reported as success);</li>
 *   <li>reset by peer: {@link ConnectionResetException};</li>
 *   <li>broken pipe (writing after the peer closed, or after {@link #shutdownOutput()}):
 *       {@link BrokenPipeException} (or {@link ConnectionResetException} when the peer's reset
 *       arrived first), never a {@code SIGPIPE};</li>
 *   <li>connection refused: {@link ConnectionRefusedException};</li>
 *   <li>closed through jwire, also while a wire waits: {@link FdClosedException};</li>
 *   <li>any other failed call: {@link ErrnoException} with the errno.</li>
 * </ul>
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
     */
    public static WireSocket connect(String host, int port) {
        return connect(host, port, null);
    }

    /**
     * Opens a TCP connection to {@code host:port} (a numeric IPv4 or IPv6 address and
     * {@code localhost} are parsed at once; other names are resolved on
     * {@link io.jwire.WireIo#shared()}'s helper threads, libwire's {@code wio_getaddrinfo}), suspending the calling wire while the handshake runs: a non-blocking
     * {@code connect}, a wait for writability, then an {@code SO_ERROR} check.
     *
     * @param timeout how long the handshake may take, or null for no limit (the kernel's own
     *        limit, about two minutes, still applies)
     * @throws ConnectionRefusedException when nothing listens there
     * @throws IoTimeoutException when the timeout passed first; the attempt is abandoned
     * @throws ErrnoException for other failures, such as {@code ENETUNREACH}
     * @throws WireIoException when {@code host} cannot be resolved (the cause is the {@code UnknownHostException})
     * @throws IllegalArgumentException when the port is out of range or the timeout negative
     * @throws io.jwire.NotInWireException outside a wire
     */
    public static WireSocket connect(String host, int port, Duration timeout) {
        Objects.requireNonNull(host, "host");
        SockAddr.checkPort(port, "WireSocket.connect(\"" + host + "\", " + port + ")");
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("WireSocket.connect(\"" + host + "\", " + port + ", " + timeout
                    + "): the timeout must not be negative");
        }
        io.jwire.Wire.current();
        EpollPoller.current("WireSocket.connect");
        InetAddress address = SockAddr.resolve(host);
        String peer = SockAddr.describe(address, port);
        byte[] sockaddr = SockAddr.encode(address, port);
        int raw = Native.check(Native.socket(SockAddr.family(sockaddr),
                Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0), "socket for " + peer);
        boolean pending;
        try {
            pending = Native.connect(raw, sockaddr, sockaddr.length) < 0;
            if (pending) {
                int e = Native.errno();
                if (e != Errno.EINPROGRESS) {
                    throw Errno.exception("connect " + peer, e);
                }
            }
        } catch (RuntimeException e) {
            Native.closeQuietly(raw);
            throw e;
        }
        // Registered after connect(): an unconnected socket would report EPOLLOUT|EPOLLHUP at once.
        WireSocket s = new WireSocket(WireFd.adopt(raw, "socket to " + peer), peer);
        if (pending) {
            try {
                s.finishConnect(timeout);
            } catch (RuntimeException | Error e) {
                s.close();
                throw e;
            }
        }
        return s;
    }

    /** Wraps a connected socket from accept4. */
    static WireSocket accepted(int raw, String peer) {
        return new WireSocket(WireFd.adopt(raw, "socket from " + peer), peer);
    }

    private void finishConnect(Duration limit) {
        long deadline = limit == null ? 0 : System.nanoTime() + limit.toNanos();
        for (;;) {
            Duration left = limit == null ? null : Duration.ofNanos(Math.max(0, deadline - System.nanoTime()));
            if (!fd.awaitOne(false, left)) {
                throw new IoTimeoutException("connect " + peer + " timed out after " + limit.toMillis()
                        + " ms; the attempt was abandoned and its socket closed");
            }
            int err = Native.intOption(fd.fd, Native.SOL_SOCKET, Native.SO_ERROR, "getsockopt(SO_ERROR) " + fd);
            if (err != 0) {
                throw Errno.exception("connect " + peer, err);
            }
            byte[] name = new byte[SockAddr.MAX_LEN];
            if (Native.getpeername(fd.fd, name, new int[] {name.length}) == 0) {
                return;
            }
            int e = Native.errno();
            if (e != Errno.ENOTCONN || fd.hungUp()) {
                throw Errno.exception("connect " + peer, e); // not connected, and it never will be
            }
            fd.clearWritable(); // woken without a result: still in progress
        }
    }

    /**
     * Reads at least one byte into {@code dst} (from its position up to its limit), suspending the
     * calling wire until data arrives.
     *
     * @return the number of bytes read, 0 when {@code dst} has no room, or -1 at end of stream
     * @throws IllegalArgumentException when {@code dst} is not a direct buffer
     * @throws IoTimeoutException when the socket's timeout passed while waiting
     * @throws ConnectionResetException when the peer reset the connection
     * @throws FdClosedException when the socket is closed, before or during the wait
     */
    public int read(ByteBuffer dst) {
        requireDirect(dst, "read");
        if (dst.isReadOnly()) {
            throw new IllegalArgumentException("read on " + this + " into a read-only ByteBuffer");
        }
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        for (;;) {
            fd.ensureOpen("read");
            if (fd.isReadable()) {
                int pos = dst.position();
                long n = Native.checkIo(Native.read(fd.fd, dst, want), "read", this);
                if (n > 0) {
                    dst.position(pos + (int) n);
                    if (n < want) {
                        fd.clearReadable(); // the receive queue is empty: the next read would block
                    }
                    return (int) n;
                }
                if (n == 0) {
                    return -1;
                }
                fd.clearReadable();
            }
            fd.awaitOrTimeout(true, timeout, "read", this);
        }
    }

    /**
     * Reads until at least {@code min} bytes have arrived (libwire {@code wire_net_read_min}), or
     * more if they are there and {@code dst} has room.
     *
     * @return the number of bytes read, at least {@code min}
     * @throws IllegalArgumentException when {@code min} is negative or exceeds {@code dst.remaining()}
     * @throws EndOfStreamException when the stream ended before {@code min} bytes arrived
     * @throws IoTimeoutException when the socket's timeout passed while waiting
     * @throws ConnectionResetException when the peer reset the connection
     * @throws FdClosedException when the socket is closed, before or during the wait
     */
    public int readAtLeast(ByteBuffer dst, int min) {
        if (min < 0 || min > dst.remaining()) {
            throw new IllegalArgumentException("readAtLeast(" + min + ") on " + this + ": min must be in 0.."
                    + dst.remaining() + " (the room left in the buffer)");
        }
        int total = 0;
        while (total < min) {
            int n = read(dst);
            if (n < 0) {
                throw new EndOfStreamException("end of stream on " + this + " after " + total + " of at least " + min
                        + " bytes", total);
            }
            total += n;
        }
        return total;
    }

    /**
     * Reads until {@code dst} is full (libwire {@code wire_net_read_full}).
     *
     * @throws EndOfStreamException when the stream ended first
     * @throws IoTimeoutException when the socket's timeout passed while waiting
     * @throws ConnectionResetException when the peer reset the connection
     * @throws FdClosedException when the socket is closed, before or during the wait
     */
    public void readFully(ByteBuffer dst) {
        readAtLeast(dst, dst.remaining());
    }

    /**
     * Writes at least one byte of {@code src} (from its position up to its limit), suspending the
     * calling wire while the send buffer is full.
     *
     * @return the number of bytes written (0 only when {@code src} is empty)
     * @throws BrokenPipeException when the peer has closed the connection or output was shut down
     * @throws ConnectionResetException when the peer reset the connection
     * @throws IoTimeoutException when the socket's timeout passed while waiting
     * @throws FdClosedException when the socket is closed, before or during the wait
     */
    public int write(ByteBuffer src) {
        requireDirect(src, "write");
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        for (;;) {
            fd.ensureOpen("write");
            if (fd.isWritable()) {
                int pos = src.position();
                long n = Native.checkIo(Native.send(fd.fd, src, len, Native.MSG_NOSIGNAL), "write", this);
                if (n > 0) {
                    src.position(pos + (int) n);
                    if (n < len) {
                        fd.clearWritable(); // the send buffer is full
                    }
                    return (int) n;
                }
                fd.clearWritable();
            }
            fd.awaitOrTimeout(false, timeout, "write", this);
        }
    }

    /**
     * Writes all of {@code src} (libwire {@code wire_net_write}), in as many pieces as the send
     * buffer takes.
     *
     * @throws BrokenPipeException when the peer has closed the connection or output was shut down
     * @throws ConnectionResetException when the peer reset the connection
     * @throws IoTimeoutException when the socket's timeout passed while waiting
     * @throws FdClosedException when the socket is closed, before or during the wait
     */
    public void writeAll(ByteBuffer src) {
        while (src.hasRemaining()) {
            write(src);
        }
    }

    /**
     * Shuts down the sending side (a TCP FIN): the peer reads end of stream, while this side can
     * still read. Later writes throw {@link BrokenPipeException}.
     */
    public void shutdownOutput() {
        fd.ensureOpen("shutdownOutput");
        Native.check(Native.shutdown(fd.fd, Native.SHUT_WR), "shutdown(SHUT_WR) " + this);
    }

    /** Sets {@code TCP_NODELAY}: send small writes at once instead of coalescing them (Nagle). */
    public void setNoDelay(boolean on) {
        setOption(Native.IPPROTO_TCP, Native.TCP_NODELAY, on ? 1 : 0, "TCP_NODELAY");
    }

    /** Whether {@code TCP_NODELAY} is set. */
    public boolean noDelay() {
        fd.ensureOpen("getsockopt(TCP_NODELAY)");
        return Native.intOption(fd.fd, Native.IPPROTO_TCP, Native.TCP_NODELAY, "getsockopt(TCP_NODELAY) " + this) != 0;
    }

    /**
     * Sets {@code SO_LINGER}: with 0, {@link #close()} resets the connection (the peer gets
     * {@link ConnectionResetException}) instead of a graceful FIN; a negative value turns lingering off.
     */
    public void setLinger(int seconds) {
        fd.ensureOpen("setsockopt(SO_LINGER)");
        int[] linger = {seconds >= 0 ? 1 : 0, Math.max(0, seconds)};
        Native.check(Native.setsockopt(fd.fd, Native.SOL_SOCKET, Native.SO_LINGER, linger, 8), "setsockopt(SO_LINGER) " + this);
    }

    /**
     * Sets the connection's timeout (libwire's {@code wire_net} timeout): every wait inside
     * {@link #read}, {@link #write} and the calls built on them gives up after this long with
     * {@link IoTimeoutException}. Null (the default) waits without a limit.
     *
     * @throws IllegalArgumentException when negative
     */
    public void setTimeout(Duration timeout) {
        if (timeout != null && timeout.isNegative()) {
            throw new IllegalArgumentException("setTimeout(" + timeout + ") on " + this + ": must not be negative");
        }
        this.timeout = timeout;
    }

    /** The connection's timeout, or null for none. */
    public Duration timeout() {
        return timeout;
    }

    /** The peer's address, such as {@code 127.0.0.1:8080}. */
    public String remoteAddress() {
        return peer;
    }

    /** The local address, such as {@code 127.0.0.1:41234}. */
    public String localAddress() {
        return SockAddr.toString(localName());
    }

    /** The local port. */
    public int localPort() {
        return SockAddr.port(localName());
    }

    /** The registered fd, for chaining its waits into a wait list. */
    public WireFd fd() {
        return fd;
    }

    /** Whether the socket is open. */
    public boolean isOpen() {
        return fd.isOpen();
    }

    /**
     * Closes the socket; wires waiting on it wake with {@link FdClosedException}. Idempotent.
     * Scheduler thread.
     */
    @Override
    public void close() {
        fd.close();
    }

    @Override
    public String toString() {
        return "socket fd " + fd.fd + " to " + peer + (fd.isOpen() ? "" : " (closed)");
    }

    private byte[] localName() {
        fd.ensureOpen("getsockname");
        byte[] name = new byte[SockAddr.MAX_LEN];
        Native.check(Native.getsockname(fd.fd, name, new int[] {name.length}), "getsockname " + this);
        return name;
    }

    private void setOption(int level, int option, int value, String name) {
        fd.ensureOpen("setsockopt(" + name + ")");
        Native.setIntOption(fd.fd, level, option, value, "setsockopt(" + name + ") " + this);
    }

    private void requireDirect(ByteBuffer b, String op) {
        if (!b.isDirect()) {
            throw new IllegalArgumentException(op + " on " + this + " needs a direct ByteBuffer (ByteBuffer.allocateDirect): the kernel "
                    + "reads and writes it in place, without copies");
        }
    }
}
