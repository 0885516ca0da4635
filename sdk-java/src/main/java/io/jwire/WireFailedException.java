package io.jwire;

/**
 * A wire ended with an exception (including a {@link StackOverflowError}), and this hands it to
 * whoever takes it over. The {@linkplain #getCause() cause} is that exception, unchanged (a
 * checked exception keeps its type); the message names the wire. Thrown by:
 * <ul>
 *   <li>{@link Wire#join()} and {@link WireTask#join()}, for the joined wire's failure;</li>
 *   <li>{@link WireScope#join()} and {@link WireScope#close()}, for the failures of the scope's
 *       children: the first is the cause, the others are {@linkplain #getSuppressed() suppressed};</li>
 *   <li>{@link WireScheduler#run()}, for failures nobody took over (no join, no scope, no
 *       exception handler), once every wire has ended: the first is the cause, the others are
 *       suppressed.</li>
 * </ul>
 *
 * <pre>{@code
 * try {
 *     task.join();
 * } catch (WireFailedException e) {
 *     if (e.getCause() instanceof IOException io) {
 *         retryLater(io);
 *     } else {
 *         throw e;
 *     }
 * }
 * }</pre>
 */
public class WireFailedException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception for a wire's failure.
     *
     * @param message names the wire that failed
     * @param cause the exception the wire ended with, unchanged; may be null
     */
    public WireFailedException(String message, Throwable cause) {
        super(message, cause);
    }
}
