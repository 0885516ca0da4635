package io.jwire.testing;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The shared test harness: runs wires on a fresh scheduler and makes every wire failure fail the
 * test, so an assertion inside a wire body counts. Used by every module's tests (sdk-java's
 * test-jar).
 *
 * <pre>{@code
 * WireTestHarness.run(s -> s.spawn("checker", () -> assertEquals(2, 1 + 1)));
 * }</pre>
 */
public final class WireTestHarness {
    private WireTestHarness() {
    }

    /**
     * Creates a scheduler, lets {@code setup} spawn wires, runs it, closes it, and rethrows the
     * first wire failure (an {@link AssertionError} as it was thrown, anything else wrapped), with
     * later failures suppressed.
     */
    public static void run(Consumer<WireScheduler> setup) {
        try (WireScheduler s = WireScheduler.create()) {
            List<Throwable> failures = watch(s);
            setup.accept(s);
            s.run();
            rethrow(failures);
        }
    }

    /** Like {@link #run}, with {@code body} as the one first wire, named "main". */
    public static void inWire(Runnable body) {
        run(s -> s.spawn("main", body));
    }

    /**
     * Sets an exception handler on {@code s} that collects each wire failure, for tests that run
     * a scheduler themselves; pass the list to {@link #rethrow} after {@code run()}.
     */
    public static List<Throwable> watch(WireScheduler s) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        s.setExceptionHandler((Wire w, Throwable t) -> failures.add(t));
        return failures;
    }

    /** Throws the first of {@code failures}, if any, with the others suppressed. */
    public static void rethrow(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return;
        }
        Throwable first = failures.get(0);
        AssertionError e = first instanceof AssertionError a ? a : new AssertionError("a wire failed: " + first, first);
        failures.stream().skip(1).filter(t -> t != e).forEach(e::addSuppressed);
        throw e;
    }

    /**
     * Runs the wires {@code setup} spawns, for a test whose wires are meant to fail: returns the
     * failures instead of throwing them.
     */
    public static List<Throwable> runExpectingFailures(Consumer<WireScheduler> setup) {
        try (WireScheduler s = WireScheduler.create()) {
            List<Throwable> failures = watch(s);
            setup.accept(s);
            s.run();
            return List.copyOf(failures);
        }
    }
}
