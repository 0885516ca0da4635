package io.jwire.examples;

import io.jwire.epoll.WireSocket;
import io.jwire.io.WireFiles;
import io.jwire.io.WireIo;
import java.io.IOException;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.time.Duration;
import java.util.Arrays;
import java.util.regex.Pattern;

/**
 * Serves HTTP/1.1 on one connection at a time for {@link WebServer}: reads requests (pipelined
 * ones straight from the buffer), their {@code Content-Length} or chunked bodies, answers them in
 * order, and keeps the connection open while the client wants. Its buffers live as long as the
 * object, which the server reuses for connection after connection: serving a request for "/"
 * allocates nothing.
 *
 * <p>Limits, each answered with its status and the connection then closed: a malformed head (400),
 * a head over {@code maxHeaderBytes} (431), a body over {@code maxBodyBytes} (413), a request not
 * complete within {@code requestTimeout} of its first byte (408, which stops slowloris clients).
 * A connection with no request for {@code idleTimeout} is closed without a word.
 *
 * <p>Used by one wire at a time, the handler that serves the connection.
 */
final class HttpConnection {
    private static final byte[] CRLF = HttpRequest.ascii("\r\n");
    private static final byte[] CONTENT_LENGTH = HttpRequest.ascii("Content-Length: ");
    private static final byte[] TEXT = HttpRequest.ascii("Content-Type: text/plain; charset=utf-8\r\n");
    private static final byte[] HTML = HttpRequest.ascii("Content-Type: text/html; charset=utf-8\r\n");
    private static final byte[] OCTETS = HttpRequest.ascii("Content-Type: application/octet-stream\r\n");
    private static final byte[] CLOSE = HttpRequest.ascii("Connection: close\r\n");
    private static final byte[] KEEP_ALIVE = HttpRequest.ascii("Connection: keep-alive\r\n");
    private static final byte[] ALLOW = HttpRequest.ascii("Allow: GET, HEAD\r\n");
    private static final byte[] ALLOW_POST = HttpRequest.ascii("Allow: POST\r\n");
    private static final byte[] OK = HttpRequest.ascii("HTTP/1.1 200 OK\r\n");
    private static final byte[] HELLO = HttpRequest.ascii("Hello, World!\n");
    private static final byte[] ROOT = HttpRequest.ascii("/");
    private static final byte[] ECHO = HttpRequest.ascii("/echo");
    private static final byte[] FILES = HttpRequest.ascii("/files/");
    private static final byte[] CONTINUE = HttpRequest.ascii("HTTP/1.1 100 Continue\r\n\r\n");
    /** The names "/files/NAME" serves: no path separators, no leading dot. */
    private static final Pattern FILE_NAME = Pattern.compile("[A-Za-z0-9_-][A-Za-z0-9._-]*");
    private static final int MAX_CHUNK_LINE = 1024;
    /** How long, at most, a closing connection waits for the client's FIN, so the last response is not lost to a reset. */
    private static final long LINGER_NANOS = Duration.ofSeconds(1).toNanos();
    private static final int LINGER_BYTES = 1 << 20;

    private final WebServer server;
    private final WebServer.Config config;
    private final Duration idleTimeout;
    private final long requestTimeoutNanos;
    /** Received bytes: unread ones are {@code [rp, in.position())}. */
    private final ByteBuffer in;
    /** Responses not yet written: {@code [0, out.position())}. */
    private final ByteBuffer out;
    private final byte[] digits = new byte[20];
    private final HttpRequest request = new HttpRequest();
    /** The body of the current request, when its route wants it. */
    private byte[] body = new byte[0];
    private int bodyLength;
    private WireSocket socket;
    private int rp;
    /** Whether bytes of the current request have arrived: its deadline runs. */
    private boolean started;
    private long deadline;

