package io.jwire.epoll;

import java.io.IOException;

/**
 * The native boundary for TCP sockets (Netty's {@code LinuxSocket}): every socket call sequence,
 * from creation and options through connect, finish-connect, accept, read and write to
 * {@code getsockname}. Each method makes the raw calls through {@link Native}, retries
 * {@code EINTR}, answers the non-blocking outcomes as return values ("would block",
 * "in progress"), and turns any other errno into an exception through {@link Errors} (the one
 * place that does). {@link WireSocket} and {@link WireServerSocket} are wait loops over these
 * methods and the readiness of a {@link WireFd}; they never look at an errno.
 *
 * <p>Every fd this class creates is non-blocking and close-on-exec. {@link #read} and
 * {@link #send} take the native address of the bytes (see {@link Native}): the caller resolves it
 * ({@link DirectAddress}), keeps the buffer reachable across the call, and moves the buffer's
 * position by the result. errno is read only after a call failed. {@link #read}, {@link #send}
 * and {@link #accept} allocate nothing on the success and would-block paths (a target for
 * messages is passed as an object and only turned into text when a call fails). Not API.
 */
final class LinuxSocket {
    /** What {@link #read}, {@link #send} and {@link #accept} return when the call would block ({@code EAGAIN}). */
    static final int WOULD_BLOCK = -1;

    private LinuxSocket() {
    }

    /** A new non-blocking, close-on-exec TCP socket for {@code sockaddr}'s address family. */
    static int newStream(byte[] sockaddr, String where) throws IOException {
        int fd = Native.socket(SockAddr.family(sockaddr), Native.SOCK_STREAM | Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC, 0);
        if (fd < 0) {
            throw Errors.newIOException("socket for " + where, Native.errno());
        }
        return fd;
    }

    /**
     * A listening socket bound to {@code sockaddr}: creation, {@code SO_REUSEADDR} (and
     * {@code SO_REUSEPORT} on request), {@code bind}, {@code listen}. The fd is closed again when
     * a step fails.
     *
     * @throws java.net.BindException when the address is in use or not local ({@code EADDRINUSE}, {@code EADDRNOTAVAIL})
     */
    static int listen(byte[] sockaddr, int backlog, boolean reusePort, String where) throws IOException {
        int fd = newStream(sockaddr, where);
        try {
            setIntOption(fd, Native.SOL_SOCKET, Native.SO_REUSEADDR, 1, "SO_REUSEADDR", where);
            if (reusePort) {
                setIntOption(fd, Native.SOL_SOCKET, Native.SO_REUSEPORT, 1, "SO_REUSEPORT", where);
            }
            if (Native.bind(fd, sockaddr, sockaddr.length) < 0) {
                throw Errors.newIOException("bind " + where, Native.errno());
            }
            if (Native.listen(fd, backlog) < 0) {
                throw Errors.newIOException("listen " + where, Native.errno());
            }
            return fd;
        } catch (IOException | RuntimeException | Error e) {
            LinuxFd.closeQuietly(fd);
            throw e;
        }
    }

    /**
     * Starts connecting {@code fd} to {@code sockaddr}: true when connected at once, false when
     * the handshake is in progress ({@code EINPROGRESS}, or {@code EINTR}: wait for writability,
     * then {@link #finishConnect}).
     *
     * @throws java.net.ConnectException when the connection failed at once (for example {@code ECONNREFUSED})
     */
    static boolean connect(int fd, byte[] sockaddr, String peer) throws IOException {
        if (Native.connect(fd, sockaddr, sockaddr.length) == 0) {
            return true;
        }
        int errno = Native.errno();
        // EINTR: the handshake goes on in the background, as with EINPROGRESS
        if (errno == Errors.EINPROGRESS || errno == Errors.EINTR) {
            return false;
        }
        throw Errors.newConnectException("connect " + peer, errno);
    }

    /**
     * Checks a connect in progress once its fd reported writable: reads {@code SO_ERROR} and asks
     * {@code getpeername}. Returns true when connected, false when the handshake is still in
     * progress (a wake-up without a result).
     *
     * @param hungUp whether the fd reported a hang-up: then "not connected yet" is final and fails
     * @throws java.net.ConnectException when the handshake failed (for example {@code ECONNREFUSED}, {@code ETIMEDOUT})
     */
    static boolean finishConnect(int fd, boolean hungUp, String peer) throws IOException {
        int err = intOption(fd, Native.SOL_SOCKET, Native.SO_ERROR, "SO_ERROR", peer);
        if (err != 0) {
            throw Errors.newConnectException("connect " + peer, err);
        }
        byte[] name = new byte[SockAddr.MAX_LEN];
        if (Native.getpeername(fd, name, new int[] {name.length}) == 0) {
            return true;
        }
        int errno = Native.errno();
        if (errno == Errors.ENOTCONN && !hungUp) {
            return false;
        }
        throw Errors.newConnectException("connect " + peer, errno); // not connected, and it never will be
    }

