package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.sync.WireLock;
import io.jwire.sync.WirePool;
import java.io.PrintStream;
import java.time.Duration;

/**
 * libwire's {@code locks}: eight wires from a {@link WirePool} take one {@link WireLock} in turn;
 * wire {@code n} holds it for {@code n} half-seconds. The lock is fair: it goes to the waiters
 * strictly in the order they asked. A ninth wire, the "lock closer", waits five seconds, then
 * waits with {@link WireLock#awaitClear()} until the lock is free and nobody wants it.
 *
 * <pre>
 * Lock taken from 0
 * Releasing lock from 0
 * Lock released from 0
 * Lock taken from 1
 * ...
 * Trying to close the lock now
 * ...
 * Lock released from 7
 * Lock is clear
 * </pre>
 */
public final class Locks {
    /** How many wires take the lock. */
    public static final int WIRES = 8;

    private Locks() {
    }

    /** Runs the program with libwire's timing (half a second per unit), printing to standard output. */
    public static void main(String[] args) {
        try (WireScheduler scheduler = WireScheduler.create()) {
            start(scheduler, System.out, Duration.ofMillis(500));
            scheduler.run();
        }
    }

    /**
     * Spawns an init wire that starts the closer and the {@value #WIRES} lock wires on a pool of
     * {@code scheduler}; wire {@code n} holds the lock {@code n * unit}, the closer starts after
     * {@code 10 * unit}. Scheduler's thread.
     */
    public static void start(WireScheduler scheduler, PrintStream out, Duration unit) {
        WireLock lock = new WireLock("the lock");
        scheduler.spawn("init", () -> {           // a pool is used from its scheduler's wires
            WirePool pool = new WirePool(scheduler, "lock wires", WIRES + 1);
            pool.tryStart("lock closer", () -> {
                Wire.sleep(unit.multipliedBy(10));
                out.println("Trying to close the lock now");
                lock.awaitClear();       // returns once nobody holds or waits for the lock
                out.println("Lock is clear");
                pool.close();            // no more tasks: let the idle workers end
            });
            for (int i = 0; i < WIRES; i++) {
                int n = i;
                pool.tryStart("lock " + n, () -> {
                    lock.lock();
                    out.println("Lock taken from " + n);
                    Wire.sleep(unit.multipliedBy(n));
                    out.println("Releasing lock from " + n);
                    lock.unlock();       // hands the lock straight to the first waiter
                    out.println("Lock released from " + n);
                });
            }
        });
    }
}
