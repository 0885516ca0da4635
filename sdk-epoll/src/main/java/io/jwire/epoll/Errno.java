package io.jwire.epoll;

/**
 * Linux errno values (the same on x86_64 and aarch64: both use the generic table) and the one
 * place where an errno becomes a Java exception: {@link #exception(String, int)}. Not API.
 */
final class Errno {
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
        for (java.lang.reflect.Field f : Errno.class.getDeclaredFields()) {
            if (f.getType() == int.class && f.getName().startsWith("E")) {
                try {
                    NAMES[f.getInt(null)] = f.getName();
                } catch (IllegalAccessException e) {
                    throw new ExceptionInInitializerError(e);
                }
            }
        }
    }

    private Errno() {
    }

    /** The symbolic name of {@code errno}, or {@code "errno N"}. */
    static String name(int errno) {
        String n = errno > 0 && errno < NAMES.length ? NAMES[errno] : null;
        return n != null ? n : "errno " + errno;
    }

    /**
     * The exception for {@code call} failing with {@code errno}: the distinct outcome types for the
     * errnos the API promises as such, {@link ErrnoException} otherwise.
     */
    static ErrnoException exception(String call, int errno) {
        return switch (errno) {
            case ECONNREFUSED -> new ConnectionRefusedException(call);
            case ECONNRESET -> new ConnectionResetException(call);
            case EPIPE -> new BrokenPipeException(call);
            default -> new ErrnoException(call, errno);
        };
    }
}