    HttpConnection(WebServer server, WebServer.Config config) {
        this.server = server;
        this.config = config;
        this.idleTimeout = config.idleTimeout();
        this.requestTimeoutNanos = config.requestTimeout().toNanos();
        this.in = ByteBuffer.allocateDirect(config.maxHeaderBytes() + 8192);
        this.out = ByteBuffer.allocateDirect(16 * 1024);
    }

    /**
     * Serves {@code connection} until the client closes it, an error ends it, or the server
     * closes it; always closes it. Call from the wire that handles the connection.
     */
    void serve(WireSocket connection) {
        socket = connection;
        in.clear();
        out.clear();
        rp = 0;
        try {                                             // not try-with-resources: the catch below still writes
            connection.setNoDelay(true);
            while (serveOne()) {
                // keep-alive: the next request
            }
            lingeringClose();
        } catch (Abort a) {
            if (a.status != 0) {
                server.rejected++;
                try {
                    respondError(a.status, a.getMessage());
                    lingeringClose();
                } catch (IOException peerGone) {
                    // the client is gone too
                }
            }
        } catch (IOException peerGoneOrClosed) {
            // reset, broken pipe, or closed by WebServer.close(): nothing more to say on this connection
        } finally {
            connection.close();
            socket = null;
        }
    }

    /** Closes the current connection, if any (server shutdown); its wire wakes and ends. */
    void abort() {
        if (socket != null) {
            socket.close();
        }
    }

    /** Reads, answers one request; returns whether the connection stays open for another. */
    private boolean serveOne() throws IOException, Abort {
        started = false;
        int headEnd = readHead();
        if (headEnd < 0) {
            return false;                                // closed between requests
        }
        if (!request.parse(in, rp, headEnd)) {
            throw new Abort(request.errorStatus, request.error);
        }
        server.requests++;
        int route = route();
        String fileName = route == Route.FILE ? request.path(FILES.length) : null;   // before the body moves bytes
        rp = headEnd;
        readBody(route == Route.ECHO);
        switch (route) {
            case Route.HELLO -> respond(OK, TEXT, HELLO, HELLO.length, null);
            case Route.ECHO -> respond(OK, OCTETS, body, bodyLength, null);
            case Route.FILE -> serveFile(fileName);
            case Route.GET_ONLY -> respondStatus(405, "use GET or HEAD here", ALLOW);
            case Route.POST_ONLY -> respondStatus(405, "use POST here", ALLOW_POST);
            default -> respondStatus(404, "try /, /files/NAME or POST /echo", null);
        }
        return request.keepAlive;
    }

    /** The routes: "/" says hello, "/files/NAME" serves a file through WireIo, "/echo" echoes the body. */
    private static final class Route {
        static final int HELLO = 1;
        static final int FILE = 2;
        static final int ECHO = 3;
        static final int GET_ONLY = 4;
        static final int POST_ONLY = 5;
        static final int NOT_FOUND = 6;
    }

    private int route() {
        boolean get = request.method == HttpRequest.GET || request.method == HttpRequest.HEAD;
        if (request.pathIs(ROOT)) {
            return get ? Route.HELLO : Route.GET_ONLY;
        }
        if (request.pathStartsWith(FILES)) {
            return get ? Route.FILE : Route.GET_ONLY;
        }
        if (request.pathIs(ECHO)) {
            return request.method == HttpRequest.POST ? Route.ECHO : Route.POST_ONLY;
        }
        return Route.NOT_FOUND;
    }

    // ------------------------------------------------------------------ reading

