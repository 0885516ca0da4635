package io.jwire.docs.samples;

import io.jwire.WireScheduler;
import io.jwire.channels.ChannelClosedException;
import io.jwire.channels.WireChannel;
import io.jwire.channels.WireSelect;
import io.jwire.channels.WireSelectBuilder;
import java.time.Duration;
import java.util.List;

/** The guide's "Channels and select" page. */
public final class Channels {
    private Channels() {
    }

    public static void rendezvous(List<String> log) {
        // region rendezvous
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<Integer> numbers = WireChannel.rendezvous("numbers");
            scheduler.spawn("producer", () -> {
                for (int i = 1; i <= 3; i++) {
                    numbers.send(i);              // returns once the consumer took it and ran
                    log.add("sent " + i);
                }
                numbers.close();                  // the consumer's loop ends
            });
            scheduler.spawn("consumer", () -> {
                for (int n : numbers) {           // receive() until closed and drained
                    log.add("got " + n);
                }
            });
            scheduler.run();
        }
        // log: got 1, sent 1, got 2, sent 2, got 3, sent 3
        // endregion
    }

    public static void buffered(List<String> log) {
        // region buffered
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> jobs = WireChannel.buffered("jobs", 2);
            scheduler.spawn("main", () -> {
                log.add("trySend a: " + jobs.trySend("a"));   // true: room in the buffer
                log.add("trySend b: " + jobs.trySend("b"));   // true
                log.add("trySend c: " + jobs.trySend("c"));   // false: full, nothing waits
                log.add("receive: " + jobs.receive());         // a
                log.add("timed: " + jobs.receive(Duration.ofMillis(5)));  // b
                log.add("timed: " + jobs.receive(Duration.ofMillis(5)));  // null: the timeout passed
            });
            scheduler.run();
        }
        // endregion
    }

    public static void closeWithCause(List<String> log) {
        // region close-cause
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> lines = WireChannel.buffered("lines", 4);
            scheduler.spawn("reader", () -> {
                lines.send("first");
                lines.close(new IllegalStateException("disk gone"));   // a failure, not an end
            });
            scheduler.spawn("printer", () -> {
                try {
                    for (String line : lines) {   // drains "first", then throws
                        log.add(line);
                    }
                } catch (ChannelClosedException e) {
                    log.add("reader failed: " + e.getCause().getMessage());
                }
            });
            scheduler.run();
        }
        // log: first, reader failed: disk gone
        // endregion
    }

    public static void typedSelect(List<String> log) {
        // region typed-select
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> orders = WireChannel.rendezvous("orders");
            scheduler.spawn("shop", () -> {
                orders.send("tea");
                orders.close();
            });
            scheduler.spawn("clerk", () -> {
                WireSelectBuilder<String> select = WireSelect.<String>builder()
                        .onReceive(orders, order -> "order " + order)
                        .onClosed(orders, () -> "shop closed")       // closed is an outcome, never a null
                        .onTimeout(Duration.ofMillis(100), () -> "idle");
                log.add(select.await());                            // build once, await as often as needed
                log.add(select.await());
            });
            scheduler.run();
        }
        // log: order tea, shop closed
        // endregion
    }

    public static void select(List<String> log) {
        // region select
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> replies = WireChannel.rendezvous("replies");
            WireChannel<String> errors = WireChannel.rendezvous("errors");
            scheduler.spawn("server", () -> replies.send("pong"));
            scheduler.spawn("client", () -> {
                try (WireSelect select = new WireSelect()) {
                    int reply = select.onReceive(replies);
                    int error = select.onReceive(errors);
                    for (int i = 0; i < 2; i++) {
                        int ready = select.await(Duration.ofMillis(50)); // -1 when the timeout passed
                        if (ready == reply) {
                            log.add("reply " + select.value());
                        } else if (ready == error) {
                            log.add("error " + select.value());
                        } else {
                            log.add("timeout");
                        }
                    }
                }
            });
            scheduler.run();
        }
        // log: reply pong, timeout
        // endregion
    }
}
