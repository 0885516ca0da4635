package io.jwire;

/**
 * Thrown by {@link Wire#join()} when the joined wire ended with an exception (including a
 * {@link StackOverflowError}). The {@linkplain #getCause() cause} is that exception, unchanged;
 * the message names the wire.
 */
public class WireFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code wire}'s failure {@code cause}. */
    public WireFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
