package io.jwire.benchmarks;

import io.jwire.WireScheduler;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * The scheduler that every jwire row runs on, under the switch implementation named by the
 * {@code jwireSwitch} parameter (benchmark 8 of the issue: every jwire row runs under both).
 *
 * <p>JMH forks one JVM per parameter value, and jwire picks its switch once per JVM from
 * {@code -Djwire.switch}, so the trial setup sets that property before the first scheduler is
 * made and then checks that the scheduler really uses the requested switch: a row can never be
 * labelled with a switch it did not run on. (Running in the JMH JVM itself, {@code forks(0)},
 * only works for the first value, and the check says so.)
 *
 * <p>Only jwire rows use this state, so the peers' rows are not multiplied by the parameter.
 */
@State(Scope.Thread)
public class JwireState {
    /** The two switch implementations of sdk-java, as accepted by {@code -Djwire.switch}. */
    @Param({"continuation", "virtual-thread"})
    public String jwireSwitch;

    /** Created once per trial and reused by every invocation: {@code run()} may be called again. */
    public WireScheduler scheduler;

    @Setup(Level.Trial)
    public void setUp() {
        System.setProperty("jwire.switch", jwireSwitch);
        // The core benchmarks measure sdk-java on its portable poller, whatever else is on the class
        // path (sdk-epoll is, for EchoBench, which makes its own epoll scheduler); -Djwire.poller overrides.
        if (System.getProperty("jwire.poller") == null) {
            System.setProperty("jwire.poller", "portable");
        }
        scheduler = WireScheduler.create();
        String actual = scheduler.switchImplementation();
        if (!actual.equals(jwireSwitch)) {
            throw new IllegalStateException("this JVM already runs jwire on the '" + actual + "' switch, so the row '"
                    + jwireSwitch + "' cannot be measured here; run the benchmark in a fork per parameter (forks >= 1)");
        }
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        scheduler.close();
    }
}
