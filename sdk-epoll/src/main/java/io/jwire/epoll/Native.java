package io.jwire.epoll;

import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.ByteBuffer;

/**
 * The raw native calls: libc through JNA direct mapping ({@code Native.register}), plus the
 * constants they take. The only class in sdk-epoll that touches JNA. Nothing above the boundary
 * calls it: {@link LinuxFd} (epoll, eventfd, timerfd, close) and {@link LinuxSocket} (sockets)
 * own every call sequence and its errno handling, and {@link Errors} turns errno into exceptions.
 *
 * <p>Buffers are passed as {@code long} addresses, so every hot call (read, write, send,
 * {@code epoll_wait}, {@code epoll_ctl}) has only primitive parameters: JNA's dispatcher then
 * converts nothing and never calls back into Java. ({@code ByteBuffer} parameters cost a JNI
 * up-call for {@code position()} per buffer per call; {@code NativeBoundaryBench} in the benchmarks
 * module measures both shapes.) A buffer's address comes from {@link #address(ByteBuffer)}, once per
 * buffer: {@link DirectAddress} caches it for buffers that change (a socket's), fixed buffers keep
 * theirs in a field ({@link NativeCounter}, the poller's event array). Whoever passes an address
 * keeps its buffer reachable until the call returns. The raw calls allocate nothing on the Java
 * heap. A {@code long} address is a pointer only on a 64-bit JVM, so this class refuses to load on
 * a 32-bit one (sdk-epoll's {@code size_t} parameters are {@code long}s too).
 *
 * <p>{@code struct epoll_event} is packed on x86 (12 bytes: events at 0, data at 4) and naturally
 * aligned elsewhere, such as aarch64 (16 bytes: events at 0, data at 8); see
 * {@link #EPOLL_EVENT_SIZE} and {@link #EPOLL_DATA_OFFSET}. Not API.
 */
final class Native {
    static final int EPOLL_CLOEXEC = 0x80000;
    static final int EPOLL_CTL_ADD = 1;
    static final int EPOLL_CTL_DEL = 2;
    static final int EPOLL_CTL_MOD = 3;
    static final int EPOLLIN = 0x001;
    static final int EPOLLOUT = 0x004;
    static final int EPOLLERR = 0x008;
    static final int EPOLLHUP = 0x010;
    static final int EPOLLRDHUP = 0x2000;
    static final int EPOLLET = 0x80000000;
    static final int EFD_CLOEXEC = 0x80000;
    static final int EFD_NONBLOCK = 0x800;
    static final int EFD_SEMAPHORE = 1;
    static final int TFD_CLOEXEC = 0x80000;
    static final int TFD_NONBLOCK = 0x800;
    static final int CLOCK_MONOTONIC = 1;
    static final int AF_INET = 2;
    static final int AF_INET6 = 10;
    static final int SOCK_STREAM = 1;
    static final int SOCK_NONBLOCK = 0x800;
    static final int SOCK_CLOEXEC = 0x80000;
    static final int SOL_SOCKET = 1;
    static final int SO_REUSEADDR = 2;
    static final int SO_ERROR = 4;
    static final int SO_SNDBUF = 7;
    static final int SO_RCVBUF = 8;
    static final int SO_KEEPALIVE = 9;
    static final int SO_LINGER = 13;
    static final int SO_REUSEPORT = 15;
    static final int IPPROTO_TCP = 6;
    static final int IPPROTO_IPV6 = 41;
    static final int IPV6_V6ONLY = 26;
    static final int TCP_NODELAY = 1;
    static final int SHUT_RD = 0;
    static final int SHUT_WR = 1;
    static final int MSG_NOSIGNAL = 0x4000;

