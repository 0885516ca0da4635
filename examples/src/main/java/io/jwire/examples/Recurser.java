package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code recurser}: a wire recurses without bound and overflows its stack. libwire
 * guards each wire's stack with a page and reports the fault with the wire's name; on the JVM the
 * overflow is a {@link StackOverflowError}, which the scheduler catches at the wire's boundary,
 * logs with the wire's name (logger {@code io.jwire}) and passes to its exception handler. Only
 * that wire ends: a "ticker" wire goes on before and after the overflow.
 *
 * <pre>
 * tick 1
 * do recurse
 * wire 'recurser' overflowed its stack at depth 11234 (java.lang.StackOverflowError)
 * tick 2
 * tick 3
 * ticker: still running after the overflow
 * </pre>
 *
 * <p>The depth depends on the stack of the scheduler's thread ({@link WireScheduler#startThread}
 * sets it) and on the JIT.
 */
public final class Recurser {
    private Recurser() {
    }

    /** Runs the program, printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofMillis(100));
            scheduler.run();
        }
    }

    /**
     * Spawns the recursing wire and the ticker (which ticks every {@code tick}) on
     * {@code scheduler}, and sets its exception handler to print which wire failed. Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Duration tick) {
        Recursion recursion = new Recursion();
        scheduler.setExceptionHandler((wire, failure) -> out.println("wire '" + wire.name() + "' overflowed its stack at depth "
                + recursion.deepest + " (" + failure.getClass().getName() + ")"));
        scheduler.spawn("ticker", () -> {
            for (int i = 1; i <= 3; i++) {
                out.println("tick " + i);
                Wire.sleep(tick);
            }
            out.println("ticker: still running after the overflow");
        });
        scheduler.spawn("recurser", () -> {
            out.println("do recurse");
            recursion.recurse(0);    // never returns: nothing is printed while deep in the stack
        });
    }

    /** The recursion, recording how deep it got (printing near the stack's end could overflow inside println). */
    private static final class Recursion {
        int deepest;

        void recurse(int depth) {
            deepest = depth;
            recurse(depth + 1);
        }
    }
}
