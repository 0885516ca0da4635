package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.sync.WirePool;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code pool}: an "init" wire starts eight tasks on a {@link WirePool} of four with
 * {@link WirePool#start} (libwire's {@code wire_pool_alloc_block}): the fifth start waits until a
 * task ends and hands its slot over. Task {@code n} sleeps {@code n * 50} ms. After a pause the
 * init wire does it again; this time the pool reuses its four idle workers (the most recently
 * freed first) instead of making new wires.
 *
 * <pre>
 * wire started 0
 * wire started 1
 * wire started 2
 * wire started 3
 * wire done 0
 * wire started 4
 * ...
 * 16 tasks ran on 4 worker wires
 * </pre>
 */
public final class Pool {
    /** Tasks per round. */
    public static final int TASKS = 8;
    /** Pool slots: half the tasks, so starts must wait. */
    public static final int SIZE = TASKS / 2;

    private Pool() {
    }

    /** Runs the program with libwire's timing (50 ms per unit), printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofMillis(50));
            scheduler.run();
        }
    }

    /**
     * Spawns the init wire on {@code scheduler}: task {@code n} sleeps {@code n * unit}, and the
     * pause between the two rounds is {@code 10 * unit}. Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Duration unit) {
        scheduler.spawn("init", () -> {
            try (WirePool pool = new WirePool(scheduler, "pool", SIZE)) {
                startAll(pool, out, unit);
                Wire.sleep(unit.multipliedBy(10));      // every task ends; the workers go idle
                startAll(pool, out, unit);              // now taken from the idle workers
                while (pool.busy() > 0) {
                    Wire.sleep(unit);
                }
                out.println(2 * TASKS + " tasks ran on " + pool.workers() + " worker wires");
            }
        });
    }

    private static void startAll(WirePool pool, PrintStream out, Duration unit) {
        for (int i = 0; i < TASKS; i++) {
            int n = i;
            pool.start("pool " + n, () -> {             // waits while all slots are busy
                out.println("wire started " + n);
                Wire.sleep(unit.multipliedBy(n));
                out.println("wire done " + n);
            });
        }
    }
}
