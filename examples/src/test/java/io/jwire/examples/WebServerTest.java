package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.SocketTimeoutException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/** The HTTP/1.1 behaviour of the {@code web} example: routes, keep-alive, pipelining, bodies, limits, throttling. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebServerTest {
    static final String HELLO = "GET / HTTP/1.1\r\nHost: test\r\n\r\n";

    @TempDir
    Path files;
    private RunningWebServer web;

    @BeforeEach
    void start() throws Exception {
        Files.writeString(files.resolve("hello.txt"), "file contents\n");
        web = new RunningWebServer(WebServer.Config.defaults().withFileRoot(files).withLimits(1024, 4096));
    }

    @AfterEach
    void stop() throws Exception {
        web.close();
    }

    @Test
    void oneKeptAliveConnectionServesHelloAFileThroughWireIoAnEchoAndHead() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            HttpTestClient.Response hello = c.send(HELLO).read();
            assertEquals(200, hello.status());
            assertEquals("Hello, World!\n", hello.body());
            assertEquals("text/plain; charset=utf-8", hello.headers().get("content-type"));
            assertFalse(hello.headers().containsKey("connection"), hello.headers().toString());

            HttpTestClient.Response file = c.send("GET /files/hello.txt HTTP/1.1\r\nHost: test\r\n\r\n").read();
            assertEquals(200, file.status());
            assertEquals("file contents\n", file.body());

            HttpTestClient.Response echo = c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 11\r\n\r\nhello world").read();
            assertEquals(200, echo.status());
            assertEquals("hello world", echo.body());

            HttpTestClient.Response head = c.send("HEAD / HTTP/1.1\r\nHost: test\r\n\r\n").read(true);
            assertEquals(200, head.status());
            assertEquals("14", head.headers().get("content-length"));
            assertEquals("Hello, World!\n", c.send(HELLO).read().body());   // no stray body bytes came after HEAD's head
        }
        assertEquals(5L, (long) web.ask(WebServer::requests));
    }

    @Test
    void unknownPathsAndWrongMethodsGet404And405AndTheConnectionStaysOpen() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            assertEquals(404, c.send("GET /nothing HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            assertEquals(404, c.send("GET /files/missing.txt HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            assertEquals(404, c.send("GET /files/..%2Fetc HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            assertEquals(404, c.send("GET /files/../pom.xml HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            HttpTestClient.Response post = c.send("POST / HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\nabc").read();
            assertEquals(405, post.status());
            assertEquals("GET, HEAD", post.headers().get("allow"));
            assertEquals(405, c.send("GET /echo HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            assertEquals("Hello, World!\n", c.send("GET /?from=test HTTP/1.1\r\nHost: test\r\n\r\n").read().body());
            assertEquals(404, c.send("GET /files/hello.txt/x?y HTTP/1.1\r\nHost: test\r\n\r\n").read().status());
            assertEquals("file contents\n", c.send("GET /files/hello.txt?v=2 HTTP/1.1\r\nHost: test\r\n\r\n").read().body());
        }
    }

    @Test
    void pipelinedRequestsAreAnsweredInOrderAndConnectionCloseEndsTheConnection() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            c.send(HELLO
                    + "GET /files/hello.txt HTTP/1.1\r\nHost: test\r\n\r\n"
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 3\r\n\r\none"
                    + "\r\n"                                          // a stray empty line between requests is allowed
                    + "POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n3\r\ntwo\r\n0\r\n\r\n"
                    + "GET / HTTP/1.1\r\nHost: test\r\nConnection: close\r\n\r\n");
            assertEquals("Hello, World!\n", c.read().body());
            assertEquals("file contents\n", c.read().body());
            assertEquals("one", c.read().body());
            assertEquals("two", c.read().body());
            HttpTestClient.Response last = c.read();
            assertEquals("Hello, World!\n", last.body());
            assertEquals("close", last.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void chunkedBodiesWithExtensionsAndTrailersAreDecodedAcrossWrites() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            c.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: Chunked\r\n\r\n5\r\nhel");
            c.send("lo\r\n6;name=value\r\n world\r\nA\r\n, chunked!\r\n");
            c.send("0\r\nX-Trailer: yes\r\n\r\n");
            HttpTestClient.Response r = c.read();
            assertEquals(200, r.status());
            assertEquals("hello world, chunked!", r.body());
            assertEquals(200, c.send(HELLO).read().status());
        }
    }

    @Test
    void expectContinueGets100BeforeTheBody() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4\r\nExpect: 100-continue\r\n\r\n");
            assertEquals(100, c.read().status());
            assertEquals("body", c.send("body").read().body());
        }
    }

    @Test
    void http10ClosesAfterTheResponseUnlessItAsksForKeepAlive() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            HttpTestClient.Response r = c.send("GET / HTTP/1.0\r\n\r\n").read();
            assertEquals(200, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            HttpTestClient.Response r = c.send("GET / HTTP/1.0\r\nConnection: keep-alive\r\n\r\n").read();
            assertEquals("keep-alive", r.headers().get("connection"));
            assertEquals(200, c.send("GET / HTTP/1.0\r\nConnection: Keep-Alive\r\n\r\n").read().status());
        }
    }

    @Test
    void bodiesUpToTheLimitAreEchoedAndLargerOnesGet413() throws Exception {
        String limit = "x".repeat(4096);
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            assertEquals(limit, c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4096\r\n\r\n" + limit).read().body());
            // announced too large: answered at once, before any body byte is sent
            HttpTestClient.Response r = c.send("POST /echo HTTP/1.1\r\nHost: test\r\nContent-Length: 4097\r\n\r\n").read();
            assertEquals(413, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            // chunked: found too large once the chunks add up past the limit
            c.send("POST /echo HTTP/1.1\r\nHost: test\r\nTransfer-Encoding: chunked\r\n\r\n800\r\n" + "y".repeat(2048)
                    + "\r\n800\r\n" + "y".repeat(2048) + "\r\n1\r\n");
            assertEquals(413, c.read().status());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void headsOverTheLimitGet431() throws Exception {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            c.send("GET / HTTP/1.1\r\nHost: test\r\nX-Big: " + "z".repeat(2000) + "\r\n\r\n");
            HttpTestClient.Response r = c.read();
            assertEquals(431, r.status());
            assertTrue(r.body().contains("larger than 1024 bytes"), r.body());
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void aFullHandlerPoolPausesAcceptUntilAHandlerFrees() throws Exception {
        web.close();
        // a long idle timeout: the two holders must keep their handlers however slow this machine is
        web = new RunningWebServer(WebServer.Config.defaults().withHandlers(2)
                .withTimeouts(Duration.ofSeconds(60), Duration.ofSeconds(10)));
        HttpTestClient first = new HttpTestClient(web.port);
        HttpTestClient second = new HttpTestClient(web.port);
        try (HttpTestClient third = new HttpTestClient(web.port)) {
            assertEquals(200, first.send(HELLO).read().status());    // both handlers now hold a connection
            assertEquals(200, second.send(HELLO).read().status());
            third.send(HELLO);                                      // connected (the kernel's backlog), not served
            assertEquals(1L, (long) waitFor(() -> web.ask(WebServer::throttled), 1L));
            assertThrows(SocketTimeoutException.class, () -> readWithin(third, Duration.ofMillis(300)));
            assertEquals(2, (int) web.ask(WebServer::activeConnections));
            try (HttpTestClient fourth = new HttpTestClient(web.port)) {   // waits in the backlog: not even accepted
                assertThrows(SocketTimeoutException.class, () -> readWithin(fourth.send(HELLO), Duration.ofMillis(100)));
                assertEquals(3L, (long) web.ask(WebServer::accepted));
            }

            first.close();                                          // a handler frees: the acceptor hands it the third
            assertEquals("Hello, World!\n", third.read().body());
        } finally {
            second.close();
        }
    }

    /** Reads a response, waiting at most {@code limit}. */
    private static HttpTestClient.Response readWithin(HttpTestClient c, Duration limit) throws Exception {
        c.soTimeout((int) limit.toMillis());
        try {
            return c.read();
        } finally {
            c.soTimeout(5_000);
        }
    }

    /** Polls {@code value} until it returns {@code expected} (at most 5 s); returns the last value. */
    static <T> T waitFor(ThrowingSupplier<T> value, T expected) throws Exception {
        long end = System.nanoTime() + 5_000_000_000L;
        T v = value.get();
        while (!v.equals(expected) && System.nanoTime() < end) {
            Thread.sleep(10);
            v = value.get();
        }
        return v;
    }

    /** A supplier that may throw. */
    interface ThrowingSupplier<T> {
        T get() throws Exception;
    }
}
