package io.jwire;

/**
 * Thrown when an operation needs a live wire but the wire has ended, such as
 * {@link Wire#resume()} of an ended wire. The message names the wire.
 */
public class WireEndedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the wire and the fix
     */
    public WireEndedException(String message) {
        super(message);
    }
}
