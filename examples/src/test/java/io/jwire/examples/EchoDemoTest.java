package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoDemoTest {

    @Test
    void echoServerUnderLoadEchoesByteExactAndTurnsAwayClientsBeyondItsHandlers() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        EchoDemo.Result r = EchoDemo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8), Duration.ofMillis(500), 40, 30);
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals(30, r.connections(), lines.toString());
        assertEquals(10, r.busy(), lines.toString());
        assertEquals(0, r.mismatches());
        assertTrue(r.messages() >= 30, lines.toString());
        assertTrue(lines.get(0).startsWith("echo server: 30 handlers on 127.0.0.1:"), lines.get(0));
        assertTrue(lines.get(0).contains("(epoll poller"), lines.get(0));
        assertEquals("connections: 30 served, 10 told busy", lines.get(2));
        assertTrue(lines.get(3).matches("messages: \\d+ echoed in 0\\.5 s = \\d+ messages/s, 0 mismatched"), lines.get(3));
        assertTrue(lines.get(4).matches("latency: p50 [\\d.]+ us, p99 [\\d.]+ us"), lines.get(4));
    }
}