    /**
     * Reads until the buffer holds a whole request head; returns the index just past its empty
     * line, or -1 when the client closed before sending a byte of it.
     */
    private int readHead() throws IOException, Abort {
        int scanned = 0;                                 // bytes after rp known to hold no end of head
        for (;;) {
            int pos = in.position();
            if (rp == pos) {
                in.clear();                              // all consumed: start at the buffer's beginning
                rp = pos = 0;
                scanned = 0;
            } else if (!started) {
                started = true;
                deadline = System.nanoTime() + requestTimeoutNanos;
            }
            while (scanned == 0 && rp < pos && (in.get(rp) == '\r' || in.get(rp) == '\n')) {
                rp++;                                    // empty lines before a request are allowed
            }
            for (int i = rp + scanned; i < pos; i++) {
                if (in.get(i) == '\n' && i > rp && (in.get(i - 1) == '\n'
                        || (in.get(i - 1) == '\r' && i - 2 >= rp && in.get(i - 2) == '\n'))) {
                    if (i + 1 - rp > config.maxHeaderBytes()) {
                        throw tooLargeHead();
                    }
                    return i + 1;
                }
            }
            scanned = pos - rp;
            if (scanned >= config.maxHeaderBytes()) {
                throw tooLargeHead();
            }
            if (fill() < 0) {
                if (started) {
                    throw new Abort(0, "closed in the middle of a request head");
                }
                return -1;
            }
        }
    }

    private Abort tooLargeHead() {
        return new Abort(431, "the request head is larger than " + config.maxHeaderBytes() + " bytes");
    }

    /** Reads the request's body; keeps it in {@link #body} when {@code keep}. */
    private void readBody(boolean keep) throws IOException, Abort {
        bodyLength = 0;
        if (request.contentLength > config.maxBodyBytes()) {
            throw tooLargeBody();
        }
        if (request.expectContinue && (request.chunked || request.contentLength > 0)) {
            put(CONTINUE, CONTINUE.length);                // the client waits for this before sending the body
        }
        if (request.chunked) {
            readChunks(keep);
        } else if (request.contentLength > 0) {
            take(request.contentLength, keep);
        }
    }

    private Abort tooLargeBody() {
        return new Abort(413, "the body is larger than " + config.maxBodyBytes() + " bytes");
    }

    /** Decodes a chunked body: size lines in hex, chunk data, a CRLF after each, then trailers up to an empty line. */
    private void readChunks(boolean keep) throws IOException, Abort {
        long total = 0;
        for (;;) {
            int eol = readLine(MAX_CHUNK_LINE);
            long size = chunkSize(rp, eol);
            rp = eol + 1;
            if (size < 0) {
                throw new Abort(400, "a chunk size is not a hexadecimal number");
            }
            if (size == 0) {
                int trailers = 0;
                for (;;) {
                    int end = readLine(config.maxHeaderBytes());
                    boolean empty = end == rp || (end == rp + 1 && in.get(rp) == '\r');
                    trailers += end + 1 - rp;
                    rp = end + 1;
                    if (empty) {
                        return;
                    }
                    if (trailers > config.maxHeaderBytes()) {
                        throw new Abort(431, "the trailers are larger than " + config.maxHeaderBytes() + " bytes");
                    }
                }
            }
            total += size;
            if (total > config.maxBodyBytes()) {
                throw tooLargeBody();
            }
            take(size, keep);
            int end = readLine(2);
            if (!(end == rp || (end == rp + 1 && in.get(rp) == '\r'))) {
                throw new Abort(400, "chunk data is not followed by CRLF");
            }
            rp = end + 1;
        }
    }

    /** The chunk size on the line {@code [start, lf)}: hex digits, then optionally blanks and {@code ;extensions}; -1 if malformed. */
    private long chunkSize(int start, int lf) {
        int end = lf > start && in.get(lf - 1) == '\r' ? lf - 1 : lf;
        long size = 0;
        int i = start;
        for (; i < end; i++) {
            int d = Character.digit(in.get(i), 16);
            if (d < 0) {
                break;
            }
            if (i - start == 15) {
                return -1;                               // more than 15 hex digits: no body is that large
            }
            size = size * 16 + d;
        }
        if (i == start) {
            return -1;
        }
        while (i < end && (in.get(i) == ' ' || in.get(i) == '\t')) {
            i++;
        }
        return i == end || in.get(i) == ';' ? size : -1;
    }

