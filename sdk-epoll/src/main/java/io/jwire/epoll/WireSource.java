package io.jwire.epoll;

import java.io.EOFException;
import java.io.IOException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.util.Objects;

/**
 * A buffered reader over a {@link WireSocket}, in the spirit of Okio's {@code BufferedSource}:
 * lines, UTF-8 strings, big-endian integers and bytes, read from a buffer that is refilled from
 * the socket as needed. Every refill suspends the calling wire until data arrives (the socket's
 * {@linkplain WireSocket#setTimeout timeout} applies), never the scheduler's thread.
 *
 * <pre>{@code
 * WireSource in = WireSource.of(socket);
 * for (String line; (line = in.readLine()) != null; ) {   // HTTP-style headers
 *     if (line.isEmpty()) break;
 * }
 * int length = in.readInt();                                // a length-prefixed frame
 * String body = in.readUtf8(length);
 * }</pre>
 *
 * <p><b>Allocation.</b> The buffer is a {@code byte[]} made once; refills go through the socket's
 * reused copy buffer. Once warm, reading numbers, bytes, {@link #require}, {@link #request},
 * {@link #exhausted()} and {@link #skip} allocate nothing; {@link #readLine()} and
 * {@link #readUtf8(int)} allocate only the {@code String} they return. A call that needs more than
 * the buffer holds (a line or a string longer than it) grows the buffer, which then stays grown.
 *
 * <p><b>End of stream.</b> {@link #readLine()} returns null; {@link #exhausted()} returns true;
 * {@link #read(byte[], int, int)} returns -1; the calls that need a number of bytes throw
 * {@link EOFException}. I/O failures are the socket's (see {@link WireSocket}).
 *
 * <p><b>Threads.</b> Not thread-safe: one wire of the socket's scheduler reads at a time. Use one
 * source per socket: bytes buffered here are not seen by other readers of the socket.
 */
public final class WireSource implements AutoCloseable {
    /** The default buffer size. */
    public static final int DEFAULT_BUFFER_SIZE = 8192;

    private final WireSocket socket;
    private byte[] buf;
    /** The next unread byte. */
    private int pos;
    /** The end of the buffered bytes. */
    private int limit;
    private boolean eof;

    private WireSource(WireSocket socket, int bufferSize) {
        this.socket = Objects.requireNonNull(socket, "socket");
        if (bufferSize < 8) {
            throw Misuse.badArgument("WireSource.of(" + socket + ", " + bufferSize + ")",
                    "the buffer size must be at least 8 (a long); " + DEFAULT_BUFFER_SIZE + " is the default");
        }
        this.buf = new byte[bufferSize];
    }

    /**
     * A source over {@code socket} with a {@value #DEFAULT_BUFFER_SIZE}-byte buffer. Any thread.
     *
     * @param socket the socket to read from
     * @return a source with a buffer of {@link #DEFAULT_BUFFER_SIZE} bytes
     */
    public static WireSource of(WireSocket socket) {
        return new WireSource(socket, DEFAULT_BUFFER_SIZE);
    }

    /**
     * A source over {@code socket} with a buffer of {@code bufferSize} bytes. Any thread.
     *
     * @param socket the socket to read from
     * @param bufferSize the buffer's size in bytes; positive
     * @return the source
     * @throws IllegalArgumentException when {@code bufferSize} is less than 8
     */
    public static WireSource of(WireSocket socket, int bufferSize) {
        return new WireSource(socket, bufferSize);
    }

    /**
     * The socket this source reads from.
     *
     * @return the socket this source reads from
     */
    public WireSocket socket() {
        return socket;
    }

    /**
     * The number of bytes buffered now: what can be read without waiting.
     *
     * @return how many bytes are buffered, not yet read
     */
    public int buffered() {
        return limit - pos;
    }

    /**
     * Whether the stream has ended and every byte was read: waits for data when none is buffered
     * (Okio's {@code exhausted()}).
     *
     * @return true when the stream has ended and nothing is buffered
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws SocketException when the peer reset the connection ({@code ECONNRESET})
     * @throws ClosedChannelException when the socket is closed
     * @throws IOException for other failures, with the errno
     */
    public boolean exhausted() throws IOException {
        return pos == limit && !fill(1);
    }

