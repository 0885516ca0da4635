package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.io.PrintStream;
import java.lang.System.Logger.Level;
import java.util.ArrayList;
import java.util.List;

/**
 * libwire's {@code log_stdout}: sixteen wires log through {@link System.Logger} without blocking
 * the scheduler. The logger is a {@link RingLogger}: each log call puts its line in a small ring
 * and returns (waiting, alone, only when the ring is full), and a logger wire writes the lines
 * through {@link io.jwire.io.WireIo} on a helper thread. A line logged before the scheduler runs
 * is written directly, as libwire does before {@code wire_log_init}.
 *
 * <pre>
 * 2025-01-31 12:00:00.000000001 &lt;INFO&gt; [main] Do not crash on logging before the logger wire runs
 * 2025-01-31 12:00:00.000100000 &lt;INFO&gt; [log 0] Start of wire log 0
 * ...
 * 2025-01-31 12:00:00.000900000 &lt;WARNING&gt; [log 15] End of wire log 15
 * 2025-01-31 12:00:00.001000000 &lt;INFO&gt; [init] 32 lines from 16 wires through a ring of 4: 28 log calls waited for a free slot
 * </pre>
 */
public final class LogStdout {
    /** How many wires log. */
    public static final int WIRES = 16;

    private LogStdout() {
    }

    /** Runs the program with a ring of 4 lines, logging to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, 4);
            scheduler.run();
        }
    }

    /**
     * Starts a {@link RingLogger} of {@code ringSize} lines that writes to {@code out}, and the
     * wires that log through it, on {@code scheduler}; returns the logger. Scheduler's thread,
     * before {@code run()}.
     */
    public static RingLogger start(WireScheduler scheduler, PrintStream out, int ringSize) {
        System.Logger log = RingLogger.start(scheduler, "stdout", out, ringSize);
        log.log(Level.INFO, "Do not crash on logging before the logger wire runs");
        RingLogger logger = (RingLogger) log;
        scheduler.spawn("init", () -> {
            List<Wire> wires = new ArrayList<>();
            for (int i = 0; i < WIRES; i++) {
                String name = "log " + i;
                wires.add(scheduler.spawn(name, () -> {
                    log.log(Level.INFO, "Start of wire {0}", name);
                    Wire.yieldNow();
                    log.log(Level.WARNING, "End of wire {0}", name);
                }));
                Wire.yieldNow();
            }
            for (Wire w : wires) {
                w.join();
            }
            log.log(Level.INFO, "{0} lines from {1} wires through a ring of {2}: {3} log calls waited for a free slot",
                    2 * WIRES, WIRES, ringSize, logger.waits());
            logger.close();                 // the logger wire writes what is left, then ends
        });
        return logger;
    }
}
