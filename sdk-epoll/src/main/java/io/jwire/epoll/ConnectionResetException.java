package io.jwire.epoll;

/**
 * An outcome of its own: the peer reset the connection ({@code ECONNRESET}), for example by closing it with unread data or with {@code SO_LINGER} 0. Data in flight is lost.
 * Close the socket; it cannot be used again.
 */
public final class ConnectionResetException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code call} failing with {@code ECONNRESET}. */
    public ConnectionResetException(String call) {
        super(call, Errno.ECONNRESET);
    }
}
