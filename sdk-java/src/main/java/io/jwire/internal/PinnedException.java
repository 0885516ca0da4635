package io.jwire.internal;

/**
 * Thrown by a switch layer when the running coroutine cannot switch out (a native frame, a
 * monitor, a critical section on its stack); the scheduler layer turns it into its public
 * exception. Not API.
 */
public final class PinnedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception with a message giving the reason (a generator's names the generator;
     * the scheduler layer puts the wire's name in front of a wire's).
     */
    public PinnedException(String message) {
        super(message, null, false, false);
    }
}
