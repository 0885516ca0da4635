package io.jwire.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.testing.WireTestHarness;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BaseTest {

    @Test
    void wiresAlternateOnYieldsThenSleepSideBySide() {
        Output o = new Output();
        WireTestHarness.run(s -> Base.start(s, o.out, Duration.ofMillis(5)));
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
}
