package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.testing.WireTestHarness;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WebClientTest {

    @Test
    void downloadsFromTheWebExampleResolvingNamesThroughWireIo(@TempDir Path files) throws Exception {
        Files.writeString(files.resolve("hello.txt"), "file contents\n");
        try (RunningWebServer web = new RunningWebServer(WebServer.Config.defaults().withFileRoot(files))) {
            String byName = "http://localhost:" + web.port + "/";       // "localhost" goes through WireIo.resolve
            String file = "http://127.0.0.1:" + web.port + "/files/hello.txt";
            String missing = "http://127.0.0.1:" + web.port + "/missing";
            Output o = new Output();
            WireTestHarness.run(s -> WebClient.start(s, o.out, List.of(byName, file, missing), Duration.ofSeconds(10)));
            List<String> lines = o.lines();

            assertEquals(List.of("Initiating download for " + byName, "Initiating download for " + file,
                    "Initiating download for " + missing, "Done initiating downloads"), lines.subList(0, 4));
            assertTrue(lines.contains("Download succeeded for " + byName + ": 200 OK, 14 bytes"), o.toString());
            assertTrue(lines.contains("Hello, World!"), o.toString());
            assertTrue(lines.contains("Download succeeded for " + file + ": 200 OK, 14 bytes"), o.toString());
            assertTrue(lines.contains("file contents"), o.toString());
            assertTrue(lines.contains("Download succeeded for " + missing + ": 404 Not Found, 48 bytes"), o.toString());
            assertEquals(3, lines.stream().filter(l -> l.equals("Connected to 127.0.0.1:" + web.port)).count(), o.toString());
            assertEquals(3L, (long) web.ask(WebServer::requests));
        }
    }

    @Test
    void aServerThatNeverAnswersIsGivenUpOnAtTheDeadline() throws Exception {
        try (ServerSocket mute = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread acceptor = new Thread(() -> {
                try (Socket held = mute.accept()) {
                    held.getInputStream().readAllBytes();             // reads the request, never answers
                } catch (Exception ignored) {
                    // the client gave up and closed
                }
            }, "mute server");
            acceptor.start();
            String url = "http://127.0.0.1:" + mute.getLocalPort() + "/";
            Output o = new Output();
            long t0 = System.nanoTime();
            WireTestHarness.run(s -> WebClient.start(s, o.out, List.of(url), Duration.ofMillis(300)));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(o.lines().stream().anyMatch(l -> l.startsWith("Download failed for " + url + ": no answer within 300 ms")),
                    o.toString());
            assertTrue(ms >= 300, ms + " ms");
            acceptor.join(5_000);
        }
    }

    @Test
    void aRefusedConnectionIsReportedNotThrown() {
        Output o = new Output();
        WireTestHarness.run(s -> WebClient.start(s, o.out, List.of("http://127.0.0.1:1/", "ftp://x/"), Duration.ofSeconds(10)));
        assertTrue(o.lines().stream().anyMatch(l -> l.startsWith("Download failed for http://127.0.0.1:1/: ")), o.toString());
        assertTrue(o.lines().contains("Download failed for ftp://x/: java.lang.IllegalArgumentException: not an http:// URL: ftp://x/"),
                o.toString());
    }
}
