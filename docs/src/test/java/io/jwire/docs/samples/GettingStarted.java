package io.jwire.docs.samples;

// region imports
import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.time.Duration;
// endregion

/** The guide's first program. */
public final class GettingStarted {
    private GettingStarted() {
    }

    public static void main(String[] args) {
        // region first-program
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("ping", () -> {
                for (int i = 1; i <= 3; i++) {
                    System.out.println("ping " + i);
                    Wire.yieldNow();                  // let the other wires run
                }
            });
            scheduler.spawn("pong", () -> {
                for (int i = 1; i <= 3; i++) {
                    System.out.println("pong " + i);
                    Wire.sleep(Duration.ofMillis(10)); // other wires run meanwhile
                }
            });
            scheduler.run();                          // returns once every wire has ended
        }
        // endregion
    }
}
