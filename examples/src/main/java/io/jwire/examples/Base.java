package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code base}: two wires, "hello" and "bye", take turns five times through
 * {@link Wire#yieldNow()}, then each sleeps a second five times with {@link Wire#sleep(Duration)}
 * while the other runs. One OS thread runs both; the output interleaves because the scheduler is
 * strictly first in, first out.
 *
 * <pre>
 * hello world!
 * bye world!
 * ... (5 times each)
 * Now slowly in hello
 * Now slowly in bye
 * hello slowly world!       (a second later)
 * bye slowly world!
 * ...
 * </pre>
 */
public final class Base {
    private Base() {
    }

    /** Runs the program with a one-second sleep, printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofSeconds(1));
            scheduler.run();
        }
    }

    /**
     * Spawns the two wires on {@code scheduler}; they print to {@code out} and sleep {@code step}
     * between their slow lines. Call before {@link WireScheduler#run()}, from its thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Duration step) {
        scheduler.spawn("hello", () -> talk(out, "hello", "world!", step));
        scheduler.spawn("bye", () -> talk(out, "bye", "world!", step));
    }

    private static void talk(PrintStream out, String base, String msg, Duration step) {
        for (int i = 0; i < 5; i++) {
            out.println(base + " " + msg);
            Wire.yieldNow();             // the other wire runs now
        }
        out.println("Now slowly in " + base);
        for (int i = 0; i < 5; i++) {
            Wire.sleep(step);            // the other wire runs meanwhile; no OS thread sleeps
            out.println(base + " slowly " + msg);
        }
    }
}
