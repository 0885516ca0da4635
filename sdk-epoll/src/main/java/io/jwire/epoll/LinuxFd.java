package io.jwire.epoll;

import java.io.IOException;

/**
 * The native boundary for fds that are not sockets: every call sequence on epoll, eventfd and
 * timerfd fds, and {@code close}. Each method makes the raw call through {@link Native}, retries
 * {@code EINTR}, answers "would block" as a return value, and turns any other errno into an
 * exception through {@link Errors} (the one place that does). Sockets have {@link LinuxSocket}.
 *
 * <p>Nothing here allocates on the success and would-block paths: targets for messages are passed
 * as objects and only turned into text when a call fails. Not API.
 */
final class LinuxFd {
    /** What {@link #readCounter} returns when the counter is 0, so the read would block. */
    static final long COUNTER_EMPTY = 0;

    private LinuxFd() {
    }

    /** Closes {@code fd}, ignoring errors (Linux releases the fd even when close reports one); a negative fd is skipped. */
    static void closeQuietly(int fd) {
        if (fd >= 0) {
            Native.close(fd);
        }
    }

    /** {@code epoll_create1(EPOLL_CLOEXEC)}: a new epoll fd. */
    static int epollCreate() throws IOException {
        int fd = Native.epoll_create1(Native.EPOLL_CLOEXEC);
        if (fd < 0) {
            throw Errors.newIOException("epoll_create1", Native.errno());
        }
        return fd;
    }

    /**
     * {@code epoll_ctl(epfd, op, fd, event)}; {@code event} is the address of the
     * {@code struct epoll_event} (the caller keeps its memory reachable).
     *
     * @throws IOException for example {@code EBADF} (fd not open), {@code EEXIST}, {@code EPERM} (a regular file)
     */
    static void epollCtl(int epfd, int op, int fd, long event) throws IOException {
        if (Native.epoll_ctl(epfd, op, fd, event) < 0) {
            throw Errors.newIOException("epoll_ctl fd " + fd, Native.errno());
        }
    }

    /**
     * {@code epoll_wait}: the number of events written at address {@code events} (the caller keeps
     * that memory reachable), 0 when a signal interrupted the wait ({@code EINTR}: the caller polls
     * again). errno is read only when the call failed.
     */
    static int epollWait(int epfd, long events, int maxEvents, int timeoutMillis) throws IOException {
        int n = Native.epoll_wait(epfd, events, maxEvents, timeoutMillis);
        if (n < 0) {
            int errno = Native.errno();
            if (errno == Errors.EINTR) {
                return 0;
            }
            throw Errors.newIOException("epoll_wait", errno);
        }
        return n;
    }

    /** A new non-blocking, close-on-exec eventfd with counter 0. */
    static int newEventFd() throws IOException {
        int fd = Native.eventfd(0, Native.EFD_CLOEXEC | Native.EFD_NONBLOCK);
        if (fd < 0) {
            throw Errors.newIOException("eventfd", Native.errno());
        }
        return fd;
    }

    /** A new non-blocking, close-on-exec timerfd on {@code CLOCK_MONOTONIC}. */
    static int newTimerFd() throws IOException {
        int fd = Native.timerfd_create(Native.CLOCK_MONOTONIC, Native.TFD_CLOEXEC | Native.TFD_NONBLOCK);
        if (fd < 0) {
            throw Errors.newIOException("timerfd_create", Native.errno());
        }
        return fd;
    }

    /** {@code timerfd_settime(fd, 0, spec, NULL)}; {@code spec}: interval {sec, nsec}, value {sec, nsec}. */
    static void setTimer(int fd, long[] spec, Object target) throws IOException {
        if (Native.timerfd_settime(fd, 0, spec, null) < 0) {
            throw Errors.newIOException("timerfd_settime " + target, Native.errno());
        }
    }

    /**
     * Reads the 8-byte counter of an eventfd or timerfd into {@code into} and returns it: an
     * unsigned 64-bit value, never 0, negative as a {@code long} when above {@link Long#MAX_VALUE}.
     * Returns {@link #COUNTER_EMPTY} when the counter is 0 (the read would block).
     */
    static long readCounter(int fd, NativeCounter into, Object target) throws IOException {
        for (;;) {
            long n = Native.read(fd, into.address, 8);
            into.keepAlive();
            if (n == 8) {
                return into.get();
            }
            int errno = Native.errno();
            if (errno == Errors.EAGAIN) {
                return COUNTER_EMPTY;
            }
            if (errno != Errors.EINTR) {
                throw Errors.newIOException("read " + target, errno);
            }
        }
    }

    /**
     * Adds the value in {@code value} to an eventfd's counter. Returns false when the counter would
     * pass its maximum ({@code 2^64 - 2}) so the write would block ({@code EAGAIN}); the value was
     * not added.
     */
    static boolean addToCounter(int fd, NativeCounter value, Object target) throws IOException {
        for (;;) {
            long n = Native.write(fd, value.address, 8);
            value.keepAlive();
            if (n == 8) {
                return true;
            }
            int errno = Native.errno();
            if (errno == Errors.EAGAIN) {
                return false;
            }
            if (errno != Errors.EINTR) {
                throw Errors.newIOException("write " + target, errno);
            }
        }
    }
}
