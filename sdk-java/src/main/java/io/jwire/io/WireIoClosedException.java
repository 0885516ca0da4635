package io.jwire.io;

/**
 * Thrown by a {@link WireIo} call when its pool is {@linkplain WireIo#close() closed}: the call was
 * made after the close, or it was still waiting in the pool's queue when the pool closed (it never
 * ran). The message names the wire, the call and the pool. The fix is to close a pool only once
 * no wire uses it any more, or to use another pool such as {@link WireIo#shared()}.
 */
public class WireIoClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the wire, the call and the pool
     */
    public WireIoClosedException(String message) {
        super(message);
    }
}
