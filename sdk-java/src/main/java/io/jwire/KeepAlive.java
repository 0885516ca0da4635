package io.jwire;

import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

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
 * <p><b>Descriptions.</b> A program whose wires all wait while a keep-alive is open waits too:
 * it cannot be told apart from one that waits for a slow thread, so it is not reported as stuck.
 * A keep-alive opened with {@link WireScheduler#keepAlive(Supplier)} says what it waits for:
 * {@link WireScheduler#dump()} (and any stuck report) prints its description next to the wires,
 * so such a program stays diagnosable. The Kotlin bridges describe their live coroutines this way.
 *
 * <pre>{@code
 * KeepAlive hold = scheduler.keepAlive(() -> "the reply of " + request + " from the HTTP client thread");
 * }</pre>
 *
 * <p>Thread-safe; {@link #close()} is idempotent.
 */
public final class KeepAlive implements AutoCloseable {
    private final WireScheduler scheduler;
    private final AtomicBoolean open = new AtomicBoolean(true);
    /** Says what this keep-alive waits for; null when it was opened without a description. */
    private final Supplier<String> description;

    KeepAlive(WireScheduler scheduler, Supplier<String> description) {
        this.scheduler = scheduler;
        this.description = description;
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
            if (description != null) {
                scheduler.forget(this);
            }
            scheduler.releaseHold();
        }
    }

    /**
     * What this keep-alive waits for: its description's text, or a note when it has none or the
     * description throws. Any thread (the description is asked on the calling thread).
     *
     * @return the description, never null
     */
    public String description() {
        if (description == null) {
            return "(no description; open it with WireScheduler.keepAlive(description) to say what it waits for)";
        }
        try {
            return String.valueOf(description.get());
        } catch (RuntimeException e) {
            return "(its description failed: " + e + ")";
        }
    }

    /**
     * Names the scheduler, whether this keep-alive is open, and its description.
     *
     * @return for example {@code KeepAlive of scheduler-1 (open): the reply from the client thread}
     */
    @Override
    public String toString() {
        return "KeepAlive of " + scheduler + (isOpen() ? " (open): " : " (closed): ") + description();
    }
}
