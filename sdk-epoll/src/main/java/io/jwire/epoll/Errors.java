package io.jwire.epoll;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;

/**
 * The one place where sdk-epoll's I/O exceptions are made: an errno becomes a Java exception in
 * {@link #newIOException(String, int)} (and {@link #newConnectException(String, int)} for the
 * connect handshake), and the outcomes that have no errno (a timeout, an early end of stream, an
 * fd closed through jwire) are built here too, so every message has one form. Not API.
 *
 * <p>The table (errno to exception; every message reads {@code "<call> <target>: <ERRNO> (<n>)"}):
 * <table>
 *   <caption>errno to exception</caption>
 *   <tr><th>errno</th><th>exception</th></tr>
 *   <tr><td>{@code ECONNREFUSED}, {@code ETIMEDOUT}, any failure of the connect handshake</td>
 *       <td>{@link ConnectException} (through {@link #newConnectException})</td></tr>
 *   <tr><td>{@code ENETUNREACH}, {@code EHOSTUNREACH}</td><td>{@link NoRouteToHostException}</td></tr>
 *   <tr><td>{@code EADDRINUSE}, {@code EADDRNOTAVAIL}</td><td>{@link BindException}</td></tr>
 *   <tr><td>{@code ECONNRESET}, {@code EPIPE}, and the other socket errnos
 *       ({@code ENOTSOCK} .. {@code EINPROGRESS}, 88..115)</td><td>{@link SocketException}</td></tr>
 *   <tr><td>any other errno ({@code EBADF}, {@code EMFILE}, {@code EAGAIN} where it is an error, ...)</td>
 *       <td>{@link IOException}</td></tr>
 * </table>
 *
 * <p>Without an errno: a jwire deadline passed: {@link SocketTimeoutException}; a stream ended
 * before a read-fully or read-at-least got its bytes: {@link EOFException}; an fd used after
 * {@code close()}: {@link ClosedChannelException}, or its subtype {@link AsynchronousCloseException}
 * when the fd was closed while the wire waited on it.
 *
 * <p>errno values are Linux's generic table (the same on x86_64 and aarch64).
 */
final class Errors {
    static final int EPERM = 1;
    static final int ENOENT = 2;
    static final int EINTR = 4;
    static final int EIO = 5;
    static final int EBADF = 9;
    static final int EAGAIN = 11;
    static final int ENOMEM = 12;
    static final int EACCES = 13;
    static final int EFAULT = 14;
    static final int EBUSY = 16;
    static final int EEXIST = 17;
    static final int EINVAL = 22;
    static final int ENFILE = 23;
    static final int EMFILE = 24;
    static final int ENOSPC = 28;
    static final int EPIPE = 32;
    static final int ENOSYS = 38;
    static final int ENOTSOCK = 88;
    static final int EDESTADDRREQ = 89;
    static final int EMSGSIZE = 90;
    static final int EPROTOTYPE = 91;
    static final int ENOPROTOOPT = 92;
    static final int EPROTONOSUPPORT = 93;
    static final int EOPNOTSUPP = 95;
    static final int EAFNOSUPPORT = 97;
    static final int EADDRINUSE = 98;
    static final int EADDRNOTAVAIL = 99;
    static final int ENETDOWN = 100;
    static final int ENETUNREACH = 101;
    static final int ECONNABORTED = 103;
    static final int ECONNRESET = 104;
    static final int ENOBUFS = 105;
    static final int EISCONN = 106;
    static final int ENOTCONN = 107;
    static final int ETIMEDOUT = 110;
    static final int ECONNREFUSED = 111;
    static final int EHOSTUNREACH = 113;
    static final int EALREADY = 114;
    static final int EINPROGRESS = 115;

    private static final String[] NAMES = new String[116];

    static {
        for (java.lang.reflect.Field f : Errors.class.getDeclaredFields()) {
            if (f.getType() == int.class && f.getName().startsWith("E")) {
                try {
                    NAMES[f.getInt(null)] = f.getName();
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private Errors() {
    }

    /** The symbolic name of {@code errno}, or {@code "errno N"}. */
    static String name(int errno) {
        String n = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return n != null ? n : "errno " + errno;
    }

    /**
     * The exception for {@code op} failing with {@code errno}, after the table in the class comment.
     *
     * @param op the call and its target, such as {@code "read socket fd 7 to 127.0.0.1:80"}
     */
    static IOException newIOException(String op, int errno) {
        return newIOException(op, errno, null);
    }

    /**
     * Like {@link #newIOException(String, int)}, with {@code hint} (what it means, what to do)
     * after the errno in the message; null for none.
     */
    static IOException newIOException(String op, int errno, String hint) {
        String message = hint == null ? message(op, errno) : message(op, errno) + ": " + hint;
        return switch (errno) {
            case ENETUNREACH, EHOSTUNREACH -> new NoRouteToHostException(message);
            case EADDRINUSE, EADDRNOTAVAIL -> new BindException(message);
            case ECONNREFUSED -> new ConnectException(message);
            case EPIPE -> new SocketException(message);
            default -> errno >= ENOTSOCK && errno <= EINPROGRESS ? new SocketException(message) : new IOException(message);
        };
    }

    /**
     * The exception for a connect handshake ({@code connect}, or the {@code SO_ERROR} it left)
     * failing with {@code errno}: {@link NoRouteToHostException} when the network or host is
     * unreachable, {@link ConnectException} for everything else ({@code ECONNREFUSED},
     * {@code ETIMEDOUT}, ...), as the JDK's own sockets do.
     */
    static IOException newConnectException(String op, int errno) {
        String message = message(op, errno);
        return switch (errno) {
            case ENETUNREACH, EHOSTUNREACH -> new NoRouteToHostException(message);
            default -> new ConnectException(message);
        };
    }

    /** A jwire deadline or timeout passed: {@link SocketTimeoutException} with {@code message}. */
    static SocketTimeoutException timeout(String message) {
        return new SocketTimeoutException(message);
    }

    /** The stream ended before a read got the bytes it needs: {@link EOFException} with {@code message}. */
    static EOFException endOfStream(String message) {
        return new EOFException(message);
    }

    /**
     * An fd used after it was closed through jwire: a {@link ClosedChannelException}, or an
     * {@link AsynchronousCloseException} when it was closed while the wire waited on it, with
     * {@code message} (the JDK's own types carry none).
     */
    static ClosedChannelException closed(String message, boolean whileWaiting) {
        return whileWaiting ? new FdClosedWhileWaiting(message) : new FdClosed(message);
    }

    private static String message(String op, int errno) {
        return op + ": " + name(errno) + " (" + errno + ")";
    }

    /** {@link ClosedChannelException} with a message that names the fd and the wire. */
    private static final class FdClosed extends ClosedChannelException {
        private final String message;

        FdClosed(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }

    /** {@link AsynchronousCloseException} with a message that names the fd and the wire. */
    private static final class FdClosedWhileWaiting extends AsynchronousCloseException {
        private final String message;

        FdClosedWhileWaiting(String message) {
            this.message = message;
        }

        @Override
        public String getMessage() {
            return message;
        }
    }
}
