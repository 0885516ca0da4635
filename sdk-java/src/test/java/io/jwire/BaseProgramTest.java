package io.jwire;

import io.jwire.testing.WireTestHarness;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** libwire's "base" test program: two wires interleave through yields, then through sleeps. */
@Timeout(value = 30, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BaseProgramTest {

    @Test
    @Tag("timing") // its order rests on sleeps milliseconds apart; the pitest profile leaves it out
    void twoWiresInterleaveThroughYieldsThenSleeps() {
        List<String> out = new ArrayList<>();
        WireTestHarness.run(s -> {
            s.spawn("wire1", () -> {
                for (int i = 0; i < 3; i++) {
                    out.add("wire1 " + i);
                    Wire.yieldNow();
                }
                Wire.sleep(Duration.ofMillis(20));
                out.add("wire1 slept 20ms");
                Wire.sleep(Duration.ofMillis(40));
                out.add("wire1 slept 40ms more");
            });
            s.spawn("wire2", () -> {
                for (int i = 0; i < 3; i++) {
                    out.add("wire2 " + i);
                    Wire.yieldNow();
                }
                Wire.sleep(Duration.ofMillis(40));
                out.add("wire2 slept 40ms");
            });
        });
        assertEquals(List.of("wire1 0", "wire2 0", "wire1 1", "wire2 1", "wire1 2", "wire2 2",
                "wire1 slept 20ms", "wire2 slept 40ms", "wire1 slept 40ms more"), out);
    }
}
