package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Every fd jwire opens is closed again: /proc/self/fd has as many entries after 10,000 connections as before. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class FdLeakTest {

    @Test
    void tenThousandConnectionsOpenedAndClosedLeakNoFd() throws IOException {
        connect(100, true); // warm up: classes loaded, lazily opened JVM files open
        long before = openFds();
        assertEquals(10_000, connect(10_000, false));
        assertEquals(before, openFds(), "fds open before and after 10,000 connections");
    }

    /** Opens and closes {@code total} connections (a scheduler, a listener, 20 client wires); returns how many. */
    private static int connect(int total, boolean warmUp) {
        AtomicInteger closed = new AtomicInteger();
        int clients = 20;
        Wires.inWire(s -> {
            WireServerSocket server = WireServerSocket.bind("127.0.0.1", 0, 512, false);
            AtomicInteger accepted = new AtomicInteger();
            s.spawn("acceptor", Wires.io(() -> {
                try (server) {
                    while (accepted.get() < total) {
                        WireSocket c = server.accept();
                        accepted.incrementAndGet();
                        s.spawn("server side", Wires.io(() -> {
                            try (c) {
                                c.read(ByteBuffer.allocateDirect(1)); // until the client closes
                            }
                        }));
                    }
                }
            }));
            for (int w = 0; w < clients; w++) {
                int share = total / clients;
                s.spawn("client " + w, Wires.io(() -> {
                    ByteBuffer one = Wires.bytes("x");
                    for (int i = 0; i < share; i++) {
                        try (WireSocket c = WireSocket.connect("127.0.0.1", server.port())) {
                            c.writeAll(one.clear());
                            c.setLinger(0); // no TIME_WAIT: repeated runs keep ephemeral ports free
                        }
                        closed.incrementAndGet();
                    }
                }));
            }
        });
        return closed.get();
    }

    private static long openFds() throws IOException {
        try (Stream<Path> fds = Files.list(Path.of("/proc/self/fd"))) {
            return fds.count();
        }
    }
}