    /** Moves {@code n} body bytes past {@code rp}, reading as needed; appends them to {@link #body} when {@code keep}. */
    private void take(long n, boolean keep) throws IOException, Abort {
        while (n > 0) {
            int available = in.position() - rp;
            if (available == 0) {
                in.clear();
                rp = 0;
                if (fill() < 0) {
                    throw new Abort(0, "closed in the middle of a body");
                }
                continue;
            }
            int k = (int) Math.min(available, n);
            if (keep) {
                if (bodyLength + k > body.length) {
                    body = Arrays.copyOf(body, Math.max(bodyLength + k, Math.min(2 * body.length, config.maxBodyBytes())));
                }
                in.get(rp, body, bodyLength, k);
                bodyLength += k;
            }
            rp += k;
            n -= k;
        }
    }

    /** Reads until a LF follows {@code rp} within {@code limit} bytes; returns its index. */
    private int readLine(int limit) throws IOException, Abort {
        int scanned = 0;
        for (;;) {
            int pos = in.position();
            for (int i = rp + scanned; i < pos; i++) {
                if (in.get(i) == '\n') {
                    return i;
                }
            }
            scanned = pos - rp;
            if (scanned >= limit) {
                throw new Abort(400, "a line of the chunked body is longer than " + limit + " bytes");
            }
            if (fill() < 0) {
                throw new Abort(0, "closed in the middle of a chunked body");
            }
        }
    }

    /**
     * Writes the responses waiting in {@link #out}, then reads more bytes from the socket (after
     * {@code in.position()}, moving unread bytes to the front first when the buffer is full).
     * Waits at most the idle timeout, and no longer than the current request's deadline.
     *
     * @return the bytes read, or -1 at end of stream
     */
    private int fill() throws IOException, Abort {
        if (!in.hasRemaining()) {
            in.limit(in.position()).position(rp);
            in.compact();
            rp = 0;
        }
        flush();                                          // pipelined answers go out before we wait
        Duration wait = idleTimeout;
        if (started) {
            long left = deadline - System.nanoTime();
            if (left <= 0) {
                throw requestTimedOut();
            }
            if (left < wait.toNanos()) {
                wait = Duration.ofNanos(left);            // only for a request that spans reads
            }
        }
        socket.setTimeout(wait);
        try {
            return socket.read(in);
        } catch (SocketTimeoutException e) {
            throw started ? requestTimedOut() : new Abort(0, "idle");
        }
    }

    private Abort requestTimedOut() {
        return new Abort(408, "the request did not arrive within " + requestTimeoutNanos / 1_000_000 + " ms");
    }

    // ------------------------------------------------------------------ writing

    private void serveFile(String name) throws IOException {
        Path root = config.fileRoot();
        if (root == null || !FILE_NAME.matcher(name).matches()) {
            respondStatus(404, "no such file", null);
            return;
        }
        WireFiles io = WireIo.shared().files();           // file calls block: helper threads make them
        Path path = root.resolve(name);
        BasicFileAttributes attributes;
        FileChannel file;
        try {
            attributes = io.stat(path);
            file = attributes.isRegularFile() ? io.open(path, StandardOpenOption.READ) : null;
        } catch (NoSuchFileException e) {
            file = null;
        }
        if (file == null) {
            respondStatus(404, "no such file", null);
            return;
        }
        try {
            long size = io.size(file);
            head(OK, name.endsWith(".html") ? HTML : name.endsWith(".txt") ? TEXT : OCTETS, size, null);
            if (request.method == HttpRequest.HEAD) {
                return;
            }
            for (long at = 0; at < size; ) {
                flush();                                  // out is empty: read the file straight into it
                out.limit((int) Math.min(out.capacity(), size - at));
                int n = io.pread(file, out, at);
                out.limit(out.capacity());
                if (n <= 0) {
                    throw new IOException(path + " shrank while being served");
                }
                at += n;
            }
        } finally {
            io.close(file);
        }
    }

