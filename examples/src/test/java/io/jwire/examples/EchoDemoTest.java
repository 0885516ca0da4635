package io.jwire.examples;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoDemoTest {

    @Test
    void echoServerUnderLoadEchoesByteExactAndTurnsAwayClientsBeyondItsHandlers() throws Exception {
        Output o = new Output();
        // EchoDemo.run creates its own schedulers (and throws on a wire failure); the log check covers them too
        EchoDemo.Result r = WireTestHarness.failOnLoggedWireFailures(() -> EchoDemo.run(o.out, Duration.ofMillis(500), 40, 30));
        List<String> lines = o.lines();
        assertEquals(30, r.connections(), o.toString());
        assertEquals(10, r.busy(), o.toString());
        assertEquals(0, r.mismatches());
        assertTrue(r.messages() >= 30, o.toString());
        assertTrue(lines.get(0).startsWith("echo server: 30 handlers on 127.0.0.1:"), lines.get(0));
        assertTrue(lines.get(0).contains("(epoll poller") && lines.get(0).endsWith("all on one thread"), lines.get(0));
        assertEquals("connections: 30 served, 10 told busy", lines.get(2));
        assertTrue(lines.get(3).matches("messages: \\d+ echoed in 0\\.5 s = \\d+ messages/s, 0 mismatched"), lines.get(3));
        assertTrue(lines.get(4).matches("latency: p50 [\\d.]+ us, p99 [\\d.]+ us"), lines.get(4));
    }

    @Test
    void theVirtualThreadServerTakesTheSameLoadAndTheExplanationComparesThem() throws Exception {
        Output o = new Output();
        EchoDemo.Result threads = EchoDemo.runVirtualThreads(o.out, Duration.ofMillis(300), 20, 15);
        assertEquals(15, threads.connections(), o.toString());
        assertEquals(5, threads.busy(), o.toString());
        assertEquals(0, threads.mismatches());
        assertTrue(o.lines().get(0).startsWith("virtual-thread echo server: 15 handlers on 127.0.0.1:"), o.toString());

        Output e = new Output();
        EchoDemo.Result jwire = new EchoDemo.Result(15, 5, 30_000, 0, 1.0, 480.0, 900.0);
        EchoDemo.Result vt = new EchoDemo.Result(15, 5, 20_000, 0, 1.0, 700.0, 2000.0);
        EchoDemo.explain(e.out, 20, 15, jwire, vt);
        String text = e.toString();
        assertTrue(text.contains("the server has 15 handlers for 20 clients") && text.contains("Expected: 5."), text);
        assertTrue(text.contains("jwire served 30000/s on ONE thread; the virtual-thread server 20000/s with all cores: 1.50x."), text);
        assertTrue(text.contains("(Little's law: 15 / 30000 per s = 500 us; measured p50 480 us)"), text);
        assertTrue(text.contains("it must be 0 (it was 0 and 0)"), text);
    }
}
