package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The {@code web} example under garbage: malformed requests, truncated heads, slowloris clients,
 * resets. After each, a client that stayed connected the whole time (the bystander) is still
 * answered, and a new client is too. All on loopback, each case bounded by 5 s socket timeouts.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebServerRobustnessTest {
    private static final String HELLO = WebServerTest.HELLO;

    @TempDir
    Path files;
    private RunningWebServer web;
    private HttpTestClient bystander;

    @BeforeEach
    void start() throws Exception {
        Files.write(files.resolve("big.bin"), new byte[4 << 20]);
        web = new RunningWebServer(WebServer.Config.defaults().withFileRoot(files).withLimits(1024, 4096)
                .withTimeouts(Duration.ofSeconds(30), Duration.ofMillis(300)));   // the bystander idles between uses
        bystander = new HttpTestClient(web.port);
        assertServed(bystander);
    }

    @AfterEach
    void stop() throws Exception {
        try {
            assertServed(bystander);                        // the same kept-alive connection still works
            try (HttpTestClient fresh = new HttpTestClient(web.port)) {
                assertServed(fresh);
            }
            bystander.close();
        } finally {
            web.close();                                     // rethrows any failure of the server's wires
        }
    }

    private static void assertServed(HttpTestClient c) throws IOException {
        HttpTestClient.Response r = c.send(HELLO).read();
        assertEquals(200, r.status());
        assertEquals("Hello, World!\n", r.body());
    }

    @ParameterizedTest(name = "[{index}] {0} -> {1}")
    @CsvSource(delimiter = '|', quoteCharacter = '"', textBlock = """
            GARBAGE\\r\\n\\r\\n                                                             | 400
            GET  / HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n                                         | 400
            GET / HTTP/1.1 \\r\\nHost: t\\r\\n\\r\\n                                         | 400
            GET /\\r\\n\\r\\n                                                                | 400
            GET http://elsewhere/ HTTP/1.1\\r\\nHost: t\\r\\n\\r\\n                           | 400
            GET / HTTP/1.1\\r\\n\\r\\n                                                       | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nHost: u\\r\\n\\r\\n                              | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nNo colon here\\r\\n\\r\\n                       | 400
            GET / HTTP/1.1\\r\\nHost : t\\r\\n\\r\\n                                         | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nX-A: b\\r\\n folded\\r\\n\\r\\n                  | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nX-A: b\\u0001c\\r\\n\\r\\n                        | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 5\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: -1\\r\\n\\r\\n                   | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 1\\r\\nContent-Length: 2\\r\\n\\r\\n | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nContent-Length: 99999999999999999999\\r\\n\\r\\n   | 400
            POST /echo HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\nzz\\r\\n | 400
            POST /echo HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: chunked\\r\\n\\r\\n3\\r\\nabcd\\r\\n | 400
            GET / HTTP/1.1\\r\\nHost: t\\r\\nTransfer-Encoding: gzip\\r\\n\\r\\n                | 501
            GET / HTTP/2.0\\r\\nHost: t\\r\\n\\r\\n                                          | 505
            """)
    void malformedRequestsGetTheirStatusAndAClose(String request, int status) throws IOException {
        try (HttpTestClient c = new HttpTestClient(web.port)) {
            HttpTestClient.Response r = c.send(unescape(request)).read();
            assertEquals(status, r.status(), r.body());
            assertEquals("close", r.headers().get("connection"));
            assertTrue(c.closedByServer());
        }
    }

    @Test
    void randomBinaryHeadsGet400Or431() throws IOException {
        Random random = new Random(42);
        for (int i = 0; i < 20; i++) {
            byte[] junk = new byte[1 + random.nextInt(600)];
            random.nextBytes(junk);
            try (HttpTestClient c = new HttpTestClient(web.port)) {
                c.send(junk).send("\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                int status = c.read().status();
                assertTrue(status == 400 || status == 431 || status == 505, "status " + status);
                assertTrue(c.closedByServer());
            }
        }
        try (HttpTestClient c = new HttpTestClient(web.port)) {          // endless junk, never a line end
            byte[] junk = new byte[8192];
            random.nextBytes(junk);
            for (int i = 0; i < junk.length; i++) {
                if (junk[i] == '\n') {
                    junk[i] = 'n';
                }
            }
            assertEquals(431, c.send(junk).read().status());
        }
    }

    @Test
    void truncatedHeadsAndBodiesEndTheirConnectionQuietly() throws IOException {
        for (String truncated : new String[] {"GET / HTTP/1.1\r\nHost: t\r\nX-Trunc", "GET / HT",
                "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 10\r\n\r\nonly5",
                "POST /echo HTTP/1.1\r\nHost: t\r\nTransfer-Encoding: chunked\r\n\r\n5\r\nab"}) {
            try (HttpTestClient c = new HttpTestClient(web.port)) {
                c.send(truncated).shutdownOutput();                   // FIN in the middle of the request
                assertTrue(c.closedByServer(), truncated);            // no response: the server just closes
            }
            assertServed(bystander);
        }
    }

    @Test
    void resetsInTheMiddleOfRequestsAndResponsesAreSurvived() throws IOException {
        for (String partial : new String[] {"GET / HTTP/1.1\r\nHost: t\r\n", "POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\nabc"}) {
            HttpTestClient c = new HttpTestClient(web.port);
            c.send(partial).reset();
            assertServed(bystander);
        }
        // a reset while the server writes a 4 MiB file it reads through WireIo
        for (int i = 0; i < 3; i++) {
            try (Socket s = new Socket("127.0.0.1", web.port)) {
                s.setSoTimeout(5_000);
                s.getOutputStream().write("GET /files/big.bin HTTP/1.1\r\nHost: t\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                InputStream in = s.getInputStream();
                assertTrue(in.readNBytes(1000).length == 1000);
                s.setSoLinger(true, 0);
            }
            assertServed(bystander);
        }
    }

    @Test
    void slowlorisClientsGet408WhileOthersAreServed() throws IOException {
        try (HttpTestClient slow = new HttpTestClient(web.port); HttpTestClient slower = new HttpTestClient(web.port)) {
            slow.send("GET / HTTP/1.1\r\n");
            slower.send("POST /echo HTTP/1.1\r\nHost: t\r\nContent-Length: 100\r\n\r\n");   // a slow body, too
            long t0 = System.nanoTime();
            for (int i = 0; (!slow.hasData() || !slower.hasData()) && System.nanoTime() - t0 < 3_000_000_000L; i++) {
                if (!slow.hasData()) {
                    slow.send("X-Drip-" + i + ": a\r\n");            // one header line at a time
                }
                if (!slower.hasData()) {
                    slower.send("b");                                  // one body byte at a time
                }
                assertServed(bystander);                               // meanwhile everyone else is served
                sleep(20);
            }
            HttpTestClient.Response r = slow.read();
            assertEquals(408, r.status());
            assertEquals("close", r.headers().get("connection"));
            assertEquals(408, slower.read().status());
            assertTrue(slow.closedByServer() && slower.closedByServer());
        }
    }

    @Test
    void idleConnectionsAreClosed() throws Exception {
        try (RunningWebServer quick = new RunningWebServer(WebServer.Config.defaults()
                .withTimeouts(Duration.ofMillis(200), Duration.ofSeconds(5)));
             HttpTestClient silent = new HttpTestClient(quick.port);
             HttpTestClient done = new HttpTestClient(quick.port)) {
            assertServed(done);
            assertTrue(silent.closedByServer());                       // nothing sent: closed after 200 ms
            assertTrue(done.closedByServer());                         // idle after a response: closed too
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Turns the escapes {@code \r}, {@code \n} and {@code \u0001} of a CSV row into characters. */
    private static String unescape(String s) {
        return s.replace("\\r", "\r").replace("\\n", "\n").replace("\\u0001", "\u0001");
    }
}
