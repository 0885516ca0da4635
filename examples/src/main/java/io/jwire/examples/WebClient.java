package io.jwire.examples;

import io.jwire.WireScheduler;
import io.jwire.epoll.WireSocket;
import io.jwire.io.WireIo;
import io.jwire.sync.WirePool;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * libwire's {@code web_client}: downloads URLs side by side, one wire each from a {@link WirePool}
 * of 6. Each download resolves the host name through {@link WireIo#resolve(String)} (libwire's
 * {@code wio_getaddrinfo}: the blocking lookup runs on a helper thread), connects to the first
 * address that answers, sends a GET and reads the response, all within one deadline (10 s by
 * default) over the whole download.
 *
 * <pre>
 * Initiating download for http://127.0.0.1:9090/
 * Done initiating downloads
 * Starting download for http://127.0.0.1:9090/
 * Connected to 127.0.0.1:9090
 * Download succeeded for http://127.0.0.1:9090/: 200 OK, 14 bytes
 * Hello, World!
 * </pre>
 *
 * <p>Only {@code http://} URLs; the body is printed when it is text.
 */
public final class WebClient {
    /** How many downloads run at once, as in libwire. */
    public static final int PARALLEL = 6;
    /** The largest response read. */
    private static final int MAX_RESPONSE = 16 << 20;

    /**
     * A response.
     *
     * @param status the status code, such as 200
     * @param reason the reason phrase, such as {@code OK}
     * @param head the status line and the headers, as received
     * @param body the body, de-chunked
     */
    public record Response(int status, String reason, String head, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    private WebClient() {
    }

    /** Downloads each URL in {@code args} with a 10 s deadline, printing to standard output. */
    public static void main(String[] args) {
        if (args.length == 0) {
            System.err.println("usage: web_client URL...   (for example http://127.0.0.1:9090/ with the 'web' example running)");
            return;
        }
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, List.of(args), Duration.ofSeconds(10));
            scheduler.run();
        }
    }

    /**
     * Spawns an init wire on {@code scheduler} that starts one download per URL on a pool of
     * {@value #PARALLEL}, each finishing within {@code deadline} or giving up. Outcomes are printed
     * to {@code out}; a failed download prints why and does not fail its wire. Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, List<String> urls, Duration deadline) {
        scheduler.spawn("init", () -> {
            try (WirePool pool = new WirePool(scheduler, "downloads", PARALLEL)) {
                for (String url : urls) {
                    out.println("Initiating download for " + url);
                    pool.start(url, () -> download(out, url, deadline));   // waits while 6 run
                }
                out.println("Done initiating downloads");
            }
        });
    }

    private static void download(PrintStream out, String url, Duration deadline) {
        out.println("Starting download for " + url);
        try {
            Response r = fetch(url, deadline, out);
            out.printf("Download succeeded for %s: %d %s, %d bytes%n", url, r.status(), r.reason(), r.body().length);
            if (isText(r.body())) {
                out.print(r.text());
            }
        } catch (SocketTimeoutException e) {
            out.printf("Download failed for %s: no answer within %d ms (%s)%n", url, deadline.toMillis(), e.getMessage());
        } catch (IOException | IllegalArgumentException e) {
            out.printf("Download failed for %s: %s%n", url, e);
        }
    }

    /**
     * Fetches {@code url} (an {@code http://} URL) with a GET from a wire: name resolution through
     * {@link WireIo}, connection and exchange all within {@code deadline}. Prints "Connected to"
     * to {@code log}, when not null. Call from a wire of a scheduler with the epoll poller.
     *
     * @throws SocketTimeoutException when the deadline passed first
     * @throws java.net.UnknownHostException when the host name does not resolve
     * @throws IOException when connecting fails or the response is not HTTP
     * @throws IllegalArgumentException when {@code url} is not an {@code http://} URL
     */
    public static Response fetch(String url, Duration deadline, PrintStream log) throws IOException {
        URI uri = URI.create(url);
        if (!"http".equalsIgnoreCase(uri.getScheme()) || uri.getHost() == null) {
            throw new IllegalArgumentException("not an http:// URL: " + url);
        }
        String host = uri.getHost();
        int port = uri.getPort() < 0 ? 80 : uri.getPort();
        String path = uri.getRawPath() == null || uri.getRawPath().isEmpty() ? "/" : uri.getRawPath();
        if (uri.getRawQuery() != null) {
            path += "?" + uri.getRawQuery();
        }
        long end = System.nanoTime() + deadline.toNanos();

        InetAddress[] addresses = WireIo.shared().resolve(host);      // the lookup blocks a helper thread, not us
        WireSocket socket = connectAny(addresses, port, end, url);
        try (socket) {
            if (log != null) {
                log.println("Connected to " + socket.remoteAddress());
            }
            String request = "GET " + path + " HTTP/1.1\r\nHost: " + uri.getRawAuthority()
                    + "\r\nUser-Agent: jwire-web-client\r\nAccept: */*\r\nConnection: close\r\n\r\n";
            byte[] bytes = request.getBytes(StandardCharsets.ISO_8859_1);
            socket.setTimeout(left(end, url));
            socket.writeAll(ByteBuffer.allocateDirect(bytes.length).put(bytes).flip());

            ByteArrayOutputStream received = new ByteArrayOutputStream();
            ByteBuffer buf = ByteBuffer.allocateDirect(16 * 1024);
            byte[] chunk = new byte[buf.capacity()];
            for (;;) {                                                 // Connection: close: read to the end
                socket.setTimeout(left(end, url));
                int n = socket.read(buf.clear());
                if (n < 0) {
                    break;
                }
                if (received.size() + n > MAX_RESPONSE) {
                    throw new IOException("the response from " + url + " is larger than " + MAX_RESPONSE + " bytes");
                }
                buf.flip().get(chunk, 0, n);
                received.write(chunk, 0, n);
            }
            return parse(url, received.toByteArray());
        }
    }

    /** Connects to the first of {@code addresses} that answers (libwire tries each getaddrinfo result in turn). */
    private static WireSocket connectAny(InetAddress[] addresses, int port, long end, String url) throws IOException {
        IOException failure = new IOException("could not connect to any address of " + url);
        for (InetAddress a : addresses) {
            try {
                return WireSocket.connect(a.getHostAddress(), port, left(end, url));
            } catch (SocketTimeoutException e) {
                throw e;
            } catch (IOException e) {
                failure.addSuppressed(e);                              // refused, unreachable: try the next one
            }
        }
        throw failure;
    }

    /** What is left of the deadline; a {@link SocketTimeoutException} when nothing is. */
    private static Duration left(long end, String url) throws SocketTimeoutException {
        long nanos = end - System.nanoTime();
        if (nanos <= 0) {
            throw new SocketTimeoutException("the deadline for " + url + " passed");
        }
        return Duration.ofNanos(nanos);
    }

    /** Splits a whole response into status, head and body ({@code Content-Length}, chunked, or up to the close). */
    static Response parse(String url, byte[] r) throws IOException {
        int headEnd = indexOf(r, "\r\n\r\n".getBytes(StandardCharsets.US_ASCII), 0);
        if (headEnd < 0) {
            throw new IOException(url + " sent no complete HTTP response head (" + r.length + " bytes)");
        }
        String head = new String(r, 0, headEnd, StandardCharsets.ISO_8859_1);
        String[] lines = head.split("\r\n");
        String[] status = lines[0].split(" ", 3);
        if (status.length < 2 || !status[0].startsWith("HTTP/1.") || !status[1].matches("\\d{3}")) {
            throw new IOException(url + " sent a bad status line: " + lines[0]);
        }
        long length = -1;
        boolean chunked = false;
        for (int i = 1; i < lines.length; i++) {
            String line = lines[i].toLowerCase(Locale.ROOT);
            if (line.startsWith("content-length:")) {
                length = Long.parseLong(line.substring(15).trim());
            } else if (line.startsWith("transfer-encoding:") && line.contains("chunked")) {
                chunked = true;
            }
        }
        int bodyStart = headEnd + 4;
        byte[] body;
        if (chunked) {
            body = dechunk(url, r, bodyStart);
        } else if (length >= 0) {
            if (r.length - bodyStart < length) {
                throw new IOException(url + " sent " + (r.length - bodyStart) + " of " + length + " body bytes");
            }
            body = Arrays.copyOfRange(r, bodyStart, (int) (bodyStart + length));
        } else {
            body = Arrays.copyOfRange(r, bodyStart, r.length);
        }
        return new Response(Integer.parseInt(status[1]), status.length > 2 ? status[2] : "", head, body);
    }

    private static byte[] dechunk(String url, byte[] r, int at) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        byte[] crlf = "\r\n".getBytes(StandardCharsets.US_ASCII);
        for (;;) {
            int eol = indexOf(r, crlf, at);
            if (eol < 0) {
                throw new IOException(url + " sent a truncated chunked body");
            }
            String size = new String(r, at, eol - at, StandardCharsets.ISO_8859_1).split(";")[0].trim();
            int n = Integer.parseInt(size, 16);
            at = eol + 2;
            if (n == 0) {
                return body.toByteArray();
            }
            if (at + n > r.length) {
                throw new IOException(url + " sent a truncated chunk");
            }
            body.write(r, at, n);
            at += n + 2;
        }
    }

    private static int indexOf(byte[] data, byte[] pattern, int from) {
        outer:
        for (int i = from; i <= data.length - pattern.length; i++) {
            for (int j = 0; j < pattern.length; j++) {
                if (data[i + j] != pattern[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    private static boolean isText(byte[] body) {
        for (byte b : body) {
            if (b < 0x20 && b != '\n' && b != '\r' && b != '\t') {
                return false;
            }
        }
        return true;
    }
}
