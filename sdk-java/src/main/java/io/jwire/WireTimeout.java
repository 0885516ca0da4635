package io.jwire;

import io.jwire.internal.Checks;
import io.jwire.internal.Timer;
import java.time.Duration;
import java.util.Objects;

/**
 * A timer that triggers a {@link WireWait} when it expires (libwire {@code wire_timeout}), so a
 * timeout can be one member of a {@link WireWaitList}. It uses the scheduler's timer heap: no OS
 * timer per timeout. Close it (or {@link #cancel()} it) when it is no longer needed.
 *
 * <pre>{@code
 * try (WireTimeout timeout = WireTimeout.after(Duration.ofMillis(200))) {
 *     list.chain(timeout.asWait());
 *     ...
 * }
 * }</pre>
 *
 * <p>Created and used on the scheduler's thread (inside a wire or a scheduler task); not
 * thread-safe.
 */
public final class WireTimeout implements AutoCloseable {
    private final WireScheduler scheduler;
    private final WireWait wait = new WireWait("timeout");
    private final Expiry timer = new Expiry();

    /**
     * Creates an unarmed timeout on the calling thread's scheduler.
     *
     * @throws NotInWireException when not called on a scheduler's thread
     */
    public WireTimeout() {
        this.scheduler = WireScheduler.current();
    }

    /**
     * Creates a timeout armed to expire after {@code duration}.
     *
     * @param duration how long from now until it expires; zero or more
     * @return the armed timeout, bound to the calling thread's scheduler
     * @throws IllegalArgumentException when {@code duration} is negative
     * @throws NotInWireException when not called on a scheduler's thread
     */
    public static WireTimeout after(Duration duration) {
        WireTimeout t = new WireTimeout();
        t.arm(duration);
        return t;
    }

    /**
     * (Re-)arms the timeout to expire {@code duration} from now, and resets its wait. A zero
     * duration expires at the scheduler's next turn.
     *
     * @param duration how long from now until it expires; zero or more
     * @return this timeout
     * @throws IllegalArgumentException when {@code duration} is negative
     */
    public WireTimeout arm(Duration duration) {
        long deadline = Checks.deadlineAfter(duration, "WireTimeout.arm(Duration)");
        wait.reset();
        scheduler.timers.add(timer, deadline);
        return this;
    }

    /**
     * The wait this timeout triggers when it expires.
     *
     * @return the wait to chain into a {@link WireWaitList}
     */
    public WireWait asWait() {
        return wait;
    }

    /**
     * Whether the timeout has expired since it was last armed.
     *
     * @return true once its deadline has passed
     */
    public boolean isExpired() {
        return wait.isTriggered();
    }

    /**
     * Whether the timeout is armed and has not yet expired.
     *
     * @return true while it is waiting for its deadline
     */
    public boolean isArmed() {
        return timer.isArmed();
    }

    /** Disarms the timeout; it will not expire. Its wait keeps a trigger that already happened. */
    public void cancel() {
        scheduler.timers.remove(timer);
    }

    /** Same as {@link #cancel()}. */
    @Override
    public void close() {
        cancel();
    }

    /**
     * Describes the timeout for dumps and messages.
     *
     * @return {@code timeout} with the milliseconds left, or {@code (expired)} or {@code (unarmed)}
     */
    @Override
    public String toString() {
        return "timeout" + (isArmed() ? " (" + Math.max(0, (timer.deadline() - System.nanoTime()) / 1_000_000) + " ms left)"
                : isExpired() ? " (expired)" : " (unarmed)");
    }

    private final class Expiry extends Timer {
        @Override
        protected void fire() {
            wait.resume();
        }
    }
}
