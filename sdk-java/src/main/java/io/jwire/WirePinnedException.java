package io.jwire;

/**
 * Thrown, with the Continuation switch, when a wire tries to switch out while it is pinned to
 * the scheduler's thread: it holds a monitor ({@code synchronized}) or has a native frame on its
 * stack. The message names the wire and the reason. Release the monitor before waiting, or use
 * {@code WireLock}, which is wire-aware.
 */
public class WirePinnedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the wire and the reason. */
    public WirePinnedException(String message) {
        super(message);
    }
}
