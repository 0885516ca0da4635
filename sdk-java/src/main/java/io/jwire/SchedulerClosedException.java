package io.jwire;

/**
 * Thrown when work is handed to a {@link WireScheduler} that has been
 * {@linkplain WireScheduler#close() closed}: {@code spawn}, {@code execute}, {@code run}.
 */
public class SchedulerClosedException extends IllegalStateException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the scheduler and the call that was refused
     */
    public SchedulerClosedException(String message) {
        super(message);
    }
}