    /**
     * Waits until at least {@code byteCount} bytes are buffered or the stream ends.
     *
     * @param byteCount how many bytes to have buffered
     * @return true when {@code byteCount} bytes are buffered, false when the stream ended first
     * @throws IllegalArgumentException when {@code byteCount} is negative
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws IOException as {@link #exhausted()}
     */
    public boolean request(int byteCount) throws IOException {
        if (byteCount < 0) {
            throw Misuse.badArgument("request(" + byteCount + ") on " + this, "the byte count must not be negative");
        }
        while (limit - pos < byteCount) {
            if (!fill(byteCount)) {
                return false;
            }
        }
        return true;
    }

    /**
     * Waits until at least {@code byteCount} bytes are buffered.
     *
     * @param byteCount how many bytes to have buffered
     * @throws EOFException when the stream ended first (the bytes that did arrive stay buffered)
     * @throws IllegalArgumentException when {@code byteCount} is negative
     * @throws SocketTimeoutException when the socket's timeout passed while waiting
     * @throws IOException as {@link #exhausted()}
     */
    public void require(int byteCount) throws IOException {
        if (!request(byteCount)) {
            throw Errors.endOfStream("end of stream on " + socket + " with " + (limit - pos) + " of the "
                    + byteCount + " bytes required");
        }
    }

    /**
     * Reads one byte.
     *
     * @return the byte
     * @throws EOFException at end of stream
     * @throws IOException as {@link #exhausted()}
     */
    public byte readByte() throws IOException {
        require(1);
        return buf[pos++];
    }

    /**
     * Reads a big-endian 16-bit integer.
     *
     * @return the value
     * @throws EOFException when the stream ends first
     * @throws IOException as {@link #exhausted()}
     */
    public short readShort() throws IOException {
        require(2);
        int p = pos;
        pos = p + 2;
        return (short) ((buf[p] & 0xff) << 8 | buf[p + 1] & 0xff);
    }

    /**
     * Reads a big-endian 32-bit integer.
     *
     * @return the value
     * @throws EOFException when the stream ends first
     * @throws IOException as {@link #exhausted()}
     */
    public int readInt() throws IOException {
        require(4);
        int p = pos;
        pos = p + 4;
        return (buf[p] & 0xff) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | buf[p + 3] & 0xff;
    }

    /**
     * Reads a big-endian 64-bit integer.
     *
     * @return the value
     * @throws EOFException when the stream ends first
     * @throws IOException as {@link #exhausted()}
     */
    public long readLong() throws IOException {
        require(8);
        int p = pos;
        pos = p + 8;
        long hi = (buf[p] & 0xffL) << 24 | (buf[p + 1] & 0xff) << 16 | (buf[p + 2] & 0xff) << 8 | buf[p + 3] & 0xff;
        long lo = (buf[p + 4] & 0xffL) << 24 | (buf[p + 5] & 0xff) << 16 | (buf[p + 6] & 0xff) << 8 | buf[p + 7] & 0xff;
        return hi << 32 | lo;
    }

    /**
     * Reads exactly {@code byteCount} bytes and decodes them as UTF-8 (malformed input becomes
     * U+FFFD).
     *
     * @param byteCount how many bytes to decode
     * @return the text
     * @throws EOFException when the stream ends first (the bytes that arrived stay buffered)
     * @throws IllegalArgumentException when {@code byteCount} is negative
     * @throws IOException as {@link #exhausted()}
     */
    public String readUtf8(int byteCount) throws IOException {
        require(byteCount);
        String s = new String(buf, pos, byteCount, StandardCharsets.UTF_8);
        pos += byteCount;
        return s;
    }

    /**
     * Reads the next line, decoded as UTF-8, without its terminator ({@code "\n"} or
     * {@code "\r\n"}); the last line of the stream may have none. Waits until a whole line is
     * buffered.
     *
     * @return the line, or null at end of stream when no byte is left
     * @throws IOException as {@link #exhausted()}
     */
    public String readLine() throws IOException {
        int scan = pos;
        for (;;) {
            byte[] b = buf;
            for (int i = scan, end = limit; i < end; i++) {
                if (b[i] == '\n') {
                    int start = pos;
                    int stop = i > start && b[i - 1] == '\r' ? i - 1 : i;
                    pos = i + 1;
                    return new String(b, start, stop - start, StandardCharsets.UTF_8);
                }
            }
            int scanned = limit - pos;
            if (!fill(scanned + 1)) {
                if (pos == limit) {
                    return null;
                }
                String last = new String(buf, pos, limit - pos, StandardCharsets.UTF_8);
                pos = limit;
                return last;
            }
            scan = pos + scanned; // a refill may have moved the buffered bytes to the front
        }
    }

