package io.jwire.epoll;

import io.jwire.io.WireIo;

import io.jwire.Wire;
import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;

/**
 * Socket addresses as the kernel wants them ({@code struct sockaddr_in} / {@code sockaddr_in6}
 * bytes), and the resolution of host strings into them. Not API.
 */
final class SockAddr {
    /** Large enough for {@code struct sockaddr_in6}. */
    static final int MAX_LEN = 28;

    private SockAddr() {
    }

    /**
     * The address of {@code host}: a numeric IPv4 or IPv6 address (brackets allowed) and
     * {@code localhost} are parsed at once; any other name is looked up through
     * {@link WireIo#shared()} (libwire's {@code wio_getaddrinfo}), suspending only the calling wire.
     *
     * @throws UnknownHostException when the name cannot be resolved, or is not a valid address
     * @throws IllegalStateException when it is a name to look up and the caller is not a wire
     */
    static InetAddress resolve(String host) throws UnknownHostException {
        if (host.equalsIgnoreCase("localhost")) {
            return InetAddress.getLoopbackAddress();
        }
        String h = host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
        byte[] v4 = parseIpv4(h);
        try {
            if (v4 != null) {
                return InetAddress.getByAddress(v4);
            }
            if (h.indexOf(':') >= 0) {
                return InetAddress.getByName(h); // an IPv6 literal: parsed, never looked up
            }
        } catch (UnknownHostException e) {
            throw (UnknownHostException) new UnknownHostException("'" + host + "' is not a valid IP address: "
                    + e.getMessage()).initCause(e);
        }
        // A name: the blocking lookup runs on WireIo's shared pool while only the calling wire waits.
        if (!Wire.inWire()) {
            throw new IllegalStateException("cannot resolve host '" + host + "' on thread '" + Thread.currentThread().getName()
                    + "' outside a wire: a name lookup blocks, so it runs as delegated I/O from inside a wire; "
                    + "call this from a wire or pass a numeric address");
        }
        try {
            return WireIo.shared().resolve(host)[0];
        } catch (UnknownHostException e) {
            throw (UnknownHostException) new UnknownHostException("cannot resolve host '" + host + "': "
                    + e.getMessage()).initCause(e);
        }
    }

    /** The sockaddr bytes for {@code address} and {@code port}. */
    static byte[] encode(InetAddress address, int port) {
        byte[] a = address.getAddress();
        boolean v6 = address instanceof Inet6Address;
        ByteBuffer b = ByteBuffer.allocate(v6 ? 28 : 16).order(ByteOrder.nativeOrder());
        b.putShort(0, (short) (v6 ? Native.AF_INET6 : Native.AF_INET));
        b.order(ByteOrder.BIG_ENDIAN).putShort(2, (short) port);
        if (v6) {
            b.put(8, a);
            b.order(ByteOrder.nativeOrder()).putInt(24, ((Inet6Address) address).getScopeId());
        } else {
            b.put(4, a);
        }
        return b.array();
    }

    /** The address family of sockaddr bytes. */
    static int family(byte[] sockaddr) {
        return ByteBuffer.wrap(sockaddr).order(ByteOrder.nativeOrder()).getShort(0);
    }

    /** The port of sockaddr bytes. */
    static int port(byte[] sockaddr) {
        return ByteBuffer.wrap(sockaddr).order(ByteOrder.BIG_ENDIAN).getShort(2) & 0xffff;
    }

    /** {@code 127.0.0.1:80} or {@code [::1]:80}. */
    static String toString(byte[] sockaddr) {
        int family = family(sockaddr);
        try {
            if (family == Native.AF_INET) {
                byte[] a = new byte[4];
                System.arraycopy(sockaddr, 4, a, 0, 4);
                return InetAddress.getByAddress(a).getHostAddress() + ":" + port(sockaddr);
            }
            if (family == Native.AF_INET6) {
                byte[] a = new byte[16];
                System.arraycopy(sockaddr, 8, a, 0, 16);
                return "[" + InetAddress.getByAddress(a).getHostAddress() + "]:" + port(sockaddr);
            }
        } catch (UnknownHostException e) {
            throw new AssertionError(e);
        }
        return "address family " + family;
    }

    /** {@code host:port} for messages, bracketing IPv6 literals. */
    static String describe(InetAddress address, int port) {
        return (address instanceof Inet4Address ? address.getHostAddress() : "[" + address.getHostAddress() + "]") + ":" + port;
    }

    static void checkPort(int port, String call) {
        if (port < 0 || port > 65535) {
            throw Misuse.badArgument(call, "port " + port + " is out of range 0..65535 (0 binds an ephemeral port)");
        }
    }

    private static byte[] parseIpv4(String h) {
        String[] parts = h.split("\\.", -1);
        if (parts.length != 4) {
            return null;
        }
        byte[] a = new byte[4];
        for (int i = 0; i < 4; i++) {
            String p = parts[i];
            if (p.isEmpty() || p.length() > 3 || !p.chars().allMatch(Character::isDigit)) {
                return null;
            }
            int v = Integer.parseInt(p);
            if (v > 255) {
                return null;
            }
            a[i] = (byte) v;
        }
        return a;
    }
}
