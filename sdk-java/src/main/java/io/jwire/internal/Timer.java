package io.jwire.internal;

/**
 * A node of a {@link TimerHeap}: a deadline and what to do when it passes. Subclasses are
 * reused across arms (a wire's sleep timer is one object for its whole life), so arming
 * allocates nothing. Not API.
 */
public abstract class Timer {
    long deadline;
    long sequence;
    /** Index in the heap's array, or -1 when not armed. */
    int index = -1;

    /** Whether the timer is armed (in a heap and not yet fired). */
    public final boolean isArmed() {
        return index >= 0;
    }

    /** The deadline, in {@link System#nanoTime()} units, of the last arm. */
    public final long deadline() {
        return deadline;
    }

    /** Called on the scheduler's thread once the deadline has passed; the timer is disarmed first. */
    protected abstract void fire();
}
