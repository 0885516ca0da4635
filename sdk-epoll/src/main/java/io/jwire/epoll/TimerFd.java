package io.jwire.epoll;

import io.jwire.NotInWireException;
import io.jwire.Wire;
import io.jwire.WireTimeout;

import java.io.IOException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.Objects;

/**
 * A Linux {@code timerfd} on {@code CLOCK_MONOTONIC} that wires wait on: one-shot or periodic.
 * {@link io.jwire.Wire#sleep} and {@link io.jwire.WireTimeout} need no OS timer; use a TimerFd
 * when the timer itself must be an fd (for example to hand it to native code, or for a periodic
 * tick that counts missed expirations).
 *
 * <pre>{@code
 * try (TimerFd tick = TimerFd.open()) {
 *     tick.arm(Duration.ofMillis(10), Duration.ofMillis(10));
 *     for (int i = 0; i < 5; i++) {
 *         long expirations = tick.await();
 *     }
 * }
 * }</pre>
 *
 * <p>Use on the scheduler's thread. Non-blocking and close-on-exec.
 */
public final class TimerFd implements AutoCloseable {
    private final WireFd fd;
    private final NativeCounter in = new NativeCounter();
    private final long[] spec = new long[4];

    private TimerFd(WireFd fd) {
        this.fd = fd;
    }

    /**
     * Opens a disarmed timer on the calling scheduler's epoll poller.
     *
     * @return the open TimerFd; close it when done
     * @throws IOException when the kernel refuses a new timerfd (for example {@code EMFILE}: out of fds)
     * @throws IllegalStateException when the calling scheduler does not use the epoll poller
     * @throws io.jwire.NotInWireException when not on a scheduler's thread
     */
    public static TimerFd open() throws IOException {
        EpollPoller.current("TimerFd.open()");
        return new TimerFd(WireFd.adopt(LinuxFd.newTimerFd(), "timerfd"));
    }

    /**
     * Arms the timer to expire after {@code initial}, then every {@code interval} (zero: once).
     * Re-arming replaces the previous setting.
     *
     * @param initial how long until the first expiry; positive
     * @param interval the period after that; zero for a single expiry
     * @throws IllegalArgumentException when {@code initial} is not positive or {@code interval} is negative
     * @throws ClosedChannelException when closed
     * @throws IOException when {@code timerfd_settime} fails
     */
    public void arm(Duration initial, Duration interval) throws IOException {
        Objects.requireNonNull(initial, "initial");
        Objects.requireNonNull(interval, "interval");
        if (initial.isNegative() || initial.isZero() || interval.isNegative()) {
            throw Misuse.badArgument("TimerFd.arm(" + initial + ", " + interval + ") on " + fd,
                    "initial must be positive and interval not negative (zero: once); use disarm() to stop it");
        }
        set(initial, interval);
    }

    /**
     * Stops the timer; pending expirations already counted stay readable.
     *
     * @throws ClosedChannelException when closed
     * @throws IOException when {@code timerfd_settime} fails
     */
    public void disarm() throws IOException {
        set(Duration.ZERO, Duration.ZERO);
    }

    private void set(Duration initial, Duration interval) throws IOException {
        fd.ensureOpen("TimerFd.arm");
        spec[0] = interval.getSeconds();
        spec[1] = interval.getNano();
        spec[2] = initial.getSeconds();
        spec[3] = initial.getNano();
        LinuxFd.setTimer(fd.fd, spec, fd);
    }

    /**
     * Suspends the calling wire until the timer has expired at least once since the last call,
     * and returns how many times it expired.
     *
     * @return the number of expiries since the last call, positive
     * @throws ClosedChannelException when closed before the wait, or
     *         {@link AsynchronousCloseException} when closed during the wait
     * @throws IOException when reading the expirations fails
     */
    public long await() throws IOException {
        return fd.awaitCounter(in, null, "TimerFd.await()");
    }

    /**
     * The registered fd.
     *
     * @return the fd, for chaining its {@linkplain WireFd#readableWait() readable wait} into a wait list
     */
    public WireFd fd() {
        return fd;
    }

    /** Closes the timer; a wire waiting in {@link #await()} gets {@link AsynchronousCloseException}. Idempotent. */
    @Override
    public void close() {
        fd.close();
    }

    /**
     * Describes the timer for dumps and messages.
     *
     * @return {@code TimerFd[fd ...]}
     */
    @Override
    public String toString() {
        return "TimerFd[" + fd + "]";
    }
}