    /**
     * Whether x86 packs {@code struct epoll_event} (it does; other architectures align the data
     * field). Read from {@code os.arch}, not JNA, so this class initialises without JNA.
     */
    private static final boolean PACKED_EPOLL_EVENT = System.getProperty("os.arch", "").matches("amd64|x86_64|x86|i[3-6]86");
    /** Size in bytes of one {@code struct epoll_event}: 12 on x86, 16 elsewhere (aarch64). */
    static final int EPOLL_EVENT_SIZE = PACKED_EPOLL_EVENT ? 12 : 16;
    /** Offset of {@code epoll_event.data} (a 64-bit union; jwire stores the fd in it). */
    static final int EPOLL_DATA_OFFSET = PACKED_EPOLL_EVENT ? 4 : 8;

    private static final Throwable LOAD_FAILURE;

    static {
        Throwable failure = null;
        try {
            if (!Platform.isLinux()) {
                throw new UnsupportedOperationException("sdk-epoll needs Linux; this is " + System.getProperty("os.name"));
            }
            if (!Platform.is64Bit()) {
                throw new UnsupportedOperationException("sdk-epoll needs a 64-bit JVM (it passes addresses and sizes as "
                        + "Java longs); this one is " + System.getProperty("os.arch"));
            }
            com.sun.jna.Native.register(Native.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
        } catch (Throwable t) {
            failure = t;
        }
        LOAD_FAILURE = failure;
    }

    private Native() {
    }

    /**
     * Why the native calls are unavailable (not Linux, JNA missing from the class path or unable to
     * load libc), or null when they work. Never throws, also without JNA.
     */
    static Throwable loadFailure() {
        return LOAD_FAILURE;
    }

    // ------------------------------------------------------------------ raw calls (direct mapping)

    static native int epoll_create1(int flags);

    /** {@code event}: the address of one {@code struct epoll_event}. */
    static native int epoll_ctl(int epfd, int op, int fd, long event);

    /** {@code events}: the address of {@code maxevents} {@code struct epoll_event}s. */
    static native int epoll_wait(int epfd, long events, int maxevents, int timeoutMillis);

    static native int eventfd(int initval, int flags);

    static native int timerfd_create(int clockid, int flags);

    /** {@code newValue}: it_interval {sec, nsec}, it_value {sec, nsec}; {@code oldValue} may be null. */
    static native int timerfd_settime(int fd, int flags, long[] newValue, long[] oldValue);

    /** {@code buf}: the address of the first byte to fill. */
    static native long read(int fd, long buf, long count);

    /** {@code buf}: the address of the first byte to write. */
    static native long write(int fd, long buf, long count);

    /** {@code buf}: the address of the first byte to send. */
    static native long send(int fd, long buf, long count, int flags);

    static native int close(int fd);

    static native int socket(int domain, int type, int protocol);

    static native int bind(int fd, byte[] addr, int addrlen);

    static native int listen(int fd, int backlog);

    static native int accept4(int fd, byte[] addr, int[] addrlen, int flags);

    static native int connect(int fd, byte[] addr, int addrlen);

    static native int getsockopt(int fd, int level, int optname, int[] optval, int[] optlen);

    static native int setsockopt(int fd, int level, int optname, int[] optval, int optlen);

    static native int shutdown(int fd, int how);

    static native int getsockname(int fd, byte[] addr, int[] addrlen);

    static native int getpeername(int fd, byte[] addr, int[] addrlen);

    // ------------------------------------------------------------------ addresses

    /**
     * The native address of {@code direct}'s first byte (index 0, whatever its position): one JNI
     * call through JNA's public API, no {@code --add-opens}. Resolve it once per buffer
     * ({@link DirectAddress}), not per call.
     *
     * @throws IllegalArgumentException when {@code direct} is not a direct buffer
     */
    static long address(ByteBuffer direct) {
        Pointer p = com.sun.jna.Native.getDirectBufferPointer(direct);
        if (p == null) {
            throw new IllegalArgumentException(direct + " has no native address");
        }
        return Pointer.nativeValue(p);
    }

    // ------------------------------------------------------------------ errno

    /**
     * The errno of the last call on this thread (JNA saves it right after each call). Only the
     * boundary classes ({@link LinuxFd}, {@link LinuxSocket}) read it, right after a failed call.
     */
    static int errno() {
        return com.sun.jna.Native.getLastError();
    }
}
