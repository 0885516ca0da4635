package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.Wire;
import java.io.EOFException;
import java.io.IOException;
import java.net.BindException;
import java.net.ConnectException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.ByteBuffer;
import java.nio.channels.AsynchronousCloseException;
import java.nio.channels.ClosedChannelException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Connections, addresses, options, and every fault outcome, over loopback. */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class WireSocketTest {

    @Test
    void connectsAcceptsAndExchangesBytesInPlaceHonouringPositionAndLimit() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            assertNotEquals(0, server.port());
            s.spawn("server", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocateDirect(64);
                    in.position(10); // reads land at the position
                    c.readFully(in.limit(15));
                    in.flip().position(10);
                    log.add("server got " + Wires.text(in));
                    ByteBuffer out = Wires.bytes("xxpongxx");
                    out.position(2).limit(6); // only "pong" is written
                    c.writeAll(out);
                    assertEquals(6, out.position());
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port(), Duration.ofSeconds(5))) {
                    c.setNoDelay(true);
                    assertTrue(c.noDelay());
                    assertEquals("127.0.0.1:" + server.port(), c.remoteAddress());
                    assertTrue(c.localAddress().startsWith("127.0.0.1:"));
                    c.writeAll(Wires.bytes("ping!"));
                    ByteBuffer in = ByteBuffer.allocateDirect(16);
                    while (c.read(in) >= 0) {
                        // until end of stream
                    }
                    log.add("client got " + Wires.text(in.flip()));
                }
            }));
        });
        assertEquals(List.of("server got ping!", "client got pong"), log);
    }

    /**
     * The socket passes the kernel each buffer's native address (looked up once per buffer and
     * remembered): alternating buffers, slices (whose index 0 is not their parent's), positions
     * and heap copies must each move their own bytes.
     */
    @Test
    void alternatingBuffersSlicesAndHeapBuffersEachMoveTheirOwnBytes() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    ByteBuffer a = ByteBuffer.allocateDirect(16);
                    ByteBuffer parent = ByteBuffer.allocateDirect(32);
                    ByteBuffer slice = parent.position(8).slice(); // the slice's index 0 is parent's byte 8
                    ByteBuffer heap = ByteBuffer.allocate(3);
                    c.readFully(a.limit(3));
                    c.readFully(slice.limit(4));
                    c.readFully(heap);
                    c.readFully(a.limit(9).position(5)); // the first buffer again, at a position
                    log.add(Wires.text(a.duplicate().position(0).limit(3)));
                    log.add(Wires.text(parent.duplicate().position(8).limit(12)));
                    log.add(Wires.text(heap.flip()));
                    log.add(Wires.text(a.duplicate().position(5).limit(9)));
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    ByteBuffer one = ByteBuffer.allocateDirect(8).put(0, Wires.bytes("abc"), 0, 3);
                    ByteBuffer parent = ByteBuffer.allocateDirect(32).put(20, Wires.bytes("defg"), 0, 4);
                    c.writeAll(one.limit(3));
                    c.writeAll(parent.position(20).limit(24).slice());
                    c.writeAll(ByteBuffer.wrap("hij".getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
                    c.writeAll(one.clear().put(2, Wires.bytes("wxyz"), 0, 4).position(2).limit(6)); // again, at a position
                }
            }));
        });
        assertEquals(List.of("abc", "defg", "hij", "wxyz"), log);
    }

    @Test
    void ipv6LoopbackAndLocalhostWork() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            for (String[] hosts : new String[][] {{"::1", "[::1]"}, {"localhost", "localhost"}}) {
                WireServerSocket server;
                try {
                    server = WireServerSocket.bind(hosts[0], 0);
                } catch (BindException e) {
                    log.add("skip " + hosts[0] + ": " + e.getMessage()); // no IPv6 in this container (EADDRNOTAVAIL)
                    continue;
                }
                try (server) {
                    Wire acceptor = Wire.current().scheduler().spawn("acceptor", Wires.io(() -> {
                        try (WireSocket c = server.accept()) {
                            c.writeAll(Wires.bytes("hi"));
                        }
                    }));
                    try (WireSocket c = WireSocket.connect(hosts[1], server.port(), Duration.ofSeconds(5))) {
                        ByteBuffer in = ByteBuffer.allocateDirect(2);
                        c.readFully(in);
                        log.add(hosts[0] + " " + Wires.text(in.flip()));
                    }
                    acceptor.join();
                }
            }
        })));
        assertEquals(2, log.size(), log.toString());
        assertEquals("localhost hi", log.get(1));
    }

    @Test
    void hostNamesResolveThroughDelegatedIo() {
        // src/test/resources/hosts, passed as -Djdk.net.hosts.file, maps echo.jwire.test to 127.0.0.1
        List<String> log = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
                Wire acceptor = Wire.current().scheduler().spawn("acceptor", Wires.io(() -> {
                    try (WireSocket c = server.accept()) {
                        c.writeAll(Wires.bytes("ok"));
                    }
                }));
                try (WireSocket c = WireSocket.connect("echo.jwire.test", server.port(), Duration.ofSeconds(5))) {
                    assertEquals("127.0.0.1:" + server.port(), c.remoteAddress());
                    ByteBuffer in = ByteBuffer.allocateDirect(2);
                    c.readFully(in);
                    log.add(Wires.text(in.flip()));
                }
                acceptor.join();
            }
            UnknownHostException e = assertThrows(UnknownHostException.class,
                    () -> WireSocket.connect("no-such-name.jwire.test", 1, Duration.ofSeconds(5)));
            assertTrue(e.getMessage().contains("cannot resolve host 'no-such-name.jwire.test'"), e.getMessage());
        })));
        assertEquals(List.of("ok"), log);
    }

    @Test
    void connectRefusedIsAConnectExceptionWithCallAndErrnoInTheMessage() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            int port;
            try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
                port = server.port();
            }
            ConnectException e = assertThrows(ConnectException.class,
                    () -> WireSocket.connect("127.0.0.1", port, Duration.ofSeconds(5)));
            assertEquals("connect 127.0.0.1:" + port + ": ECONNREFUSED (111)", e.getMessage());
        })));
    }

    @Test
    void connectTimeoutAgainstAFullBacklogIsNeverReportedAsSuccess() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0, 1, false)) {
                List<WireSocket> queued = new ArrayList<>();
                try {
                    for (int i = 0; i < 20; i++) {
                        try {
                            queued.add(WireSocket.connect("127.0.0.1", server.port(), Duration.ofMillis(200)));
                        } catch (SocketTimeoutException e) {
                            assertTrue(e.getMessage().contains("timed out after 200 ms"), e.getMessage());
                            log.add("timed out after " + queued.size() + " queued");
                            break;
                        }
                    }
                } finally {
                    queued.forEach(WireSocket::close);
                }
            }
        })));
        assertEquals(1, log.size(), "the backlog never filled up");
    }

    @Test
    void peerResetIsASocketExceptionNamingEconnreset() {
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    c.readFully(ByteBuffer.allocateDirect(1)); // the client is connected
                    c.setLinger(0); // close sends RST
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    c.writeAll(Wires.bytes("!"));
                    SocketException e = assertThrows(SocketException.class, () -> c.read(ByteBuffer.allocateDirect(16)));
                    assertTrue(e.getMessage().contains("ECONNRESET (104)"), e.getMessage());
                }
            }));
        });
    }

    @Test
    void halfCloseDeliversEndOfStreamWhileTheOtherDirectionStillWorks() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    ByteBuffer in = ByteBuffer.allocateDirect(64);
                    while (c.read(in) >= 0) {
                        // read until the client's FIN
                    }
                    log.add("server got " + Wires.text(in.flip()) + " then end of stream");
                    c.writeAll(Wires.bytes("bye"));
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    c.writeAll(Wires.bytes("hello"));
                    c.shutdownOutput();
                    SocketException pipe = assertThrows(SocketException.class, () -> c.write(Wires.bytes("more")));
                    assertTrue(pipe.getMessage().contains("EPIPE (32)"), pipe.getMessage());
                    ByteBuffer in = ByteBuffer.allocateDirect(3);
                    c.readFully(in);
                    log.add("client got " + Wires.text(in.flip()));
                    assertEquals(-1, c.read(ByteBuffer.allocateDirect(1)));
                    assertEquals(-1, c.read(ByteBuffer.allocateDirect(1))); // end of stream stays
                    EOFException e = assertThrows(EOFException.class, () -> c.readFully(ByteBuffer.allocateDirect(1)));
                    assertTrue(e.getMessage().contains("after 0 of at least 1 bytes"), e.getMessage());
                }
            }));
        });
        assertEquals(List.of("server got hello then end of stream", "client got bye"), log);
    }

    @Test
    void readDeadlineThrowsSocketTimeoutAndLeavesTheSocketUsable() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (server; WireSocket c = server.accept()) {
                    Wire.sleep(Duration.ofMillis(150));
                    c.writeAll(Wires.bytes("late"));
                    c.read(ByteBuffer.allocateDirect(1)); // until the client closes
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    c.setTimeout(Duration.ofMillis(50));
                    ByteBuffer in = ByteBuffer.allocateDirect(4);
                    SocketTimeoutException e = assertThrows(SocketTimeoutException.class, () -> c.read(in));
                    assertTrue(e.getMessage().contains("timed out after 50 ms"), e.getMessage());
                    log.add("timeout");
                    c.setTimeout(Duration.ofSeconds(5));
                    c.readFully(in);
                    log.add(Wires.text(in.flip()));
                }
            }));
        });
        assertEquals(List.of("timeout", "late"), log);
    }

    @Test
    void writingToAClosedPeerEndsInBrokenPipeOrReset() {
        List<String> outcome = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            s.spawn("server", Wires.io(() -> {
                try (server) {
                    server.accept().close();
                }
            }));
            s.spawn("client", Wires.io(() -> {
                try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                    Wire.sleep(Duration.ofMillis(20)); // the peer has closed
                    ByteBuffer data = ByteBuffer.allocateDirect(1024);
                    try {
                        for (int i = 0; i < 100; i++) {
                            c.writeAll(data.clear());
                            Wire.sleep(Duration.ofMillis(5)); // let the peer's RST arrive
                        }
                    } catch (SocketException e) {
                        outcome.add(e.getMessage());
                    }
                }
            }));
        });
        assertEquals(1, outcome.size());
        assertTrue(outcome.get(0).endsWith("EPIPE (32)") || outcome.get(0).endsWith("ECONNRESET (104)"), outcome.get(0));
    }

    @Test
    void closingASocketWakesTheWiresWaitingOnIt() {
        List<String> log = new ArrayList<>();
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            WireServerSocket other = WireServerSocket.bind("127.0.0.1", 0); // accepts nothing
            WireSocket[] client = new WireSocket[1];
            s.spawn("acceptor", Wires.io(() -> {
                AsynchronousCloseException e = assertThrows(AsynchronousCloseException.class, server::accept);
                assertTrue(e.getMessage().contains("wire 'acceptor'"), e.getMessage());
                log.add("acceptor: closed while waiting");
            }));
            s.spawn("reader", Wires.io(() -> {
                client[0] = WireSocket.connect("127.0.0.1", other.port());
                AsynchronousCloseException e = assertThrows(AsynchronousCloseException.class,
                        () -> client[0].read(ByteBuffer.allocateDirect(1)));
                assertTrue(e.getMessage().contains("wire 'reader'"), e.getMessage());
                log.add("reader: closed while waiting");
            }));
            s.spawn("closer", Wires.io(() -> {
                while (client[0] == null) {
                    Wire.sleep(Duration.ofMillis(10));
                }
                Wire.sleep(Duration.ofMillis(20)); // both wait in epoll now
                log.add("close");
                client[0].close();
                server.close();
                other.close();
                assertFalse(client[0].isOpen());
                ClosedChannelException afterClose = assertThrows(ClosedChannelException.class,
                        () -> client[0].write(Wires.bytes("x")));
                assertTrue(afterClose.getMessage().contains("the fd is closed"), afterClose.getMessage());
                assertFalse(afterClose instanceof AsynchronousCloseException, "closed before the call, not during a wait");
                assertThrows(ClosedChannelException.class, server::accept);
            }));
        });
        assertEquals(List.of("close", "reader: closed while waiting", "acceptor: closed while waiting"), log);
    }

    @Test
    void acceptTimeoutAndMisuseFailWithSpecificExceptions() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0)) {
                server.setTimeout(Duration.ofMillis(20));
                SocketTimeoutException timeout = assertThrows(SocketTimeoutException.class, server::accept);
                assertTrue(timeout.getMessage().contains("127.0.0.1:" + server.port()), timeout.getMessage());
                IllegalArgumentException port = assertThrows(IllegalArgumentException.class,
                        () -> WireSocket.connect("127.0.0.1", 70000));
                assertTrue(port.getMessage().contains("in wire 'w': port 70000 is out of range 0..65535"), port.getMessage());
                IllegalArgumentException negative = assertThrows(IllegalArgumentException.class,
                        () -> server.setTimeout(Duration.ofMillis(-5)));
                assertTrue(negative.getMessage().contains("in wire 'w'"), negative.getMessage());
                assertTrue(negative.getMessage().contains("pass null to wait without a limit"), negative.getMessage());
                BindException inUse = assertThrows(BindException.class, () -> WireServerSocket.bind("127.0.0.1", server.port()));
                assertTrue(inUse.getMessage().endsWith("EADDRINUSE (98)"), inUse.getMessage());
                server.setTimeout(null);
                Wire.current().scheduler().spawn("connector", Wires.io(() -> WireSocket.connect("127.0.0.1", server.port()).close()));
                try (WireSocket c = server.accept()) {
                    IllegalArgumentException readOnly = assertThrows(IllegalArgumentException.class,
                            () -> c.read(ByteBuffer.allocate(4).asReadOnlyBuffer()));
                    assertTrue(readOnly.getMessage().contains("in wire 'w': the ByteBuffer is read-only"),
                            readOnly.getMessage());
                    assertInstanceOf(EOFException.class,
                            assertThrows(IOException.class, () -> c.readFully(ByteBuffer.allocateDirect(4))));
                }
            }
        })));
    }

    @Test
    void aListenerBoundToPortZeroShowsTheBoundPortInItsFdWaitsAndMessages() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0);
            String bound = "127.0.0.1:" + server.port();
            try (server) {
                assertEquals(bound, server.localAddress());
                assertTrue(server.toString().contains(bound), server.toString());
                assertTrue(server.fd().toString().contains("listener on " + bound), server.fd().toString());
                assertTrue(server.fd().readableWait().name().contains(bound), server.fd().readableWait().name());
                server.setTimeout(Duration.ofMillis(1));
                SocketTimeoutException e = assertThrows(SocketTimeoutException.class, server::accept);
                assertFalse(e.getMessage().contains("127.0.0.1:0"), e.getMessage());
            }
            ClosedChannelException closed = assertThrows(ClosedChannelException.class, server::accept);
            assertTrue(closed.getMessage().contains(bound), closed.getMessage());
            assertFalse(closed.getMessage().contains("127.0.0.1:0"), closed.getMessage());
        })));
    }

    @Test
    void aNameToLookUpOutsideAWireIsMisuseThatSaysWhatToDo() {
        List<String> log = new ArrayList<>();
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            s.execute(() -> { // on the scheduler's thread, outside any wire
                IllegalStateException e = assertThrows(IllegalStateException.class,
                        () -> WireServerSocket.bind("echo.jwire.test", 0));
                assertTrue(e.getMessage().contains("call this from a wire or pass a numeric address"), e.getMessage());
                log.add("refused");
            });
            Wire.sleep(Duration.ofMillis(20)); // the task runs meanwhile
        })));
        assertEquals(List.of("refused"), log);
    }

    @Test
    void reusePortLetsTwoListenersShareAPort() {
        Wires.run(s -> s.spawn("w", Wires.io(() -> {
            try (WireServerSocket a = WireServerSocket.bind("127.0.0.1", 0, 16, true);
                 WireServerSocket b = WireServerSocket.bind("127.0.0.1", a.port(), 16, true)) {
                assertEquals(a.port(), b.port());
            }
        })));
    }
}
