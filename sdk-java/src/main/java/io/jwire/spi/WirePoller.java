package io.jwire.spi;

/**
 * What a {@link io.jwire.WireScheduler} calls when it has no ready wire: wait for an event, a
 * timer deadline or a {@linkplain #wakeup() wake-up}. One poller belongs to one scheduler.
 *
 * <p>sdk-java ships a portable poller (park with a deadline, unpark on wake-up); {@code sdk-epoll}
 * adds an epoll poller that also reports file-descriptor readiness. Implementations are found
 * through {@link WirePollerProvider} and {@link java.util.ServiceLoader}.
 *
 * <p>Threads: {@link #poll(long)}, {@link #pendingWaits()} and {@link #close()} are called only on
 * the scheduler's thread; {@link #wakeup()} may be called from any thread.
 */
public interface WirePoller extends AutoCloseable {

    /**
     * Waits until an event arrives, {@link #wakeup()} is called, or the timeout passes, and
     * dispatches any events on the calling thread (event handlers typically resume wires).
     * May return early for no reason; the scheduler re-checks its state after every call.
     *
     * @param timeoutNanos 0 to check without waiting, a negative value to wait without a deadline
     * @return the number of events dispatched
     */
    int poll(long timeoutNanos);

    /**
     * Makes the {@link #poll(long)} in progress, or the next one, return promptly. A wake-up that
     * arrives before the poll is not lost. Safe from any thread.
     */
    void wakeup();

    /**
     * The number of registered waits that may still deliver an event (for example wires waiting
     * for an fd). While it is above zero the scheduler keeps polling instead of reporting a stuck
     * program.
     *
     * @return how many registered waits may still deliver an event
     */
    int pendingWaits();

    /** Releases the poller's resources. Called once, on the scheduler's thread, when it closes. */
    @Override
    void close();
}
