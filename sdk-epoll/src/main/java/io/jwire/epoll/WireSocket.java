package io.jwire.epoll;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.io.WireIo;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.lang.ref.Reference;
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
 * scheduler's thread (libwire's {@code wire_net}). Buffers are read and written between
 * {@code position} and {@code limit}, and the position moves by the bytes transferred. The kernel
 * reads and writes direct buffers in place; heap buffers and {@code byte[]} go through one direct
 * buffer per socket ({@value #COPY_BUFFER_SIZE} bytes, made at first use and reused), so a call
 * moves at most that many bytes, at the cost of a copy, and allocates nothing.
 *
 * <pre>{@code
 * try (WireSocket s = WireSocket.connect("127.0.0.1", 8080, Duration.ofSeconds(2))) {
 *     s.setTimeout(Duration.ofSeconds(5));         // each wait gives up after 5 s
 *     s.writeAll(request);
 *     int n = s.read(reply);                        // -1 at end of stream
 * }
 * }</pre>
 *
 * <p><b>Streams.</b> {@link #inputStream()} and {@link #outputStream()} are
 * {@link InputStream}/{@link OutputStream} views whose calls suspend the calling wire, so
 * ordinary Java code ({@link java.io.BufferedReader}, parsers, codecs) works on a wire socket;
 * {@link WireSource} and {@link WireSink} are buffered readers and writers in the spirit of Okio
 * ({@code readLine}, {@code readInt}, {@code writeUtf8}, {@code flush}).
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
 * Misuse (a read-only buffer to read into, a negative timeout, a port out of range, two wires
 * reading at once) throws unchecked {@link IllegalArgumentException} or
 * {@link IllegalStateException}.
 *
 * <p><b>Threads.</b> Use a socket from the wires of the scheduler that opened it. One wire may
 * read while another writes; two wires must not read (or write) at the same time.
 */
public final class WireSocket implements AutoCloseable {
    /** Size of the per-socket direct buffer that heap buffers and arrays are copied through. */
    public static final int COPY_BUFFER_SIZE = 8192;

    private final WireFd fd;
    private final String peer;
    private Duration timeout;
    /**
     * The direct buffer heap buffers and arrays go through, made at first use. One for both
     * directions: a read copies out right after its system call and a write copies in right
     * before each of its system calls, with no switch in between, so a reader and a writer
     * parked on the same socket never see each other's bytes.
     */
    private ByteBuffer copyBuffer;
    /** Native addresses of the buffers last read into and written from, resolved once per buffer. */
    private final DirectAddress readAddress = new DirectAddress();
    private final DirectAddress writeAddress = new DirectAddress();
    private InputStream inputStream;
    private OutputStream outputStream;

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
     * calling wire until data arrives. A heap buffer gets at most {@value #COPY_BUFFER_SIZE} bytes
     * per call.
     *
     * @param dst a direct buffer to fill
     * @return the number of bytes read, 0 when {@code dst} has no room, or -1 at end of stream
     * @throws IllegalArgumentException when {@code dst} is read-only
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int read(ByteBuffer dst) throws IOException {
        if (dst.isReadOnly()) {
            throw Misuse.badArgument("read on " + this, "the ByteBuffer is read-only; read into a writable buffer");
        }
        int want = dst.remaining();
        if (want == 0) {
            return 0;
        }
        int at = dst.position();
        if (dst.isDirect()) {
            int n = readInto(dst, want);
            if (n > 0) {
                dst.position(at + n);
            }
            return n;
        }
        ByteBuffer copy = copyBuffer();
        int n = readInto(copy, Math.min(want, COPY_BUFFER_SIZE));
        if (n > 0) {
            dst.put(at, copy, 0, n);
            dst.position(at + n);
        }
        return n;
    }

    /**
     * Reads at least one and at most {@code len} bytes (and at most {@value #COPY_BUFFER_SIZE})
     * into {@code b} from {@code off}, suspending the calling wire until data arrives; as
     * {@link InputStream#read(byte[], int, int)}.
     *
     * @param b the array to fill
     * @param off where in {@code b} the bytes go
     * @param len the most bytes to read
     * @return the number of bytes read, 0 when {@code len} is 0, or -1 at end of stream
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        ByteBuffer copy = copyBuffer();
        int n = readInto(copy, Math.min(len, COPY_BUFFER_SIZE));
        if (n > 0) {
            copy.get(0, b, off, n);
        }
        return n;
    }

    /**
     * Reads until {@code len} bytes have arrived in {@code b} from {@code off}.
     *
     * @param b the array to fill
     * @param off where in {@code b} the bytes go
     * @param len how many bytes to read
     * @throws EOFException when the stream ended first (the bytes that arrived are in {@code b})
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public void readFully(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        int total = 0;
        while (total < len) {
            int n = read(b, off + total, len - total);
            if (n < 0) {
                throw Errors.endOfStream("end of stream on " + this + " after " + total + " of " + len + " bytes");
            }
            total += n;
        }
    }

    /**
     * The read loop: waits until the socket is readable, then reads up to {@code want} bytes into
     * direct buffer {@code into} at its position (not moved). Waits only before the system call.
     *
     * @return the bytes read (at least 1), or -1 at end of stream
     */
    private int readInto(ByteBuffer into, int want) throws IOException {
        for (;;) {
            fd.ensureOpen("read");
            if (fd.isReadable()) {
                int n = LinuxSocket.read(fd.fd, readAddress.of(into, into.position()), want, this);
                Reference.reachabilityFence(into); // the kernel wrote to its memory by address
                if (n > 0) {
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
     * calling wire while the send buffer is full. A heap buffer gives at most
     * {@value #COPY_BUFFER_SIZE} bytes per call.
     *
     * @param src a direct buffer with the bytes to send
     * @return the number of bytes written (0 only when {@code src} is empty)
     * @throws SocketException when the peer has closed the connection or output was shut down
     *         ({@code EPIPE}), or the peer reset it ({@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int write(ByteBuffer src) throws IOException {
        int len = src.remaining();
        if (len == 0) {
            return 0;
        }
        int n = src.isDirect() ? writeFrom(src, len, null, null, 0)
                : writeFrom(copyBuffer(), Math.min(len, COPY_BUFFER_SIZE), src, null, src.position());
        src.position(src.position() + n);
        return n;
    }

    /**
     * Writes at least one and at most {@code len} bytes (and at most {@value #COPY_BUFFER_SIZE})
     * of {@code b} from {@code off}, suspending the calling wire while the send buffer is full.
     *
     * @param b the bytes
     * @param off where in {@code b} they start
     * @param len how many bytes
     * @return the number of bytes written (0 only when {@code len} is 0)
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws SocketException when the peer has closed the connection or output was shut down
     *         ({@code EPIPE}), or the peer reset it ({@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public int write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        return writeFrom(copyBuffer(), Math.min(len, COPY_BUFFER_SIZE), null, b, off);
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
     * Writes all {@code len} bytes of {@code b} from {@code off}, in as many pieces as the send
     * buffer takes.
     *
     * @param b the bytes
     * @param off where in {@code b} they start
     * @param len how many bytes
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws SocketException when the peer has closed the connection or output was shut down
     *         ({@code EPIPE}), or the peer reset it ({@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws ClosedChannelException when the socket is closed, before or during the wait
     * @throws IOException for other failures, with the errno
     */
    public void writeAll(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        while (len > 0) {
            int n = write(b, off, len);
            off += n;
            len -= n;
        }
    }

    /**
     * The write loop: waits until the socket is writable, then sends up to {@code len} bytes of
     * direct buffer {@code from} at its position (not moved). For a heap source ({@code heap} from
     * index {@code off}, or {@code array} from {@code off}), {@code from} is the copy buffer and
     * is filled right before each system call, so a wait never leaves copied bytes in it.
     *
     * @return the bytes written, at least 1
     */
    private int writeFrom(ByteBuffer from, int len, ByteBuffer heap, byte[] array, int off) throws IOException {
        for (;;) {
            fd.ensureOpen("write");
            if (fd.isWritable()) {
                if (heap != null) {
                    from.put(0, heap, off, len);
                } else if (array != null) {
                    from.put(0, array, off, len);
                }
                int n = LinuxSocket.send(fd.fd, writeAddress.of(from, from.position()), len, this);
                Reference.reachabilityFence(from); // the kernel read its memory by address
                if (n > 0) {
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
     * An {@link InputStream} view of this socket whose reads suspend the calling wire until data
     * arrives (they never block the scheduler's thread), for code written against
     * {@code java.io}: wrap it in a {@link java.io.BufferedReader}, a parser, a codec. Reads go
     * through {@link #read(byte[], int, int)}; end of stream is -1; a timeout set with
     * {@link #setTimeout} applies. Closing the stream closes the socket, as the JDK's socket
     * streams do. The same view every call. Use it from the socket's wires.
     *
     * <pre>{@code
     * BufferedReader in = new BufferedReader(new InputStreamReader(socket.inputStream(), UTF_8));
     * for (String line; (line = in.readLine()) != null; ) { ... }
     * }</pre>
     *
     * <p>Its methods throw what {@link #read(byte[], int, int)} throws, and
     * {@link io.jwire.NotInWireException} when they would wait outside a wire.
     *
     * @return the input stream view
     */
    public InputStream inputStream() {
        InputStream in = inputStream;
        return in != null ? in : (inputStream = new In());
    }

    /**
     * An {@link OutputStream} view of this socket whose writes suspend the calling wire while the
     * send buffer is full, for code written against {@code java.io}. Each write sends all its
     * bytes ({@link #writeAll(byte[], int, int)}), so {@code flush()} has nothing to do; wrap it
     * in a {@link java.io.BufferedOutputStream} (or use {@link WireSink}) to batch small writes.
     * Closing the stream closes the socket. The same view every call. Use it from the socket's wires.
     *
     * <p>Its methods throw what {@link #writeAll(byte[], int, int)} throws, and
     * {@link io.jwire.NotInWireException} when they would wait outside a wire.
     *
     * @return the output stream view
     */
    public OutputStream outputStream() {
        OutputStream out = outputStream;
        return out != null ? out : (outputStream = new Out());
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
        readAddress.forget();
        writeAddress.forget();
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

    private ByteBuffer copyBuffer() {
        ByteBuffer b = copyBuffer;
        return b != null ? b : (copyBuffer = ByteBuffer.allocateDirect(COPY_BUFFER_SIZE));
    }

    /** The {@link #inputStream()} view. */
    private final class In extends InputStream {
        @Override
        public int read() throws IOException {
            ByteBuffer copy = copyBuffer();
            return readInto(copy, 1) < 0 ? -1 : copy.get(0) & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return WireSocket.this.read(b, off, len);
        }

        @Override
        public long skip(long n) throws IOException {
            if (n <= 0) {
                return 0;
            }
            int got = readInto(copyBuffer(), (int) Math.min(n, COPY_BUFFER_SIZE));
            return Math.max(got, 0);
        }

        @Override
        public void close() {
            WireSocket.this.close();
        }

        @Override
        public String toString() {
            return "input stream of " + WireSocket.this;
        }
    }

    /** The {@link #outputStream()} view. */
    private final class Out extends OutputStream {
        private final byte[] one = new byte[1];

        @Override
        public void write(int b) throws IOException {
            one[0] = (byte) b;
            writeFrom(copyBuffer(), 1, null, one, 0);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            writeAll(b, off, len);
        }

        @Override
        public void close() {
            WireSocket.this.close();
        }

        @Override
        public String toString() {
            return "output stream of " + WireSocket.this;
        }
    }
}
