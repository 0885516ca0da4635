package io.jwire;

/**
 * Thrown when a deadline passes before what was waited for happened:
 * {@link WireScope#join()} of a scope opened with a timeout whose deadline passed (its children
 * were cancelled), and {@link WireFutures#await(java.util.concurrent.CompletionStage,
 * java.time.Duration)} when the stage did not complete in time (the stage is left as it is).
 * The message names what timed out and the timeout.
 *
 * <pre>{@code
 * try (WireScope scope = WireScope.open(Duration.ofSeconds(2))) {
 *     scope.fork("slow", () -> slowCall());
 *     scope.join();
 * } catch (WireTimeoutException e) {
 *     System.err.println("gave up: " + e.getMessage());
 * }
 * }</pre>
 */
public class WireTimeoutException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names what timed out
     */
    public WireTimeoutException(String message) {
        super(message);
    }
}
