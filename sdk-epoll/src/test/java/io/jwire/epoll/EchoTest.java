package io.jwire.epoll;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import java.nio.ByteBuffer;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** An echo server on one scheduler thread, client wires on another; every byte is checked. */
@Timeout(value = 120, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class EchoTest {
    private static final int CONNECTIONS = 200;
    private static final int MESSAGES = 1_000;
    private static final int MESSAGE_SIZE = 32;

    @Test
    void twoHundredConnectionsEchoAThousandMessagesEachByteExact() throws Exception {
        try (EchoServer server = new EchoServer(CONNECTIONS, 4096)) {
            AtomicLong verified = new AtomicLong();
            Wires.run(s -> {
                for (int c = 0; c < CONNECTIONS; c++) {
                    int id = c;
                    s.spawn("client " + c, Wires.io(() -> {
                        ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_SIZE);
                        ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_SIZE);
                        try (WireSocket socket = WireSocket.connect("127.0.0.1", server.port())) {
                            socket.setNoDelay(true);
                            for (int m = 0; m < MESSAGES; m++) {
                                out.clear();
                                for (int i = 0; i < MESSAGE_SIZE; i++) {
                                    out.put((byte) (id * 31 + m * 7 + i));
                                }
                                socket.writeAll(out.flip());
                                socket.readFully(in.clear());
                                for (int i = 0; i < MESSAGE_SIZE; i++) {
                                    if (in.get(i) != out.get(i)) {
                                        throw new AssertionError("client " + id + " message " + m + " byte " + i
                                                + ": sent " + out.get(i) + ", got back " + in.get(i));
                                    }
                                }
                                verified.incrementAndGet();
                            }
                            socket.shutdownOutput();
                            assertEquals(-1, socket.read(in.clear()));
                        }
                    }));
                }
            });
            assertEquals((long) CONNECTIONS * MESSAGES, verified.get());
            server.awaitDone();
            assertEquals((long) CONNECTIONS * MESSAGES * MESSAGE_SIZE, server.bytesEchoed.get());
        }
    }

    @Test
    void oneMebibyteMessagesWrittenInPiecesComeBackByteExact() throws Exception {
        int connections = 4;
        int size = 1 << 20;
        try (EchoServer server = new EchoServer(connections, 16 * 1024)) {
            List<String> done = new CopyOnWriteArrayList<>();
            Wires.run(s -> {
                for (int c = 0; c < connections; c++) {
                    int id = c;
                    s.spawn("client " + c, Wires.io(() -> {
                        ByteBuffer message = ByteBuffer.allocateDirect(size);
                        for (int i = 0; i < size; i++) {
                            message.put(i, (byte) (i * 13 + id + (i >>> 11)));
                        }
                        try (WireSocket socket = WireSocket.connect("127.0.0.1", server.port())) {
                            Wire writer = Wire.current().scheduler().spawn("writer " + id, Wires.io(() -> {
                                int pos = 0;
                                int piece = 1000;
                                while (pos < size) { // pieces of growing, odd sizes
                                    int len = Math.min(piece, size - pos);
                                    socket.writeAll(message.duplicate().position(pos).limit(pos + len));
                                    pos += len;
                                    piece = piece * 3 / 2 + 7;
                                }
                                socket.shutdownOutput();
                            }));
                            ByteBuffer echo = ByteBuffer.allocateDirect(size);
                            socket.readFully(echo);
                            writer.join();
                            assertEquals(-1, socket.read(ByteBuffer.allocateDirect(1)));
                            assertEquals(message.clear(), echo.flip(), "client " + id + ": echo differs");
                            done.add("client " + id);
                        }
                    }));
                }
            });
            assertEquals(connections, done.size());
            server.awaitDone();
            assertEquals((long) connections * size, server.bytesEchoed.get());
        }
    }

    /** Accepts {@code connections} connections on its own scheduler thread and echoes each until end of stream. */
    static final class EchoServer implements AutoCloseable {
        final AtomicLong bytesEchoed = new AtomicLong();
        private final CompletableFuture<Integer> port = new CompletableFuture<>();
        private final List<Throwable> failures = new CopyOnWriteArrayList<>();
        private final WireScheduler scheduler = WireScheduler.create();
        private final Thread thread;

        EchoServer(int connections, int bufferSize) {
            scheduler.setExceptionHandler((w, t) -> failures.add(t));
            scheduler.spawn("acceptor", Wires.io(() -> {
                try (WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0, 1024, false)) {
                    port.complete(listener.port());
                    for (int i = 0; i < connections; i++) {
                        WireSocket c = listener.accept();
                        scheduler.spawn("echo " + c.remoteAddress(), Wires.io(() -> echo(c, bufferSize)));
                    }
                } catch (Throwable t) {
                    port.completeExceptionally(t);
                    throw t;
                }
            }));
            thread = scheduler.startThread("echo-server", 0);
        }

        private void echo(WireSocket c, int bufferSize) throws java.io.IOException {
            ByteBuffer buf = ByteBuffer.allocateDirect(bufferSize);
            try (c) {
                c.setNoDelay(true);
                long total = 0;
                while (c.read(buf.clear()) >= 0) {
                    total += buf.flip().remaining();
                    c.writeAll(buf);
                }
                bytesEchoed.addAndGet(total);
            }
        }

        int port() {
            try {
                return port.get(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new AssertionError("the echo server did not start", e);
            }
        }

        void awaitDone() throws InterruptedException {
            thread.join(30_000);
            Wires.rethrow(failures);
        }

        @Override
        public void close() throws InterruptedException {
            scheduler.close();
            thread.join(10_000);
        }
    }
}
