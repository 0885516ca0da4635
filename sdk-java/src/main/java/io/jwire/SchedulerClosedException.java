package io.jwire;

/**
 * Thrown when work is handed to a {@link WireScheduler} that has been
 * {@linkplain WireScheduler#close() closed}: {@code spawn}, {@code execute}, {@code run}.
 */
public class SchedulerClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the scheduler. */
    public SchedulerClosedException(String message) {
        super(message);
    }
}
