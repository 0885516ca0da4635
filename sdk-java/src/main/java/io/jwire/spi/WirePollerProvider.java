package io.jwire.spi;

/**
 * A factory for {@link WirePoller}s, registered in
 * {@code META-INF/services/io.jwire.spi.WirePollerProvider}. A new scheduler uses the supported
 * provider with the highest {@link #priority()}, unless the system property {@code jwire.poller}
 * names one.
 *
 * <p>Implementations must be thread-safe and have a public no-argument constructor.
 */
public interface WirePollerProvider {

    /** A short name, such as {@code portable} or {@code epoll}, matched by {@code -Djwire.poller=NAME}. */
    String name();

    /** Higher wins among supported providers; the portable poller has priority 0. */
    int priority();

    /** Whether this provider works on this platform and JVM (for example: Linux and the native library loads). */
    boolean isSupported();

    /**
     * Opens a new poller for one scheduler.
     *
     * @throws UnsupportedOperationException when {@link #isSupported()} is false
     */
    WirePoller open();
}
