package io.jwire.examples;

import io.jwire.WireScheduler;
import io.jwire.channels.WireChannel;
import java.io.PrintStream;

/**
 * libwire's {@code channel}: a producer wire sends 42 over a rendezvous {@link WireChannel}; a
 * consumer wire receives it. The send returns only once the consumer took the value and ran, so
 * the consumer's line comes first:
 *
 * <pre>
 * Consumer got 42
 * Producer finished
 * </pre>
 */
public final class Channel {
    private Channel() {
    }

    /** Runs the program, printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out);
            scheduler.run();
        }
    }

    /** Spawns the producer and the consumer on {@code scheduler}, printing to {@code out}. Scheduler's thread. */
    public static void start(WireScheduler scheduler, PrintStream out) {
        WireChannel<Integer> channel = WireChannel.rendezvous("numbers");
        scheduler.spawn("producer", () -> {
            channel.send(42);            // waits until the consumer has taken it
            out.println("Producer finished");
        });
        scheduler.spawn("consumer", () -> {
            int value = channel.receive();
            out.println("Consumer got " + value);
        });
    }
}
