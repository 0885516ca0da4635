package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.WireCancelledException;
import io.jwire.examples.kotlin.BaseKt;
import io.jwire.examples.kotlin.ChannelKt;
import io.jwire.examples.kotlin.EchoServerKt;
import io.jwire.examples.kotlin.WebKt;
import io.jwire.kotlin.WiresHandle;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The Kotlin DSL examples (src/main/kotlin). Their wires run under {@code wires { }} or
 * {@code startWires { }}, which rethrow a wire's failure: from the call, or from {@code join()}.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class KotlinExamplesTest {

    @Test
    void baseKtWiresAlternateOnYieldsThenSleepSideBySide() {
        Output o = new Output();
        BaseKt.base(o.out, 5);
        List<String> expected = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
            expected.add("hello world!");
            expected.add("bye world!");
        }
        expected.add("Now slowly in hello");
        expected.add("Now slowly in bye");
        for (int i = 0; i < 5; i++) {
            expected.add("hello slowly world!");
            expected.add("bye slowly world!");
        }
        assertEquals(expected, o.lines());
    }

    @Test
    void channelKtConsumerGetsTheValueBeforeTheProducerGoesOn() {
        Output o = new Output();
        ChannelKt.channel(o.out);
        assertEquals(List.of("Consumer got 42", "Producer finished"), o.lines());
    }

    @Test
    void echoServerKtEchoesConcurrentClientsAndStopsOnCancel() throws Exception {
        int port = freePort();
        WiresHandle<?> server = EchoServerKt.startEchoServer("127.0.0.1", port, 4);
        try (Socket a = connect(port); Socket b = connect(port)) {
            assertEquals("from b", echo(b, "from b"));
            assertEquals("from a", echo(a, "from a"));
            assertEquals("again a", echo(a, "again a"));
        } finally {
            server.cancel();
        }
        assertThrows(WireCancelledException.class, server::join);   // no other failure inside
    }

    @Test
    void webKtKeepsAliveAnswersPipelinedRequestsAndRefusesMalformedOnes() throws Exception {
        int port = freePort();
        WiresHandle<?> server = WebKt.startWebServer("127.0.0.1", port, 8);
        try {
            connect(port).close();                              // wait until it listens
            try (HttpTestClient c = new HttpTestClient(port)) {
                for (int i = 0; i < 3; i++) {                   // one connection, several requests
                    HttpTestClient.Response r = c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\n").read();
                    assertEquals(200, r.status());
                    assertEquals("Hello, World!\n", r.body());
                    assertEquals("keep-alive", r.headers().get("connection"));
                }
                c.send("GET / HTTP/1.1\r\nHost: x\r\n\r\nHEAD / HTTP/1.1\r\nHost: x\r\n\r\nGET /nope HTTP/1.1\r\nHost: x\r\n\r\n"
                        + "POST / HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello");
                assertEquals(200, c.read().status());
                HttpTestClient.Response head = c.read(true);
                assertEquals(200, head.status());
                assertEquals("14", head.headers().get("content-length"));
                assertEquals(404, c.read().status());
                HttpTestClient.Response post = c.read();
                assertEquals(405, post.status());
                assertEquals("GET, HEAD", post.headers().get("allow"));
                HttpTestClient.Response last = c.send("GET / HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").read();
                assertEquals(200, last.status());
                assertEquals("close", last.headers().get("connection"));
                assertTrue(c.closedByServer());
            }
            assertRefused(port, "GARBAGE\r\n\r\n", 400);
            assertRefused(port, "GET / HTTP/1.1\r\n\r\n", 400);                     // no Host
            assertRefused(port, "GET / HTTP/1.1\r\nHost x\r\n\r\n", 400);           // no colon
            assertRefused(port, "GET / HTTP/2.0\r\nHost: x\r\n\r\n", 505);
            assertRefused(port, "POST / HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n", 501);
            assertRefused(port, "GET / HTTP/1.1\r\nHost: x\r\nX: " + "a".repeat(9000) + "\r\n\r\n", 431);
            try (HttpTestClient c = new HttpTestClient(port)) {                      // still serving
                assertEquals(200, c.send("GET / HTTP/1.0\r\n\r\n").read().status());
                assertTrue(c.closedByServer());                                      // 1.0: closes by default
            }
        } finally {
            server.cancel();
        }
        assertThrows(WireCancelledException.class, server::join);
    }

    private static void assertRefused(int port, String request, int status) throws IOException {
        try (HttpTestClient c = new HttpTestClient(port)) {
            HttpTestClient.Response r = c.send(request).read();
            assertEquals(status, r.status(), request.length() > 60 ? request.substring(0, 60) : request);
            assertEquals("close", r.headers().get("connection"));
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }

    /** Connects to the server started on another thread, retrying for up to 5 s while it is not listening yet. */
    private static Socket connect(int port) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (true) {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
                s.setSoTimeout(5_000);
                return s;
            } catch (ConnectException notYet) {
                s.close();
                if (System.nanoTime() > deadline) {
                    throw notYet;
                }
                Thread.sleep(20);
            }
        }
    }

    private static String echo(Socket s, String text) throws IOException {
        byte[] sent = text.getBytes(StandardCharsets.UTF_8);
        s.getOutputStream().write(sent);
        s.getOutputStream().flush();
        InputStream in = s.getInputStream();
        return new String(in.readNBytes(sent.length), StandardCharsets.UTF_8);
    }
}
