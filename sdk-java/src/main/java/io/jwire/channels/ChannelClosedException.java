package io.jwire.channels;

/**
 * Thrown by a {@link WireChannel} operation that cannot complete because the channel is closed:
 * a send on a closed channel (the value was not delivered), a sender blocked when the channel
 * closed (its value was not delivered), or a receive once the channel is closed and drained.
 * The message names the channel and the wire.
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
}
