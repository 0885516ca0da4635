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

    /**
     * The provider's name, matched by {@code -Djwire.poller=NAME}.
     *
     * @return a short name, such as {@code portable} or {@code epoll}
     */
    String name();

    /**
     * The provider's rank: higher wins among supported providers.
     *
     * @return the priority; the portable poller has 0
     */
    int priority();

    /**
     * Whether this provider works on this platform and JVM.
     *
     * @return true when it can open pollers here (for example: on Linux, when its native library loads)
     */
    boolean isSupported();

    /**
     * Opens a new poller for one scheduler.
     *
     * @return the new poller, owned by the scheduler that asked for it
     * @throws UnsupportedOperationException when {@link #isSupported()} is false
     */
    WirePoller open();
}
