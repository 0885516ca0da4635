package io.jwire;

import java.util.concurrent.atomic.AtomicBoolean;

/**
 * A promise to a {@link WireScheduler} that a wake-up may still come from outside its wires,
 * from another thread or a callback. While any keep-alive is open, {@link WireScheduler#run()}
 * waits instead of returning (when no wire is left) or reporting a stuck program (when every
 * wire is suspended). Get one from {@link WireScheduler#keepAlive()}; close it when done.
 *
 * <pre>{@code
 * KeepAlive hold = scheduler.keepAlive();
 * worker.submit(() -> {
 *     try (hold) {
 *         result = compute();
 *         waiter.resume();        // safe from any thread
 *     }
 * });
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class KeepAlive implements AutoCloseable {
    private final WireScheduler scheduler;
    private final AtomicBoolean open = new AtomicBoolean(true);

    KeepAlive(WireScheduler scheduler) {
        this.scheduler = scheduler;
    }

    /**
     * Whether this keep-alive is still open. Any thread.
     *
     * @return true until {@link #close()} has been called
     */
    public boolean isOpen() {
        return open.get();
    }

    /** Releases the promise; the first call counts, later calls do nothing. Any thread. */
    @Override
    public void close() {
        if (open.compareAndSet(true, false)) {
            scheduler.releaseHold();
        }
    }
}
