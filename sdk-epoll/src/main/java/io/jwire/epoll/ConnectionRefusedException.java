package io.jwire.epoll;

/**
 * An outcome of its own: nothing listens on the address (or a firewall refused it): {@code connect} failed with {@code ECONNREFUSED}.
 * Retry later or check the address.
 */
public final class ConnectionRefusedException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code call} failing with {@code ECONNREFUSED}. */
    public ConnectionRefusedException(String call) {
        super(call, Errno.ECONNREFUSED);
    }
}
