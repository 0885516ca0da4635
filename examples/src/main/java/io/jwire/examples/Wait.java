package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.WireWait;
import io.jwire.WireWaitList;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code wait}: a {@link WireWait} is a wake-up flag. The producer chains one into a
 * {@link WireWaitList} and waits; the consumer wakes it. A second wake-up while the flag is still
 * set has no effect (it is not counted); after {@link WireWait#reset()} the producer can wait
 * again, and the third wake-up ends that wait.
 *
 * <pre>
 * Producer starting
 * Consumer starting
 * Wake up producer
 * We've been woken up
 * Now wait out the first wait
 * Wake up producer with no impact
 * Now reset the wait and wait for it again
 * Wake up producer last time
 * Consumer finished
 * Producer finished
 * </pre>
 */
public final class Wait {
    private Wait() {
    }

    /** Runs the program with libwire's timing (50 ms per unit), printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofMillis(50));
            scheduler.run();
        }
    }

    /**
     * Spawns the producer on {@code scheduler}; it spawns the consumer. The consumer wakes the
     * producer at once, after {@code unit} and after {@code 6 * unit}; the producer resets its wait
     * after {@code 2 * unit}. Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Duration unit) {
        scheduler.spawn("producer", () -> {
            WireWait wait = new WireWait("wake-up");
            WireWaitList list = new WireWaitList();
            list.chain(wait);
            out.println("Producer starting");
            scheduler.spawn("consumer", () -> consume(out, wait, unit));

            list.await();                       // until the consumer's first resume
            out.println("We've been woken up");
            out.println("Now wait out the first wait");
            Wire.sleep(unit.multipliedBy(2));

            out.println("Now reset the wait and wait for it again");
            wait.reset();
            list.await();
            list.unchain(wait);
            out.println("Producer finished");
        });
    }

    private static void consume(PrintStream out, WireWait wait, Duration unit) {
        out.println("Consumer starting");
        out.println("Wake up producer");
        wait.resume();

        Wire.sleep(unit);
        out.println("Wake up producer with no impact");
        boolean woke = wait.resume();           // still triggered: nothing to wake
        if (woke) {
            throw new IllegalStateException("a second resume of a triggered wait woke a wire");
        }

        Wire.sleep(unit.multipliedBy(5));
        out.println("Wake up producer last time");
        wait.resume();
        out.println("Consumer finished");
    }
}
