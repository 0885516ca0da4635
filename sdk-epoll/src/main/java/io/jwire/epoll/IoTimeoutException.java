package io.jwire.epoll;

/**
 * A wait for an fd gave up because its timeout passed: a {@link WireSocket#connect connect} that
 * did not complete in time (never reported as success: the half-open socket is closed), or a read,
 * write or accept that waited longer than the socket's {@linkplain WireSocket#setTimeout timeout}.
 * After a read, write or accept timeout the socket stays open and usable; the operation may be
 * retried.
 */
public final class IoTimeoutException extends WireIoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception; the message names the operation, the fd and the timeout. */
    public IoTimeoutException(String message) {
        super(message);
    }
}
