package io.jwire.epoll;

/**
 * An outcome of its own: a write went to a connection whose peer has closed it, or whose output was shut down ({@code EPIPE}). jwire writes with {@code MSG_NOSIGNAL}, so no {@code SIGPIPE} is raised.
 * Close the socket; it cannot be written again.
 */
public final class BrokenPipeException extends ErrnoException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception for {@code call} failing with {@code EPIPE}. */
    public BrokenPipeException(String call) {
        super(call, Errno.EPIPE);
    }
}
