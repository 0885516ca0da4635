package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireCancelledException;
import io.jwire.WireScheduler;
import java.io.PrintStream;

/**
 * libwire's {@code cancel}: one wire cancels another. The cancelled wire gets a
 * {@link WireCancelledException} at its next switch-in, so it never reaches its second print; its
 * cleanups run on the way out, the last registered first (libwire's {@code DEFER}; in Java,
 * try-with-resources closes its resources in reverse order, as nested {@code finally} blocks do).
 *
 * <pre>
 * First print
 * Cancelling wire 'to cancel' before its second print
 * Other wire cancelled
 * Cleanup 3 in cancelled wire: release the lock
 * Cleanup 2 in cancelled wire: flush the buffer
 * Cleanup 1 in cancelled wire: close the file
 * Done
 * </pre>
 */
public final class Cancel {
    private Cancel() {
    }

    /** Runs the program, printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out);
            scheduler.run();
        }
    }

    /** Spawns the two wires on {@code scheduler}, printing to {@code out}. Scheduler's thread. */
    public static void start(WireScheduler scheduler, PrintStream out) {
        Wire toCancel = scheduler.spawn("to cancel", () -> {
            out.println("First print");
            try (Deferred a = defer(out, "Cleanup 1 in cancelled wire: close the file");
                 Deferred b = defer(out, "Cleanup 2 in cancelled wire: flush the buffer");
                 Deferred c = defer(out, "Cleanup 3 in cancelled wire: release the lock")) {
                Wire.yieldNow();                        // throws WireCancelledException here
                out.println("Second print (shouldn't happen)");
            }
        });
        scheduler.spawn("canceller", () -> {
            out.println("Cancelling wire '" + toCancel.name() + "' before its second print");
            toCancel.cancel();
            out.println("Other wire cancelled");
            Wire.yieldNow();                            // the cancelled wire unwinds now
            out.println("Done");
        });
    }

    /** A cleanup action for try-with-resources: libwire's {@code DEFER}. */
    @FunctionalInterface
    private interface Deferred extends AutoCloseable {
        @Override
        void close();
    }

    private static Deferred defer(PrintStream out, String cleanup) {
        return () -> out.println(cleanup);
    }
}
