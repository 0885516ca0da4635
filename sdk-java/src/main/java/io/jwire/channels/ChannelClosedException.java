package io.jwire.channels;

/**
 * Thrown by a {@link WireChannel} operation that cannot complete because the channel is closed:
 * a send on a closed channel (the value was not delivered), a sender blocked when the channel
 * closed (its value was not delivered), or a receive once the channel is closed and drained.
 * The message names the channel and the wire. When the channel was closed with a cause
 * ({@link WireChannel#close(Throwable)}: a producer that failed), {@link #getCause()} is that
 * cause, the same instance for every receiver and sender that learns of the close.
 *
 * <pre>{@code
 * try {
 *     handle(results.receive());
 * } catch (ChannelClosedException e) {
 *     if (e.getCause() != null) {
 *         log("the producer failed", e.getCause());   // closed with close(cause)
 *     }
 * }
 * }</pre>
 */
public class ChannelClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the channel and the wire
     */
    public ChannelClosedException(String message) {
        super(message);
    }

    /**
     * Creates the exception for a channel closed with a cause.
     *
     * @param message names the channel and the wire
     * @param cause what the channel was closed with ({@link WireChannel#closeCause()}); may be null
     */
    public ChannelClosedException(String message, Throwable cause) {
        super(message, cause);
    }
}
