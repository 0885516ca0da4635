package io.jwire.epoll;

/**
 * The fd is not open: it was closed through jwire before the call, or while the calling wire
 * waited on it (closing an fd wakes every wire waiting on it with this exception). The message
 * names the fd and the wire.
 */
public final class FdClosedException extends WireIoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the fd and the waiting wire. */
    public FdClosedException(String message) {
        super(message);
    }
}
