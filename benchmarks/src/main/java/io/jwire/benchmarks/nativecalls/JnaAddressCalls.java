package io.jwire.benchmarks.nativecalls;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import com.sun.jna.Pointer;
import java.nio.Buffer;

/**
 * libc through JNA direct mapping with only primitive parameters: buffers are passed as {@code long}
 * addresses (64-bit Linux), so JNA's dispatcher converts nothing and calls nothing back in Java.
 * The cheapest form JNA offers. Errno is read only after a failed call, through
 * {@link Native#getLastError()}. Also the setup calls of {@code NativeBoundaryBench} (epoll and
 * eventfd fds).
 *
 * <p>For {@code NativeBoundaryBench} only; any thread.
 */
public final class JnaAddressCalls {
    /** {@code EPOLL_CTL_ADD}. */
    public static final int EPOLL_CTL_ADD = 1;
    /** {@code EPOLLIN}. */
    public static final int EPOLLIN = 1;
    /** {@code EAGAIN}. */
    public static final int EAGAIN = 11;
    /** {@code MSG_NOSIGNAL}. */
    public static final int MSG_NOSIGNAL = 0x4000;
    /** {@code EFD_NONBLOCK | EFD_CLOEXEC}. */
    public static final int EFD_FLAGS = 0x800 | 0x80000;

    static {
        Native.register(JnaAddressCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private JnaAddressCalls() {
    }

    /**
     * The address of a direct buffer's first byte, through JNA's public API (one JNI call, and a
     * {@link Pointer} the JIT may or may not eliminate).
     *
     * @param direct a direct buffer
     * @return its address
     */
    public static long address(Buffer direct) {
        return Pointer.nativeValue(Native.getDirectBufferPointer(direct));
    }

    /**
     * {@code read(2)} into {@code buf}.
     *
     * @param fd the fd
     * @param buf an address
     * @param count how many bytes at most
     * @return the bytes read, or -1 with errno set
     */
    public static native long read(int fd, long buf, long count);

    /**
     * {@code write(2)} from {@code buf}.
     *
     * @param fd the fd
     * @param buf an address
     * @param count how many bytes
     * @return the bytes written, or -1 with errno set
     */
    public static native long write(int fd, long buf, long count);

    /**
     * {@code send(2)} from {@code buf}.
     *
     * @param fd the socket
     * @param buf an address
     * @param count how many bytes
     * @param flags such as {@code MSG_NOSIGNAL}
     * @return the bytes sent, or -1 with errno set
     */
    public static native long send(int fd, long buf, long count, int flags);

    /**
     * {@code epoll_wait(2)} into {@code events}.
     *
     * @param epfd the epoll fd
     * @param events the address of an array of {@code struct epoll_event}
     * @param maxEvents how many fit
     * @param timeoutMillis 0 to poll
     * @return the events, or -1 with errno set
     */
    public static native int epoll_wait(int epfd, long events, int maxEvents, int timeoutMillis);

    /**
     * {@code epoll_create1(2)}.
     *
     * @param flags 0 or {@code EPOLL_CLOEXEC}
     * @return the epoll fd, or -1 with errno set
     */
    public static native int epoll_create1(int flags);

    /**
     * {@code epoll_ctl(2)}.
     *
     * @param epfd the epoll fd
     * @param op such as {@link #EPOLL_CTL_ADD}
     * @param fd the fd to watch
     * @param event the address of one {@code struct epoll_event}
     * @return 0, or -1 with errno set
     */
    public static native int epoll_ctl(int epfd, int op, int fd, long event);

    /**
     * {@code eventfd(2)}.
     *
     * @param initval the initial counter
     * @param flags such as {@link #EFD_FLAGS}
     * @return the fd, or -1 with errno set
     */
    public static native int eventfd(int initval, int flags);

    /**
     * {@code close(2)}.
     *
     * @param fd the fd
     * @return 0, or -1 with errno set
     */
    public static native int close(int fd);
}
