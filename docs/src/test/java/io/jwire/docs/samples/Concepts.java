package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.util.List;

/** The guide's "Concepts" page. */
public final class Concepts {
    private Concepts() {
    }

    /** Three wires that yield: the scheduler runs them strictly in turn. */
    public static void fifo(List<String> log) {
        // region fifo
        try (WireScheduler scheduler = WireScheduler.create()) {
            for (String name : List.of("a", "b", "c")) {
                scheduler.spawn(name, () -> {
                    for (int round = 1; round <= 2; round++) {
                        log.add(Wire.current().name() + round);
                        Wire.yieldNow();      // to the back of the ready queue
                    }
                });
            }
            scheduler.run();
        }
        // log: a1 b1 c1 a2 b2 c2
        // endregion
    }

    /** Which switch layer and poller a scheduler uses. */
    public static String describe() {
        // region switch-layer
        try (WireScheduler scheduler = WireScheduler.create()) {
            return scheduler.switchImplementation()   // "continuation" or "virtual-thread"
                    + " on " + scheduler.pollerName(); // "epoll" with jwire-sdk-epoll on Linux, else "portable"
        }
        // endregion
    }
}
