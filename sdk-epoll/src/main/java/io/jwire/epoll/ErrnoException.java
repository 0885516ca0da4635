package io.jwire.epoll;

/**
 * A system call failed; {@link #errno()} says why. The message reads like
 * {@code "connect 127.0.0.1:1: ECONNREFUSED (111)"}: the call (and its target), the errno name and
 * number. Errnos that the API promises as distinct outcomes have their own subtypes:
 * {@link ConnectionRefusedException}, {@link ConnectionResetException}, {@link BrokenPipeException}.
 */
public class ErrnoException extends WireIoException {
    private static final long serialVersionUID = 1L;
    private final String call;
    private final int errno;

    /**
     * Creates the exception for {@code call} failing with {@code errno}.
     *
     * @param call the call and its target, such as {@code "connect 127.0.0.1:80"}
     * @param errno the Linux errno value
     */
    public ErrnoException(String call, int errno) {
        super(call + ": " + Errno.name(errno) + " (" + errno + ")");
        this.call = call;
        this.errno = errno;
    }

    /** The system call that failed, with its target when known. */
    public String call() {
        return call;
    }

    /** The Linux errno value. */
    public int errno() {
        return errno;
    }

    /** The symbolic errno name, such as {@code ECONNRESET}, or {@code "errno N"} when unknown. */
    public String errnoName() {
        return Errno.name(errno);
    }
}
