package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WaitTest {

    @Test
    void aWakeUpBeforeTheResetIsNotCountedAndTheOneAfterItEndsTheSecondWait() {
        Output o = new Output();
        // The consumer's own check fails the test (through the harness) if the second resume woke anyone.
        WireTestHarness.run(s -> Wait.start(s, o.out, Duration.ofMillis(10)));
        assertEquals(List.of(
                "Producer starting",
                "Consumer starting",
                "Wake up producer",
                "We've been woken up",
                "Now wait out the first wait",
                "Wake up producer with no impact",
                "Now reset the wait and wait for it again",
                "Wake up producer last time",
                "Consumer finished",
                "Producer finished"), o.lines());
    }
}
