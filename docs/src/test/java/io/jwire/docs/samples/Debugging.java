package io.jwire.docs.samples;

import io.jwire.Wire;
import io.jwire.WireDeadlockException;
import io.jwire.WireFailedException;
import io.jwire.WireScheduler;
import io.jwire.channels.WireChannel;
import java.time.Duration;
import java.util.List;

/** The guide's "Debugging" page. */
public final class Debugging {
    private Debugging() {
    }

    public static String dump() {
        String[] text = {""};
        // region dump
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> orders = WireChannel.rendezvous("orders");
            scheduler.spawn("order-reader", () -> orders.receiveOrNull());
            scheduler.spawn("inspector", () -> {
                text[0] = scheduler.dump();   // every live wire: name, state, what it waits on, stack
                orders.close();
            });
            scheduler.run();
        }
        // endregion
        return text[0];
    }

    public static String stuck() {
        // region stuck
        try (WireScheduler scheduler = WireScheduler.create()) {
            WireChannel<String> replies = WireChannel.rendezvous("replies");
            scheduler.spawn("client", () -> System.out.println(replies.receive()));  // nobody ever sends
            scheduler.run();
            return "not stuck";
        } catch (WireDeadlockException e) {
            return e.getMessage();   // names wire 'client', says it waits on channel 'replies', shows its stack
        }
        // endregion
    }

    public static void stall() {
        // region stall
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.setStallThreshold(Duration.ofMillis(100));   // or -Djwire.stallThreshold=100ms
            scheduler.spawn("sleepy", () -> {
                try {
                    Thread.sleep(600);    // wrong: blocks the thread, so every other wire waits
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            scheduler.run();              // logs a WARNING (logger io.jwire) naming wire 'sleepy' and its stack
        }
        // endregion
    }

    public static void overflow(List<String> log) {
        // region stack-overflow
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.setExceptionHandler((wire, error) -> log.add(wire.name() + ": " + error.getClass().getSimpleName()));
            Wire deep = scheduler.spawn("recurser", () -> recurse(1));
            scheduler.spawn("watcher", () -> {
                try {
                    deep.join();
                } catch (WireFailedException e) {
                    log.add("joined: " + e.getCause().getClass().getSimpleName());
                }
            });
            scheduler.run();             // the other wires go on after the overflow
        }
        // log: recurser: StackOverflowError, joined: StackOverflowError
        // endregion
    }

    private static int recurse(int n) {
        return n + recurse(n + 1);
    }
}
