package io.jwire.examples;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * The parsed head of one HTTP/1.1 request, read in place from the bytes of a connection's input
 * buffer: no strings are made for the method, the known headers or their values, so parsing a
 * request allocates nothing. One instance per connection, reused for each request.
 *
 * <p>Parsing is strict where leniency invites request smuggling (RFC 9112): one space between
 * the parts of the request line, no whitespace before a header's colon, no obsolete line folding,
 * no control characters, a {@code Content-Length} made of digits only and never together with
 * {@code Transfer-Encoding}, {@code Host} required in HTTP/1.1. A bare LF ends a line as CRLF does.
 *
 * <p>Not thread-safe: used by the wire that serves the connection.
 */
final class HttpRequest {
    static final int GET = 1;
    static final int HEAD = 2;
    static final int POST = 3;
    static final int OTHER = 4;

    private static final byte[] HTTP_SLASH = ascii("HTTP/");
    private static final byte[] CONTENT_LENGTH = ascii("content-length");
    private static final byte[] TRANSFER_ENCODING = ascii("transfer-encoding");
    private static final byte[] CONNECTION = ascii("connection");
    private static final byte[] HOST = ascii("host");
    private static final byte[] EXPECT = ascii("expect");
    private static final byte[] CONTINUE = ascii("100-continue");
    private static final byte[] GET_BYTES = ascii("GET");
    private static final byte[] HEAD_BYTES = ascii("HEAD");
    private static final byte[] POST_BYTES = ascii("POST");
    private static final byte[] CHUNKED = ascii("chunked");
    private static final byte[] CLOSE = ascii("close");
    private static final byte[] KEEP_ALIVE = ascii("keep-alive");
    /** {@code tchar} of RFC 9110: the characters of a method or a header name. */
    private static final boolean[] TOKEN = new boolean[128];

    static {
        for (char c = '0'; c <= '9'; c++) {
            TOKEN[c] = true;
        }
        for (char c = 'a'; c <= 'z'; c++) {
            TOKEN[c] = true;
            TOKEN[c - 'a' + 'A'] = true;
        }
        for (char c : "!#$%&'*+-.^_`|~".toCharArray()) {
            TOKEN[c] = true;
        }
    }

    private ByteBuffer buf;
    /** One of {@link #GET}, {@link #HEAD}, {@link #POST}, {@link #OTHER}. */
    int method;
    /** The request target (such as {@code /files/a.txt?x=1}): bytes {@code [targetStart, targetEnd)} of the buffer. */
    int targetStart;
    int targetEnd;
    /** The end of the target's path: before its {@code ?query}, if any. */
    int pathEnd;
    /** 0 for HTTP/1.0, 1 for HTTP/1.1. */
    int minorVersion;
    /** The body's length from {@code Content-Length}, or -1 when there is none. */
    long contentLength;
    /** Whether the body is chunked ({@code Transfer-Encoding: chunked}). */
    boolean chunked;
    /** Whether the connection stays open after the response. */
    boolean keepAlive;
    /** Whether the client waits for {@code 100 Continue} before it sends the body ({@code Expect: 100-continue}). */
    boolean expectContinue;
    /** When the head is not acceptable: the status to answer (400, 501, 505) and why; otherwise 0 and null. */
    int errorStatus;
    String error;

