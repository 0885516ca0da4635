package io.jwire.epoll;

/**
 * The base of every I/O failure that sdk-epoll reports: a system call that failed (see
 * {@link ErrnoException} and its subtypes), a timeout ({@link IoTimeoutException}), an fd closed
 * under a waiting wire ({@link FdClosedException}), or a stream that ended early
 * ({@link EndOfStreamException}).
 *
 * <p>Unchecked, like the rest of jwire's exceptions, so wire bodies stay plain {@link Runnable}s.
 * Catch the subtype for the outcome you handle:
 *
 * <pre>{@code
 * try {
 *     socket.writeAll(buffer);
 * } catch (BrokenPipeException | ConnectionResetException e) {
 *     // the peer went away
 * }
 * }</pre>
 */
public class WireIoException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** Creates an exception with a message that names the fd or call and says what happened. */
    public WireIoException(String message) {
        super(message);
    }

    /** Creates an exception with a message and a cause. */
    public WireIoException(String message, Throwable cause) {
        super(message, cause);
    }
}
