package io.jwire;

import java.util.concurrent.CancellationException;

/**
 * Thrown inside a wire that was {@linkplain Wire#cancel() cancelled}, once, at its next switch-in:
 * out of {@link Wire#yieldNow()}, {@link Wire#suspend()}, {@link Wire#sleep(java.time.Duration)},
 * {@link Wire#join()} and every jwire call that waits. Let it propagate so {@code finally} blocks
 * run and the wire ends; a wire that ends with it is not reported as failed.
 *
 * <p>It is delivered once: after catching it, a wire may still wait (for example to close a
 * connection cleanly in a {@code finally} block).
 */
public class WireCancelledException extends CancellationException {
    private static final long serialVersionUID = 1L;

    /** Creates the exception with a message naming the cancelled wire. */
    public WireCancelledException(String message) {
        super(message);
    }
}