    /**
     * Reads up to {@code len} bytes into {@code b} from {@code off}: what is buffered, or, when
     * nothing is, what one refill brings; as {@link java.io.InputStream#read(byte[], int, int)}.
     *
     * @param b the array to fill
     * @param off where in {@code b} the bytes go
     * @param len the most bytes to read
     * @return the number of bytes read, 0 when {@code len} is 0, or -1 at end of stream
     * @throws IndexOutOfBoundsException when {@code off} and {@code len} do not fit {@code b}
     * @throws IOException as {@link #exhausted()}
     */
    public int read(byte[] b, int off, int len) throws IOException {
        Objects.checkFromIndexSize(off, len, b.length);
        if (len == 0) {
            return 0;
        }
        if (pos == limit) {
            if (len >= buf.length && !eof) {
                return socket.read(b, off, len); // a large read skips the buffer
            }
            if (!fill(1)) {
                return -1;
            }
        }
        int n = Math.min(len, limit - pos);
        System.arraycopy(buf, pos, b, off, n);
        pos += n;
        return n;
    }

    /**
     * Reads exactly {@code b.length} bytes into {@code b}.
     *
     * @param b the array to fill
     * @throws EOFException when the stream ends first
     * @throws IOException as {@link #exhausted()}
     */
    public void readFully(byte[] b) throws IOException {
        int total = 0;
        while (total < b.length) {
            int n = read(b, total, b.length - total);
            if (n < 0) {
                throw Errors.endOfStream("end of stream on " + socket + " after " + total + " of " + b.length + " bytes");
            }
            total += n;
        }
    }

    /**
     * Reads and discards exactly {@code byteCount} bytes.
     *
     * @param byteCount how many bytes to skip
     * @throws EOFException when the stream ends first
     * @throws IllegalArgumentException when {@code byteCount} is negative
     * @throws IOException as {@link #exhausted()}
     */
    public void skip(long byteCount) throws IOException {
        if (byteCount < 0) {
            throw Misuse.badArgument("skip(" + byteCount + ") on " + this, "the byte count must not be negative");
        }
        long left = byteCount;
        while (left > 0) {
            if (pos == limit && !fill(1)) {
                throw Errors.endOfStream("end of stream on " + socket + " after skipping " + (byteCount - left) + " of "
                        + byteCount + " bytes");
            }
            int n = (int) Math.min(left, limit - pos);
            pos += n;
            left -= n;
        }
    }

    /** Closes the socket (as closing a JDK reader closes its stream). Idempotent. Scheduler thread. */
    @Override
    public void close() {
        socket.close();
    }

    /** A description of the source for logs: its socket and how many bytes are buffered. Any thread. */
    @Override
    public String toString() {
        return "source over " + socket + " (" + (limit - pos) + " bytes buffered" + (eof ? ", end of stream)" : ")");
    }

    /**
     * Reads once more from the socket, making room first so that {@code atLeast} bytes (counted
     * from {@code pos}; always more than are buffered) fit: the buffered bytes move to the front
     * when the room behind them runs short, and the buffer grows when they still would not fit.
     *
     * @return false at end of stream, true when bytes were added
     */
    private boolean fill(int atLeast) throws IOException {
        if (eof) {
            return false;
        }
        int buffered = limit - pos;
        if (buffered == 0) {
            pos = limit = 0;
        } else if (buf.length < atLeast || buf.length - pos < atLeast || buf.length - limit < buf.length / 4) {
            byte[] target = buf.length < atLeast ? new byte[Math.max(atLeast, 2 * buf.length)] : buf;
            System.arraycopy(buf, pos, target, 0, buffered);
            buf = target;
            pos = 0;
            limit = buffered;
        }
        int n = socket.read(buf, limit, buf.length - limit);
        if (n < 0) {
            eof = true;
            return false;
        }
        limit += n;
        return true;
    }
}
