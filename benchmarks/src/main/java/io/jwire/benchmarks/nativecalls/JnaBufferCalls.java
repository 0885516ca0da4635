package io.jwire.benchmarks.nativecalls;

import com.sun.jna.Native;
import com.sun.jna.NativeLibrary;
import com.sun.jna.Platform;
import java.nio.ByteBuffer;

/**
 * libc through JNA direct mapping with {@link ByteBuffer} parameters: the call shape of sdk-epoll's
 * {@code Native} before issue 16. For every buffer argument JNA's dispatcher asks the JVM for the
 * buffer's address and calls back into Java for its {@code position()} (a JNI up-call per buffer per
 * call). Errno is read only after a failed call, through {@link Native#getLastError()}.
 *
 * <p>For {@code NativeBoundaryBench} only; any thread.
 */
public final class JnaBufferCalls {
    static {
        Native.register(JnaBufferCalls.class, NativeLibrary.getInstance(Platform.C_LIBRARY_NAME));
    }

    private JnaBufferCalls() {
    }

    /**
     * {@code read(2)} into {@code buf} at its position.
     *
     * @param fd the fd
     * @param buf a direct buffer
     * @param count how many bytes at most
     * @return the bytes read, or -1 with errno set
     */
    public static native long read(int fd, ByteBuffer buf, long count);

    /**
     * {@code write(2)} from {@code buf} at its position.
     *
     * @param fd the fd
     * @param buf a direct buffer
     * @param count how many bytes
     * @return the bytes written, or -1 with errno set
     */
    public static native long write(int fd, ByteBuffer buf, long count);

    /**
     * {@code send(2)} from {@code buf} at its position.
     *
     * @param fd the socket
     * @param buf a direct buffer
     * @param count how many bytes
     * @param flags such as {@code MSG_NOSIGNAL}
     * @return the bytes sent, or -1 with errno set
     */
    public static native long send(int fd, ByteBuffer buf, long count, int flags);

    /**
     * {@code epoll_wait(2)} into {@code events}.
     *
     * @param epfd the epoll fd
     * @param events a direct buffer of {@code struct epoll_event}s
     * @param maxEvents how many fit
     * @param timeoutMillis 0 to poll
     * @return the events, or -1 with errno set
     */
    public static native int epoll_wait(int epfd, ByteBuffer events, int maxEvents, int timeoutMillis);
}
