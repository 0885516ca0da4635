package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.channels.WireChannel;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code waiters}: request and reply over channels. A "master" wire sends a fresh reply
 * channel to an "io" wire and waits for the answer; the io wire takes a second per request (a
 * {@link Wire#sleep(Duration) sleep} standing in for slow I/O) and answers 1, 0, -1. The master
 * stops after a negative answer and closes the request channel, which ends the io wire (libwire's
 * io wire loops forever; jwire's {@code run()} would report it as stuck).
 *
 * <pre>
 * Got 1
 * Got 0
 * Got -1
 * io: no more requests
 * </pre>
 */
public final class Waiters {
    private Waiters() {
    }

    /** Runs the program with one-second replies, printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofSeconds(1));
            scheduler.run();
        }
    }

    /** Spawns the master and io wires on {@code scheduler}; the io wire takes {@code delay} per reply. */
    public static void start(WireScheduler scheduler, PrintStream out, Duration delay) {
        WireChannel<WireChannel<Integer>> requests = WireChannel.rendezvous("io requests");
        scheduler.spawn("master", () -> {
            int value = 0;
            while (value >= 0) {
                WireChannel<Integer> reply = WireChannel.rendezvous("reply");
                requests.send(reply);
                value = reply.receive();
                out.println("Got " + value);
            }
            requests.close();
        });
        scheduler.spawn("io", () -> {
            int value = 1;
            for (WireChannel<Integer> reply : requests) {   // ends once the channel is closed
                Wire.sleep(delay);
                reply.send(value--);
            }
            out.println("io: no more requests");
        });
    }
}
