package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitersTest {

    @Test
    void masterGetsEachReplyInTurnAndClosingTheRequestsEndsTheIoWire() {
        Output o = new Output();
        WireTestHarness.run(s -> Waiters.start(s, o.out, Duration.ofMillis(5)));
        assertEquals(List.of("Got 1", "Got 0", "Got -1", "io: no more requests"), o.lines());
    }
}