    /**
     * Takes the next connection from the accept queue of listening {@code fd}: the new
     * connection's fd (non-blocking, close-on-exec), with the peer's address in {@code peerName},
     * or {@link #WOULD_BLOCK} when the queue is empty. A connection that was aborted while queued
     * ({@code ECONNABORTED}) is skipped.
     *
     * @throws IOException when accept fails (for example {@code EMFILE}: out of fds)
     */
    static int accept(int fd, byte[] peerName, int[] peerLen, Object target) throws IOException {
        for (;;) {
            peerLen[0] = peerName.length;
            int c = Native.accept4(fd, peerName, peerLen, Native.SOCK_NONBLOCK | Native.SOCK_CLOEXEC);
            if (c >= 0) {
                return c;
            }
            int errno = Native.errno();
            if (errno == Errors.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errors.EINTR && errno != Errors.ECONNABORTED) {
                throw Errors.newIOException("accept4 " + target, errno);
            }
        }
    }

    /**
     * Reads up to {@code len} bytes to native address {@code dst}: the bytes read, 0 at end of
     * stream, or {@link #WOULD_BLOCK}.
     *
     * @throws java.net.SocketException when the peer reset the connection ({@code ECONNRESET})
     */
    static int read(int fd, long dst, int len, Object target) throws IOException {
        for (;;) {
            long n = Native.read(fd, dst, len);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.errno();
            if (errno == Errors.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errors.EINTR) {
                throw Errors.newIOException("read " + target, errno);
            }
        }
    }

    /**
     * Sends up to {@code len} bytes from native address {@code src} with {@code MSG_NOSIGNAL}, so
     * a closed peer never raises {@code SIGPIPE}: the bytes sent, or {@link #WOULD_BLOCK} when the
     * send buffer is full.
     *
     * @throws java.net.SocketException when the peer closed or reset the connection, or output
     *         was shut down ({@code EPIPE}, {@code ECONNRESET})
     */
    static int send(int fd, long src, int len, Object target) throws IOException {
        for (;;) {
            long n = Native.send(fd, src, len, Native.MSG_NOSIGNAL);
            if (n >= 0) {
                return (int) n;
            }
            int errno = Native.errno();
            if (errno == Errors.EAGAIN) {
                return WOULD_BLOCK;
            }
            if (errno != Errors.EINTR) {
                throw Errors.newIOException("write " + target, errno);
            }
        }
    }

    /** {@code shutdown(fd, SHUT_WR)}: sends a FIN; later writes fail with {@code EPIPE}. */
    static void shutdownOutput(int fd, Object target) throws IOException {
        if (Native.shutdown(fd, Native.SHUT_WR) < 0) {
            throw Errors.newIOException("shutdown(SHUT_WR) " + target, Native.errno());
        }
    }

    /** {@code getsockname}: the local address as sockaddr bytes. */
    static byte[] localAddress(int fd, Object target) throws IOException {
        byte[] name = new byte[SockAddr.MAX_LEN];
        if (Native.getsockname(fd, name, new int[] {name.length}) < 0) {
            throw Errors.newIOException("getsockname " + target, Native.errno());
        }
        return name;
    }

    /** Sets or clears {@code TCP_NODELAY}. */
    static void setNoDelay(int fd, boolean on, Object target) throws IOException {
        setIntOption(fd, Native.IPPROTO_TCP, Native.TCP_NODELAY, on ? 1 : 0, "TCP_NODELAY", target);
    }

    /** Whether {@code TCP_NODELAY} is set. */
    static boolean noDelay(int fd, Object target) throws IOException {
        return intOption(fd, Native.IPPROTO_TCP, Native.TCP_NODELAY, "TCP_NODELAY", target) != 0;
    }

    /** Sets an int socket option; {@code name} (such as {@code "TCP_NODELAY"}) is for the message. */
    private static void setIntOption(int fd, int level, int option, int value, String name, Object target) throws IOException {
        if (Native.setsockopt(fd, level, option, new int[] {value}, 4) < 0) {
            throw Errors.newIOException("setsockopt(" + name + ") " + target, Native.errno());
        }
    }

    /** Reads an int socket option; {@code name} is for the message. */
    private static int intOption(int fd, int level, int option, String name, Object target) throws IOException {
        int[] value = new int[1];
        if (Native.getsockopt(fd, level, option, value, new int[] {4}) < 0) {
            throw Errors.newIOException("getsockopt(" + name + ") " + target, Native.errno());
        }
        return value[0];
    }

    /** Sets {@code SO_LINGER}: on with {@code seconds} when it is 0 or more, off when negative. */
    static void setLinger(int fd, int seconds, Object target) throws IOException {
        int[] linger = {seconds >= 0 ? 1 : 0, Math.max(0, seconds)};
        if (Native.setsockopt(fd, Native.SOL_SOCKET, Native.SO_LINGER, linger, 8) < 0) {
            throw Errors.newIOException("setsockopt(SO_LINGER) " + target, Native.errno());
        }
    }
}
