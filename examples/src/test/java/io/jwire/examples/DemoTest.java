package io.jwire.examples;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class DemoTest {

    @Test
    void demoInterleavesSleepsAndTakesACrossThreadResume() throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        // Demo.run creates its own scheduler: a wire failure there fails the test through the log
        WireTestHarness.failOnLoggedWireFailures(() -> {
            Demo.run(new PrintStream(bytes, true, StandardCharsets.UTF_8));
            return null;
        });
        List<String> lines = bytes.toString(StandardCharsets.UTF_8).lines().toList();
        assertEquals("jwire demo: switch implementation = continuation", lines.get(0));
        assertEquals(List.of("ping 1", "pong 1", "waiter suspends until another thread resumes it",
                "ping 2", "pong 2", "ping 3", "pong 3"), lines.subList(1, 8));
        assertTrue(lines.get(8).startsWith("sleeper woke after "), lines.toString());
        assertEquals("helper thread resumes the waiter", lines.get(9));
        assertTrue(lines.get(10).startsWith("waiter resumed on scheduler thread"), lines.toString());
        assertEquals("all wires ended", lines.get(11));
    }
}
