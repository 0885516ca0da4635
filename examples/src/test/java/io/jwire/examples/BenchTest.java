package io.jwire.examples;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BenchTest {

    @Test
    void printsYieldsAndPoolSpawnsPerSecondWithTheSwitchInUse() throws Exception {
        Output o = new Output();
        // Bench.run creates its own schedulers: a wire failure there fails the test through the log
        Bench.Result r = WireTestHarness.failOnLoggedWireFailures(() -> Bench.run(o.out, 20_000));
        List<String> lines = o.lines();
        assertEquals(3, lines.size(), o.toString());
        assertEquals("switch: continuation (after a warm-up of 20000 steps of each part, for the JIT)", lines.get(0)); // surefire opens the fast path
        assertTrue(lines.get(1).matches("20000 yields took \\d+\\.\\d{3} s: \\d+ yields/s \\(\\d+ ns per yield\\)"), lines.get(1));
        assertTrue(lines.get(2).matches("20000 pool spawns took \\d+\\.\\d{3} s: \\d+ spawns/s \\(\\d+ ns per spawn\\), pool of 128"),
                lines.get(2));
        assertEquals("continuation", r.switchImplementation());
        assertTrue(r.yieldsPerSecond() > 0 && r.spawnsPerSecond() > 0, r.toString());
    }
}
