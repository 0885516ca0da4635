package io.jwire;

import java.util.concurrent.CancellationException;

/**
 * Thrown inside a wire that was {@linkplain Wire#cancel() cancelled}, once per cancel, at its next switch-in:
 * out of {@link Wire#yieldNow()}, {@link Wire#suspend()}, {@link Wire#sleep(java.time.Duration)},
 * {@link Wire#join()} and every jwire call that waits. Let it propagate so {@code finally} blocks
 * run and the wire ends; a wire that ends with it is not reported as failed.
 *
 * <p>It is delivered once per {@link Wire#cancel()}: after catching it, a wire may still wait
 * (for example to close a connection cleanly in a {@code finally} block); another
 * {@code cancel()} delivers another one. {@link WireScheduler#close()} cancels a live wire up to
 * three times, then reports it as refusing to end.
 *
 * <p>It is a {@link CancellationException}, so Kotlin coroutines and {@code CompletableFuture}
 * treat it as cancellation, not failure. Like every {@code CancellationException} it is also an
 * {@link IllegalStateException}: a {@code catch (IllegalStateException e)} around code that waits
 * catches it too, so rethrow it first ({@code catch (WireCancelledException e) { throw e; }}).
 */
public class WireCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /**
     * Creates the exception.
     *
     * @param message names the cancelled wire
     */
    public WireCancelledException(String message) {
        super(message);
    }
}
