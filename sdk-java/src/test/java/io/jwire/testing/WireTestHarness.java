package io.jwire.testing;

import io.jwire.Wire;
import io.jwire.WireScheduler;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;
import java.util.logging.Level;
import java.util.logging.LogRecord;

/**
 * The shared test harness: runs wires on a fresh scheduler and makes every wire failure fail the
 * test, so an assertion inside a wire body counts. Used by every module's tests (sdk-java's
 * test-jar, {@code <type>test-jar</type>} in test scope).
 *
 * <pre>{@code
 * WireTestHarness.run(s -> s.spawn("checker", () -> assertEquals(2, 1 + 1)));
 * WireTestHarness.inWire(() -> assertEquals(2, 1 + 1));
 * }</pre>
 *
 * <p>A "failure" is anything the scheduler reports to its exception handler: an exception or
 * error escaping a wire (a pool task's included) or a scheduler task. A cancelled wire that ends
 * with its {@code WireCancelledException} is not a failure.
 *
 * <p>Tests that keep a scheduler across several {@code run()} calls use {@link #watch} once and
 * {@link #rethrow} after each run, or {@link #runChecked} for each run. Tests whose wires are
 * meant to fail use {@link #runExpectingFailures} and assert on what it returns. Tests of a
 * program that creates its own schedulers (an example's {@code main}) use
 * {@link #failOnLoggedWireFailures}.
 */
public final class WireTestHarness {
    private WireTestHarness() {
    }

    /**
     * Creates a scheduler, lets {@code setup} spawn wires, runs it, closes it, and rethrows the
     * first wire failure (an {@link AssertionError} as it was thrown, anything else wrapped), with
     * later failures suppressed. Failures of wires that end during the close (their
     * {@code finally} blocks) count too. When {@code setup} or {@code run()} itself throws, that
     * exception propagates with the wire failures so far attached as suppressed.
     */
    public static void run(Consumer<WireScheduler> setup) {
        WireScheduler s = WireScheduler.create();
        List<Throwable> failures = watch(s);
        try {
            setup.accept(s);
            s.run();
        } catch (RuntimeException | Error e) {
            s.close();
            failures.stream().filter(t -> t != e).forEach(e::addSuppressed);
            throw e;
        }
        s.close();
        rethrow(failures);
    }

    /** Like {@link #run}, with {@code body} as the one first wire, named "main". */
    public static void inWire(Runnable body) {
        run(s -> s.spawn("main", body));
    }

    /**
     * Sets an exception handler on {@code s} that collects each wire failure, for tests that run
     * a scheduler themselves (on another thread, or several times); pass the list to
     * {@link #rethrow} after {@code run()}. Any thread.
     */
    public static List<Throwable> watch(WireScheduler s) {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        s.setExceptionHandler((Wire w, Throwable t) -> failures.add(t));
        return failures;
    }

    /**
     * Throws the first of {@code failures}, if any, with the others suppressed, and empties the
     * list, so that a test running the same scheduler again sees only new failures.
     */
    public static void rethrow(List<Throwable> failures) {
        if (failures.isEmpty()) {
            return;
        }
        List<Throwable> all = List.copyOf(failures);
        failures.clear();
        Throwable first = all.get(0);
        AssertionError e = first instanceof AssertionError a ? a : new AssertionError("a wire failed: " + first, first);
        all.stream().skip(1).filter(t -> t != e).forEach(e::addSuppressed);
        throw e;
    }

    /**
     * Runs {@code s} (which the test created, and closes itself) once and fails on any wire
     * failure during this run: {@link #watch}, {@code run()}, {@link #rethrow}. For tests that
     * run one scheduler several times or inspect it between runs.
     */
    public static void runChecked(WireScheduler s) {
        List<Throwable> failures = watch(s);
        s.run();
        rethrow(failures);
    }

    /**
     * Runs the wires {@code setup} spawns, for a test whose wires are meant to fail: returns the
     * failures (in the order they were reported) instead of throwing them, for the test to
     * assert on.
     */
    public static List<Throwable> runExpectingFailures(Consumer<WireScheduler> setup) {
        List<Throwable> failures;
        try (WireScheduler s = WireScheduler.create()) {
            failures = watch(s);
            setup.accept(s);
            s.run();
        }
        return List.copyOf(failures);
    }

    /**
     * Calls {@code program}, which creates and runs schedulers the test cannot reach (such as an
     * example program), and fails if any scheduler reported a wire failure meanwhile: every
     * failure is logged at {@code ERROR} with its exception through the {@code io.jwire}
     * {@link System.Logger}, which this watches through its default {@code java.util.logging}
     * backend. Returns what {@code program} returned.
     *
     * @throws AssertionError the first failure logged (see {@link #rethrow})
     * @throws Exception what {@code program} threw, with the failures logged so far suppressed
     */
    public static <T> T failOnLoggedWireFailures(Callable<T> program) throws Exception {
        try (LogCapture logged = LogCapture.matching("io.jwire", null,
                r -> r.getLevel().intValue() >= Level.SEVERE.intValue() && r.getThrown() != null).start()) {
            T result;
            try {
                result = program.call();
            } catch (Exception | Error e) {
                thrown(logged).stream().filter(t -> t != e).forEach(e::addSuppressed);
                throw e;
            }
            rethrow(thrown(logged));
            return result;
        }
    }

    private static List<Throwable> thrown(LogCapture logged) {
        return new ArrayList<>(logged.records().stream().map(LogRecord::getThrown).toList()); // rethrow() clears it
    }
}
