package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.testing.WireTestHarness;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ChannelTest {

    @Test
    void consumerGetsTheValueAndRunsBeforeTheSenderGoesOn() {
        Output o = new Output();
        WireTestHarness.run(s -> Channel.start(s, o.out));
        assertEquals(List.of("Consumer got 42", "Producer finished"), o.lines());
    }
}
