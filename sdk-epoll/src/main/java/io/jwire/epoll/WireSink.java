package io.jwire.epoll;

import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.util.Objects;

/**
 * A buffered writer over a {@link WireSocket}, in the spirit of Okio's {@code BufferedSink}:
 * bytes, big-endian integers and UTF-8 strings collect in a buffer and go out when it is full or
 * on {@link #flush()}. Sending suspends the calling wire while the socket's send buffer is full
 * (the socket's {@linkplain WireSocket#setTimeout timeout} applies), never the scheduler's thread.
 *
 * <pre>{@code
 * WireSink out = WireSink.of(socket);
 * out.writeUtf8("HTTP/1.1 200 OK\r\n")
 *    .writeUtf8("Content-Length: ").writeUtf8(Integer.toString(body.length)).writeUtf8("\r\n\r\n")
 *    .write(body, 0, body.length)
 *    .flush();
 * }</pre>
 *
 * <p><b>Allocation.</b> The buffer is a {@code byte[]} made once; sending goes through the
 * socket's reused copy buffer; {@link #writeUtf8} encodes without allocating. Once warm, nothing
 * here allocates.
 *
 * <p><b>Failures</b> are the socket's (see {@link WireSocket}); after one, what was buffered is
 * dropped. Bytes still buffered when the wire ends are not sent: flush, or {@link #close()}.
 *
 * <p><b>Threads.</b> Not thread-safe: one wire of the socket's scheduler writes at a time. Use one
 * sink per socket.
 */
public final class WireSink implements AutoCloseable {
    /** The default buffer size. */
    public static final int DEFAULT_BUFFER_SIZE = 8192;

    private final WireSocket socket;
    private final byte[] buf;
    private int count;