    /**
     * Parses the head in bytes {@code [start, end)} of {@code buf}: the request line, the header
     * lines and the empty line that ends them. Leading empty lines must already be skipped.
     *
     * @return true when the head is acceptable; otherwise {@link #errorStatus} and {@link #error} say why
     */
    boolean parse(ByteBuffer buf, int start, int end) {
        this.buf = buf;
        method = OTHER;
        contentLength = -1;
        chunked = false;
        expectContinue = false;
        errorStatus = 0;
        error = null;
        int eol = lineEnd(start, end);
        if (!requestLine(start, contentEnd(start, eol))) {
            return false;
        }
        boolean close = false;
        boolean keepAliveToken = false;
        boolean host = false;
        for (int line = eol + 1; line < end; ) {
            eol = lineEnd(line, end);
            int stop = contentEnd(line, eol);
            if (stop == line) {
                break;                                    // the empty line: end of the head
            }
            byte first = buf.get(line);
            if (first == ' ' || first == '\t') {
                return fail(400, "obsolete line folding in a header");
            }
            int colon = line;
            while (colon < stop && isToken(buf.get(colon))) {
                colon++;
            }
            if (colon == line || colon == stop || buf.get(colon) != ':') {
                return fail(400, "a header line is not 'name: value'");
            }
            int v = colon + 1;
            int vEnd = stop;
            while (v < vEnd && isBlank(buf.get(v))) {
                v++;
            }
            while (vEnd > v && isBlank(buf.get(vEnd - 1))) {
                vEnd--;
            }
            for (int i = v; i < vEnd; i++) {
                int b = buf.get(i) & 0xff;
                if ((b < 0x20 && b != '\t') || b == 0x7f) {
                    return fail(400, "a control character in a header value");
                }
            }
            if (nameIs(line, colon, CONTENT_LENGTH)) {
                long n = digits(v, vEnd);
                if (n < 0) {
                    return fail(400, "Content-Length is not a number");
                }
                if (contentLength >= 0 && contentLength != n) {
                    return fail(400, "two different Content-Length headers");
                }
                contentLength = n;
            } else if (nameIs(line, colon, TRANSFER_ENCODING)) {
                if (!equalsIgnoreCase(v, vEnd, CHUNKED) || chunked) {
                    return fail(501, "only 'Transfer-Encoding: chunked' is implemented");
                }
                chunked = true;
            } else if (nameIs(line, colon, HOST)) {
                if (host) {
                    return fail(400, "two Host headers");
                }
                host = true;
            } else if (nameIs(line, colon, EXPECT)) {
                expectContinue = equalsIgnoreCase(v, vEnd, CONTINUE);
            } else if (nameIs(line, colon, CONNECTION)) {
                for (int t = v; t < vEnd; ) {                 // comma-separated options
                    int comma = t;
                    while (comma < vEnd && buf.get(comma) != ',') {
                        comma++;
                    }
                    int a = t;
                    int b = comma;
                    while (a < b && isBlank(buf.get(a))) {
                        a++;
                    }
                    while (b > a && isBlank(buf.get(b - 1))) {
                        b--;
                    }
                    close |= equalsIgnoreCase(a, b, CLOSE);
                    keepAliveToken |= equalsIgnoreCase(a, b, KEEP_ALIVE);
                    t = comma + 1;
                }
            }
            line = eol + 1;
        }
        if (chunked && contentLength >= 0) {
            return fail(400, "both Content-Length and Transfer-Encoding");
        }
        if (minorVersion == 1 && !host) {
            return fail(400, "an HTTP/1.1 request without Host");
        }
        keepAlive = minorVersion == 1 ? !close : keepAliveToken && !close;
        return true;
    }

    /** Whether the target's path (without its query) is exactly {@code path} (ASCII). */
    boolean pathIs(byte[] path) {
        return regionEquals(targetStart, pathEnd, path, false);
    }

    /** Whether the target's path starts with {@code prefix} (ASCII). */
    boolean pathStartsWith(byte[] prefix) {
        return pathEnd - targetStart >= prefix.length && regionEquals(targetStart, targetStart + prefix.length, prefix, false);
    }

    /** The target's path from offset {@code from} on, as a string (for the rare routes that need one). */
    String path(int from) {
        byte[] b = new byte[pathEnd - targetStart - from];
        buf.get(targetStart + from, b);
        return new String(b, StandardCharsets.ISO_8859_1);
    }

