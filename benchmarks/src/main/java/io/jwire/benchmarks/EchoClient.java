package io.jwire.benchmarks;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.util.function.Consumer;

/**
 * The one load generator of {@link EchoBench}, the same code against every server: a closed loop
 * over {@code connections} loopback connections, driven by the calling (JMH) thread with one NIO
 * selector. Every connection has exactly one {@value #MESSAGE_SIZE}-byte message in flight: as soon
 * as its echo is completely back, its round trip is recorded and the next message is sent. All
 * connections are opened (and their first messages sent) once per trial, not per operation.
 *
 * <p>{@link #next} returns when one more message has come back, so one JMH operation is one echoed
 * message. Buffers are direct and preallocated and the selector is used with a reusable action, so
 * the client itself is written not to allocate per message (the JDK's selector may; see method.md).
 */
final class EchoClient implements AutoCloseable {
    /** Bytes per message. */
    static final int MESSAGE_SIZE = 64;

    private static final class Connection {
        final SocketChannel channel;
        final ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_SIZE);
        final ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_SIZE);
        long sentAt;

        Connection(SocketChannel channel, int id) {
            this.channel = channel;
            for (int i = 0; i < MESSAGE_SIZE; i++) {
                out.put(i, (byte) (id + i));
            }
        }
    }

    private final Selector selector;
    private final Connection[] connections;
    private final Consumer<SelectionKey> onReady = this::onReady;
    private EchoLatency latency;
    /** Messages completed by the selector pass but not yet returned by {@link #next}. */
    private long completed;
    private long received;

    private EchoClient(Selector selector, Connection[] connections) {
        this.selector = selector;
        this.connections = connections;
    }

    /** Opens {@code connections} connections to {@code 127.0.0.1:port} and sends each its first message. */
    static EchoClient connect(int port, int connections) {
        try {
            Selector selector = Selector.open();
            Connection[] all = new Connection[connections];
            EchoClient client = new EchoClient(selector, all);
            InetSocketAddress server = new InetSocketAddress("127.0.0.1", port);
            for (int i = 0; i < connections; i++) {
                SocketChannel ch = SocketChannel.open(server);
                ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                ch.configureBlocking(false);
                all[i] = new Connection(ch, i);
                ch.register(selector, SelectionKey.OP_READ, all[i]);
            }
            for (Connection c : all) {
                client.send(c);
            }
            return client;
        } catch (IOException e) {
            throw new UncheckedIOException("connecting " + connections + " echo clients to port " + port, e);
        }
    }

    /**
     * Waits until one more message has been echoed back completely (round trip recorded in
     * {@code latency}) and returns the number of messages received so far.
     */
    long next(EchoLatency latency) {
        this.latency = latency;
        try {
            while (completed == 0) {
                selector.select(onReady);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("echo client select", e);
        }
        completed--;
        return received;
    }

    private void onReady(SelectionKey key) {
        Connection c = (Connection) key.attachment();
        try {
            if (key.isWritable() && c.out.hasRemaining()) {
                c.channel.write(c.out);
                if (!c.out.hasRemaining()) {
                    key.interestOps(SelectionKey.OP_READ);
                }
            }
            if (key.isReadable()) {
                int n = c.channel.read(c.in);
                if (n < 0) {
                    throw new IllegalStateException("echo server closed connection " + c.channel);
                }
                if (!c.in.hasRemaining()) {
                    latency.record(System.nanoTime() - c.sentAt);
                    completed++;
                    received++;
                    verify(c);
                    send(c);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("echo client on " + c.channel, e);
        }
    }

    private static void verify(Connection c) {
        if (c.in.getLong(0) != c.out.getLong(0) || c.in.getLong(MESSAGE_SIZE - 8) != c.out.getLong(MESSAGE_SIZE - 8)) {
            throw new IllegalStateException("echo server returned other bytes than were sent on " + c.channel);
        }
    }

    private void send(Connection c) throws IOException {
        c.in.clear();
        c.out.clear();
        c.sentAt = System.nanoTime();
        c.channel.write(c.out);
        if (c.out.hasRemaining()) {
            c.channel.keyFor(selector).interestOps(SelectionKey.OP_READ | SelectionKey.OP_WRITE);
        }
    }

    @Override
    public void close() {
        for (Connection c : connections) {
            if (c != null) {
                try {
                    c.channel.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }
        try {
            selector.close();
        } catch (IOException ignored) {
            // closing anyway
        }
    }
}
