package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireFailedException;
import io.jwire.WireScheduler;
import io.jwire.channels.WireChannel;
import java.time.Duration;
import java.util.List;

/** The guide's "Structured concurrency and values" page. */
public final class Values {
    private Values() {
    }

    public static void joinChildren(List<String> log) {
        // region join
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("parent", () -> {
                WireChannel<Integer> results = WireChannel.buffered("results", 3);
                List<Wire> children = List.of(1, 2, 3).stream()
                        .map(n -> scheduler.spawn("square-" + n, () -> results.send(n * n)))
                        .toList();
                for (Wire child : children) {
                    child.join();                  // suspends until the child has ended
                }
                results.close();
                int sum = 0;
                for (int r : results) {
                    sum += r;
                }
                log.add("sum " + sum);             // sum 14
            });
            scheduler.run();
        }
        // endregion
    }

    public static void failure(List<String> log) {
        // region failure
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.setExceptionHandler((wire, error) -> log.add("handler: " + wire.name() + " failed"));
            Wire parser = scheduler.spawn("parser", () -> {
                throw new IllegalArgumentException("bad input");
            });
            scheduler.spawn("supervisor", () -> {
                try {
                    parser.join();
                } catch (WireFailedException e) {  // the cause is the wire's exception, unchanged
                    log.add("join: " + e.getCause().getMessage());
                }
            });
            scheduler.run();
        }
        // log: handler: parser failed, join: bad input
        // endregion
    }

    public static void cancel(List<String> log) {
        // region cancel
        try (WireScheduler scheduler = WireScheduler.create()) {
            Wire sleeper = scheduler.spawn("sleeper", () -> {
                try {
                    Wire.sleep(Duration.ofHours(1));
                } finally {
                    log.add("cleaned up");          // finally blocks run: the wire unwinds
                }
            });
            scheduler.spawn("canceller", () -> {
                Wire.sleep(Duration.ofMillis(5));
                sleeper.cancel();                   // WireCancelledException inside "sleeper"
                sleeper.join();                     // ends normally: cancellation is not a failure
                log.add("sleeper is " + sleeper.state());
            });
            scheduler.run();
        }
        // log: cleaned up, sleeper is ENDED
        // endregion
    }
}