    /** The ASCII bytes of {@code s}. */
    static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private boolean requestLine(int start, int end) {
        int sp1 = start;
        while (sp1 < end && isToken(buf.get(sp1))) {
            sp1++;
        }
        if (sp1 == start || sp1 == end || buf.get(sp1) != ' ') {
            return fail(400, "the request line is not 'METHOD /target HTTP/1.1'");
        }
        method = methodOf(start, sp1);
        int t = sp1 + 1;
        int sp2 = t;
        while (sp2 < end) {
            int b = buf.get(sp2) & 0xff;
            if (b == ' ') {
                break;
            }
            if (b < 0x21 || b == 0x7f) {
                return fail(400, "a control character in the request target");
            }
            sp2++;
        }
        if (sp2 == t || sp2 == end || buf.get(t) != '/') {
            return fail(400, "the request target is not a path starting with '/'");
        }
        targetStart = t;
        targetEnd = sp2;
        pathEnd = t;
        while (pathEnd < sp2 && buf.get(pathEnd) != '?') {
            pathEnd++;
        }
        int v = sp2 + 1;
        if (end - v != HTTP_SLASH.length + 3 || !regionEquals(v, v + HTTP_SLASH.length, HTTP_SLASH, false)
                || !isDigit(buf.get(end - 3)) || buf.get(end - 2) != '.' || !isDigit(buf.get(end - 1))) {
            return fail(400, "the request line does not end with an HTTP version such as HTTP/1.1");
        }
        if (buf.get(end - 3) != '1' || (buf.get(end - 1) != '0' && buf.get(end - 1) != '1')) {
            return fail(505, "only HTTP/1.0 and HTTP/1.1 are supported");
        }
        minorVersion = buf.get(end - 1) - '0';
        return true;
    }

    private int methodOf(int start, int end) {
        if (regionEquals(start, end, GET_BYTES, false)) {
            return GET;
        }
        if (regionEquals(start, end, HEAD_BYTES, false)) {
            return HEAD;
        }
        if (regionEquals(start, end, POST_BYTES, false)) {
            return POST;
        }
        return OTHER;
    }

    private boolean fail(int status, String why) {
        errorStatus = status;
        error = why;
        return false;
    }

    /** The index of the LF that ends the line starting at {@code from} (the caller knows one is there). */
    private int lineEnd(int from, int end) {
        int i = from;
        while (i < end && buf.get(i) != '\n') {
            i++;
        }
        return i;
    }

    /** The end of a line's content: before its CR, if any. */
    private int contentEnd(int start, int lf) {
        return lf > start && buf.get(lf - 1) == '\r' ? lf - 1 : lf;
    }

    private boolean nameIs(int start, int end, byte[] lowerName) {
        return regionEquals(start, end, lowerName, true);
    }

    private boolean equalsIgnoreCase(int start, int end, byte[] lower) {
        return regionEquals(start, end, lower, true);
    }

    private boolean regionEquals(int start, int end, byte[] expected, boolean ignoreCase) {
        if (end - start != expected.length) {
            return false;
        }
        for (int i = 0; i < expected.length; i++) {
            int b = buf.get(start + i);
            if (ignoreCase && b >= 'A' && b <= 'Z') {
                b += 'a' - 'A';
            }
            if (b != expected[i]) {
                return false;
            }
        }
        return true;
    }

    /** The decimal number in {@code [start, end)}, or -1 when it is not 1 to 18 digits. */
    private long digits(int start, int end) {
        if (end == start || end - start > 18) {
            return -1;
        }
        long n = 0;
        for (int i = start; i < end; i++) {
            byte b = buf.get(i);
            if (!isDigit(b)) {
                return -1;
            }
            n = n * 10 + (b - '0');
        }
        return n;
    }

    private static boolean isToken(byte b) {
        return b > 0 && TOKEN[b];
    }

    private static boolean isDigit(byte b) {
        return b >= '0' && b <= '9';
    }

    private static boolean isBlank(byte b) {
        return b == ' ' || b == '\t';
    }
}
