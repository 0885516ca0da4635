package io.jwire;

import io.jwire.internal.Coroutine;

/**
 * A coroutine that runs wires one after another (Go reuses a goroutine's stack the same way). A
 * wire gets a runner the first time it runs and keeps it while it is suspended. When the wire ends,
 * the runner goes on, on the same stack and without a switch, with the next wire of the ready
 * queue when that one is fresh and its turn falls in the same round; otherwise it waits in its
 * scheduler's pool for the next fresh wire. A wire that ends without switching out so costs no
 * coroutine of its own and no switch, and FIFO order and rounds are what they were.
 *
 * <p>Only on a switch whose coroutines share the scheduler's thread: on the virtual-thread switch
 * each wire keeps a runner (a thread) of its own, with its own name and thread-locals. Owner thread.
 */
final class Runner implements Runnable {
    private final WireScheduler scheduler;
    final Coroutine coroutine;
    /** The wire to start when next resumed: set by the scheduler, taken (cleared) by the runner. */
    Wire wire;
    /** Next in the scheduler's pool of idle runners. */
    Runner nextIdle;

    Runner(WireScheduler scheduler, Wire first) {
        this.scheduler = scheduler;
        this.wire = first;
        this.coroutine = scheduler.switchLayer.create(first.name(), this);
    }

    @Override
    public void run() {
        for (;;) {
            runWires();
            if (!scheduler.poolRunner(this)) {
                return; // the pool is full: this coroutine ends
            }
            scheduler.switchLayer.yieldCurrent(coroutine); // resumed with a fresh wire
        }
    }

    /**
     * Runs {@link #wire}, then in place each fresh wire the scheduler hands on. Its own frame, and
     * the field cleared, so that no ended wire stays reachable from an idle runner.
     */
    private void runWires() {
        Wire w = wire;
        wire = null;
        do {
            w.main();
            Thread.interrupted(); // an ended wire's interrupt status ends with it
        } while ((w = scheduler.ranOnRunner(this, w)) != null);
    }
}