    private WireSink(WireSocket socket, int bufferSize) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (bufferSize < 8) {
            throw Misuse.badArgument("WireSink.of(" + socket + ", " + bufferSize + ")",
                    "the buffer size must be at least 8 (a long); " + DEFAULT_BUFFER_SIZE + " is the default");
        }
        this.buf = new byte[bufferSize];
    }

    /**
     * A sink over {@code socket} with a {@value #DEFAULT_BUFFER_SIZE}-byte buffer. Any thread.
     *
     * @param socket the socket to write to
     * @return a sink with a buffer of {@link #DEFAULT_BUFFER_SIZE} bytes
     */
    public static WireSink of(WireSocket socket) {
        return new WireSink(socket, DEFAULT_BUFFER_SIZE);
    }

    /**
     * A sink over {@code socket} with a buffer of {@code bufferSize} bytes. Any thread.
     *
     * @param socket the socket to write to
     * @param bufferSize the buffer's size in bytes; positive
     * @return the sink
     * @throws IllegalArgumentException when {@code bufferSize} is less than 8
     */
    public static WireSink of(WireSocket socket, int bufferSize) {
        return new WireSink(socket, bufferSize);
    }

    /**
     * The socket this sink writes to.
     *
     * @return the socket this sink writes to
     */
    public WireSocket socket() {
        return socket;
    }

    /**
     * The number of bytes buffered now, not yet sent.
     *
     * @return how many bytes wait in the buffer
     */
    public int buffered() {
        return count;
    }

    /**
     * Buffers one byte (the low 8 bits of {@code b}), sending the buffer first when it is full.
     *
     * @param b the byte, in the low 8 bits
     * @return this sink
     * @throws SocketException when the peer closed or reset the connection ({@code EPIPE}, {@code ECONNRESET})
     * @throws SocketTimeoutException when the socket's timeout passed while waiting to send
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException for other failures, with the errno
     */
    public WireSink writeByte(int b) throws IOException {
        room(1);
        buf[count++] = (byte) b;
        return this;
    }

    /**
     * Buffers a big-endian 16-bit integer (the low 16 bits of {@code s}).
     *
     * @param s the value, in the low 16 bits
     * @return this sink
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink writeShort(int s) throws IOException {
        room(2);
        int c = count;
        buf[c] = (byte) (s >>> 8);
        buf[c + 1] = (byte) s;
        count = c + 2;
        return this;
    }

    /**
     * Buffers a big-endian 32-bit integer.
     *
     * @param i the value
     * @return this sink
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink writeInt(int i) throws IOException {
        room(4);
        int c = count;
        buf[c] = (byte) (i >>> 24);
        buf[c + 1] = (byte) (i >>> 16);
        buf[c + 2] = (byte) (i >>> 8);
        buf[c + 3] = (byte) i;
        count = c + 4;
        return this;
    }

    /**
     * Buffers a big-endian 64-bit integer.
     *
     * @param v the value
     * @return this sink
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink writeLong(long v) throws IOException {
        room(8);
        int c = count;
        for (int shift = 56; shift >= 0; shift -= 8) {
            buf[c++] = (byte) (v >>> shift);
        }
        count = c;
        return this;
    }

    /**
     * Buffers {@code len} bytes of {@code b} from {@code off}; a write at least as large as the
     * buffer goes out directly after what is buffered.
     *
     * @param b the bytes
     * @param off where in {@code b} they start
     * @param len how many bytes
     * @return this sink
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink write(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len >= buf.length) {
            flush();
            socket.writeAll(b, off, len);
            return this;
        }
        room(len);
        System.arraycopy(b, off, buf, count, len);
        count += len;
        return this;
    }

    /**
     * Buffers all of {@code b}.
     *
     * @param b the bytes
     * @return this sink
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink write(byte[] b) throws IOException {
        return write(b, 0, b.length);
    }

    /**
     * Buffers {@code s} encoded as UTF-8, with no terminator; an unpaired surrogate is written as
     * {@code '?'}. Allocates nothing.
     *
     * @param s the text
     * @return this sink
     * @throws IOException as {@link #writeByte(int)}
     */
    public WireSink writeUtf8(CharSequence s) throws IOException {
        byte[] b = buf;
        for (int i = 0, n = s.length(); i < n; i++) {
            char ch = s.charAt(i);
            if (ch < 0x80) {
                if (count == b.length) {
                    flush();
                }
                b[count++] = (byte) ch;
            } else if (ch < 0x800) {
                room(2);
                b[count++] = (byte) (0xc0 | ch >> 6);
                b[count++] = (byte) (0x80 | ch & 0x3f);
            } else if (!Character.isSurrogate(ch)) {
                room(3);
                b[count++] = (byte) (0xe0 | ch >> 12);
                b[count++] = (byte) (0x80 | ch >> 6 & 0x3f);
                b[count++] = (byte) (0x80 | ch & 0x3f);
            } else if (Character.isHighSurrogate(ch) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
                int cp = Character.toCodePoint(ch, s.charAt(++i));
                room(4);
                b[count++] = (byte) (0xf0 | cp >> 18);
                b[count++] = (byte) (0x80 | cp >> 12 & 0x3f);
                b[count++] = (byte) (0x80 | cp >> 6 & 0x3f);
                b[count++] = (byte) (0x80 | cp & 0x3f);
            } else {
                if (count == b.length) {
                    flush();
                }
                b[count++] = '?';
            }
        }
        return this;
    }

    /**
     * Sends everything buffered, suspending the calling wire while the socket's send buffer is
     * full. The buffer is empty afterwards, also when sending failed (those bytes are dropped).
     *
     * @throws IOException as {@link #writeByte(int)}
     */
    public void flush() throws IOException {
        int n = count;
        if (n == 0) {
            return;
        }
        count = 0;
        socket.writeAll(buf, 0, n);
    }

    /**
     * Flushes, then closes the socket (also when the flush failed, whose exception is thrown).
     * Idempotent once the socket is closed. Scheduler thread.
     *
     * @throws IOException what the flush threw
     */
    @Override
    public void close() throws IOException {
        try {
            if (socket.isOpen()) {
                flush();
            }
        } finally {
            count = 0;
            socket.close();
        }
    }

    /** A description of the sink for logs: its socket and how many bytes are buffered. Any thread. */
    @Override
    public String toString() {
        return "sink over " + socket + " (" + count + " bytes buffered)";
    }

    /** Makes room for {@code n} bytes (at most the buffer's size), sending the buffer when needed. */
    private void room(int n) throws IOException {
        if (buf.length - count < n) {
            flush();
        }
    }
}