    private void respond(byte[] statusLine, byte[] contentType, byte[] content, int length, byte[] extraHeader) throws IOException {
        head(statusLine, contentType, length, extraHeader);
        if (request.method != HttpRequest.HEAD) {
            put(content, length);
        }
    }

    private void respondStatus(int status, String why, byte[] extraHeader) throws IOException {
        byte[] text = (status + " " + reason(status) + ": " + why + "\n").getBytes(StandardCharsets.UTF_8);
        respond(HttpRequest.ascii("HTTP/1.1 " + status + " " + reason(status) + "\r\n"), TEXT, text, text.length, extraHeader);
    }

    /** Answers a request that broke a rule; the connection closes after it. */
    private void respondError(int status, String why) throws IOException {
        request.keepAlive = false;
        request.method = HttpRequest.OTHER;               // not HEAD: send the explanation
        respondStatus(status, why, null);
        flush();
    }

    private void head(byte[] statusLine, byte[] contentType, long length, byte[] extraHeader) throws IOException {
        put(statusLine, statusLine.length);
        put(CONTENT_LENGTH, CONTENT_LENGTH.length);
        int d = digits.length;
        do {
            digits[--d] = (byte) ('0' + length % 10);
            length /= 10;
        } while (length > 0);
        put(digits, d, digits.length - d);
        put(CRLF, CRLF.length);
        put(contentType, contentType.length);
        if (extraHeader != null) {
            put(extraHeader, extraHeader.length);
        }
        if (!request.keepAlive) {
            put(CLOSE, CLOSE.length);
        } else if (request.minorVersion == 0) {
            put(KEEP_ALIVE, KEEP_ALIVE.length);
        }
        put(CRLF, CRLF.length);
    }

    private void put(byte[] b, int length) throws IOException {
        put(b, 0, length);
    }

    private void put(byte[] b, int offset, int length) throws IOException {
        while (length > 0) {
            if (!out.hasRemaining()) {
                flush();
            }
            int k = Math.min(out.remaining(), length);
            out.put(b, offset, k);
            offset += k;
            length -= k;
        }
    }

    private void flush() throws IOException {
        if (out.position() > 0) {
            socket.setTimeout(idleTimeout);               // a client that reads nothing for this long is dropped
            out.flip();
            socket.writeAll(out);
            out.clear();
        }
    }

    /**
     * Closes our side after the last response and waits (briefly) for the client's FIN, discarding
     * what it still sends: closing with unread bytes would reset the connection, and a reset can
     * destroy the response before the client has read it.
     */
    private void lingeringClose() throws IOException {
        flush();
        socket.shutdownOutput();
        long until = System.nanoTime() + LINGER_NANOS;
        int discarded = 0;
        try {
            while (discarded < LINGER_BYTES) {
                long left = until - System.nanoTime();
                if (left <= 0) {
                    return;
                }
                socket.setTimeout(Duration.ofNanos(left));
                in.clear();
                int n = socket.read(in);
                if (n < 0) {
                    return;
                }
                discarded += n;
            }
        } catch (SocketTimeoutException | ClosedChannelException e) {
            // the client kept the connection open: close it anyway
        }
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 400 -> "Bad Request";
            case 404 -> "Not Found";
            case 405 -> "Method Not Allowed";
            case 408 -> "Request Timeout";
            case 413 -> "Content Too Large";
            case 431 -> "Request Header Fields Too Large";
            case 501 -> "Not Implemented";
            case 505 -> "HTTP Version Not Supported";
            default -> "Error";
        };
    }

    /** Ends the connection: with {@code status} > 0, after answering with that status; with 0, silently. */
    private static final class Abort extends Exception {
        private static final long serialVersionUID = 1L;
        final int status;

        Abort(int status, String why) {
            super(why, null, false, false);
            this.status = status;
        }
    }
}
