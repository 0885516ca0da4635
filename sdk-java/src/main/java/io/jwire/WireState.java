package io.jwire;

/**
 * The life cycle of a {@link Wire}, as {@link Wire#state()} reports it: READY, RUNNING and
 * SUSPENDED any number of times, then ENDED once.
 */
public enum WireState {
    /** In the ready queue, waiting for its turn (a new wire starts here). */
    READY,
    /** Running now; at most one wire per scheduler is. */
    RUNNING,
    /** Suspended until something resumes it: a wait, a sleep, a join, or {@link Wire#resume()}. */
    SUSPENDED,
    /** Its body returned or threw; it will never run again. */
    ENDED
}
