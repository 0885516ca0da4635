package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** A blocking loopback HTTP client for tests: sends raw bytes, reads responses one at a time. Every read gives up after 5 s. */
final class HttpTestClient implements AutoCloseable {
    /**
     * One response.
     *
     * @param status its status code
     * @param headers its headers, names in lower case
     * @param body its body (empty for HEAD)
     */
    record Response(int status, Map<String, String> headers, String body) {
    }

    private final Socket socket;
    private final InputStream in;
    private final OutputStream out;

    HttpTestClient(int port) throws IOException {
        socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(5_000);
        socket.setTcpNoDelay(true);
        in = new BufferedInputStream(socket.getInputStream());
        out = socket.getOutputStream();
    }

    /** Sends {@code text} (ISO-8859-1, so any byte value can be written as a char). */
    HttpTestClient send(String text) throws IOException {
        return send(text.getBytes(StandardCharsets.ISO_8859_1));
    }

    HttpTestClient send(byte[] bytes) throws IOException {
        out.write(bytes);
        out.flush();
        return this;
    }

    /** Reads one response with a body of its Content-Length. */
    Response read() throws IOException {
        return read(false);
    }

    /** Reads one response; with {@code headOnly} (an answer to HEAD) no body follows the head. */
    Response read(boolean headOnly) throws IOException {
        String statusLine = line();
        assertTrue(statusLine.startsWith("HTTP/1.1 "), "status line: " + statusLine);
        int status = Integer.parseInt(statusLine.substring(9, 12));
        Map<String, String> headers = new LinkedHashMap<>();
        for (String h = line(); !h.isEmpty(); h = line()) {
            int colon = h.indexOf(':');
            headers.put(h.substring(0, colon).toLowerCase(Locale.ROOT), h.substring(colon + 1).trim());
        }
        int length = Integer.parseInt(headers.getOrDefault("content-length", "0"));
        byte[] body = headOnly || status == 100 ? new byte[0] : in.readNBytes(length);
        assertEquals(headOnly || status == 100 ? 0 : length, body.length, "body of " + statusLine);
        return new Response(status, headers, new String(body, StandardCharsets.UTF_8));
    }

    /** Whether the server closed the connection: the next read finds the end of the stream (or a reset). */
    boolean closedByServer() throws IOException {
        try {
            return in.read() < 0;
        } catch (java.net.SocketException reset) {
            return true;
        }
    }

    /** Whether bytes have arrived that were not read yet (does not wait). */
    boolean hasData() throws IOException {
        return in.available() > 0;
    }

    /** Sets how long a read waits before it throws {@link java.net.SocketTimeoutException}. */
    void soTimeout(int millis) throws IOException {
        socket.setSoTimeout(millis);
    }

    /** Closes with a reset (RST) instead of a FIN. */
    void reset() throws IOException {
        socket.setSoLinger(true, 0);
        socket.close();
    }

    /** Sends a FIN: the server reads the end of the stream. */
    void shutdownOutput() throws IOException {
        socket.shutdownOutput();
    }

    private String line() throws IOException {
        ByteArrayOutputStream b = new ByteArrayOutputStream();
        for (int c = in.read(); c != '\n'; c = in.read()) {
            if (c < 0) {
                throw new IOException("the server closed the connection in the middle of a response head: " + b);
            }
            b.write(c);
        }
        String s = b.toString(StandardCharsets.ISO_8859_1);
        return s.endsWith("\r") ? s.substring(0, s.length() - 1) : s;
    }

    @Override
    public void close() throws IOException {
        socket.close();
    }
}
