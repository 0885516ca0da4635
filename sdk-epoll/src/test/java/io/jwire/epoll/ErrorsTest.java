package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import org.junit.jupiter.api.Test;

/** The errno-to-exception table: one JDK type per outcome, the errno name and number in every message. */
class ErrorsTest {

    @Test
    void errnoBecomesTheJdkExceptionForItsOutcome() {
        assertExactly(ConnectException.class, Errors.newIOException("connect x", Errors.ECONNREFUSED));
        assertExactly(NoRouteToHostException.class, Errors.newIOException("connect x", Errors.EHOSTUNREACH));
        assertExactly(NoRouteToHostException.class, Errors.newIOException("connect x", Errors.ENETUNREACH));
        assertExactly(BindException.class, Errors.newIOException("bind x", Errors.EADDRINUSE));
        assertExactly(BindException.class, Errors.newIOException("bind x", Errors.EADDRNOTAVAIL));
        assertExactly(SocketException.class, Errors.newIOException("read x", Errors.ECONNRESET));
        assertExactly(SocketException.class, Errors.newIOException("write x", Errors.EPIPE));
        assertExactly(SocketException.class, Errors.newIOException("read x", Errors.ETIMEDOUT));
        assertExactly(SocketException.class, Errors.newIOException("x", Errors.ENOTSOCK));
        assertExactly(SocketException.class, Errors.newIOException("x", Errors.EINPROGRESS));
        assertExactly(IOException.class, Errors.newIOException("epoll_ctl fd 9", Errors.EBADF));
        assertExactly(IOException.class, Errors.newIOException("accept4 x", Errors.EMFILE));
        assertExactly(IOException.class, Errors.newIOException("x", Errors.EAGAIN));
        assertExactly(IOException.class, Errors.newIOException("x", 87)); // just below the socket errnos
        assertExactly(IOException.class, Errors.newIOException("x", 116)); // just above
    }

    @Test
    void everyFailureOfTheConnectHandshakeIsAConnectExceptionUnlessUnreachable() {
        assertExactly(ConnectException.class, Errors.newConnectException("connect x", Errors.ECONNREFUSED));
        assertExactly(ConnectException.class, Errors.newConnectException("connect x", Errors.ETIMEDOUT));
        assertExactly(ConnectException.class, Errors.newConnectException("connect x", Errors.ENOTCONN));
        assertExactly(NoRouteToHostException.class, Errors.newConnectException("connect x", Errors.EHOSTUNREACH));
        assertExactly(NoRouteToHostException.class, Errors.newConnectException("connect x", Errors.ENETUNREACH));
    }

    @Test
    void messagesNameTheCallTheErrnoAndItsNumber() {
        assertEquals("connect 127.0.0.1:1: ECONNREFUSED (111)",
                Errors.newConnectException("connect 127.0.0.1:1", Errors.ECONNREFUSED).getMessage());
        assertEquals("write socket fd 7: EPIPE (32)", Errors.newIOException("write socket fd 7", Errors.EPIPE).getMessage());
        assertEquals("signal: EAGAIN (11): full", Errors.newIOException("signal", Errors.EAGAIN, "full").getMessage());
        assertEquals("x: errno 4095 (4095)", Errors.newIOException("x", 4095).getMessage());
        assertEquals("x: errno -1 (-1)", Errors.newIOException("x", -1).getMessage());
        assertEquals("EAGAIN", Errors.name(Errors.EAGAIN));
    }

    @Test
    void outcomesWithoutAnErrnoUseTheJdkTypesAndKeepTheirMessage() {
        assertExactly(SocketTimeoutException.class, Errors.timeout("read timed out"));
        assertEquals("read timed out", Errors.timeout("read timed out").getMessage());
        assertExactly(EOFException.class, Errors.endOfStream("end of stream"));
        ClosedChannelException before = Errors.closed("fd 7 is closed", false);
        assertEquals("fd 7 is closed", before.getMessage());
        assertFalse(before instanceof AsynchronousCloseException);
        ClosedChannelException during = Errors.closed("fd 7 was closed meanwhile", true);
        assertInstanceOf(AsynchronousCloseException.class, during);
        assertEquals("fd 7 was closed meanwhile", during.getMessage());
    }

    private static void assertExactly(Class<?> expected, Exception actual) {
        assertSame(expected, actual.getClass(), actual.toString());
    }
}
