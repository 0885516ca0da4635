package io.jwire.examples;

import io.jwire.sync.WirePool;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.epoll.WireServerSocket;
import io.jwire.epoll.WireSocket;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

/**
 * libwire's {@code echo_server} on wires: one wire accepts connections, and each connection is
 * served by a handler from a {@link WirePool} of {@code maxHandlers} wires that echoes every byte
 * back until the client closes; a connection that arrives while all are busy gets
 * {@code "busy\n"} and is closed.
 *
 * <pre>{@code
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED -cp ... io.jwire.examples.EchoServer 9000 1000
 * }</pre>
 *
 * <p>Create, {@link #serve()} and {@link #close()} on one scheduler's thread (its wires).
 */
public final class EchoServer implements AutoCloseable {
    /** What a connection gets when every handler is busy. */
    public static final String BUSY = "busy\n";
    private static final int BUFFER_SIZE = 16 * 1024;

    private final WireServerSocket listener;
    /** The handlers: libwire's wire_pool; tryStart returns null when every handler is busy. */
    private final WirePool handlers;
    private long accepted;
    private long busyReplies;

    private EchoServer(WireServerSocket listener, int maxHandlers) {
        this.listener = listener;
        this.handlers = new WirePool(Wire.current().scheduler(), "echo handlers", maxHandlers);
    }

    /**
     * Binds the server to {@code host:port} (port 0: an ephemeral port, see {@link #port()}).
     * Call from a wire of a scheduler with the epoll poller.
     *
     * @throws IOException when binding fails (for example {@link java.net.BindException}: the port is in use)
     * @throws IllegalArgumentException when {@code maxHandlers} is not positive
     */
    public static EchoServer bind(String host, int port, int maxHandlers) throws IOException {
        if (maxHandlers <= 0) {
            throw new IllegalArgumentException("maxHandlers " + maxHandlers + " must be positive");
        }
        return new EchoServer(WireServerSocket.bind(host, port, 1024, false), maxHandlers);
    }

    /** The bound port. */
    public int port() {
        return listener.port();
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted;
    }

    /** Connections turned away with {@link #BUSY} so far. */
    public long busyReplies() {
        return busyReplies;
    }

    /** Handlers running now. */
    public int activeHandlers() {
        return handlers.busy();
    }

    /**
     * Accepts connections in the calling wire until the server is {@linkplain #close() closed}
     * (then returns normally), giving each connection to an idle handler of the pool.
     *
     * @throws IOException when accepting fails for another reason (for example {@code EMFILE}: out of fds)
     */
    public void serve() throws IOException {
        WireScheduler scheduler = Wire.current().scheduler();
        for (;;) {
            WireSocket connection;
            try {
                connection = listener.accept();
            } catch (ClosedChannelException closed) { // close() while accept waited
                return;
            }
            accepted++;
            if (handlers.tryStart("echo " + connection.remoteAddress(), () -> echo(connection)) == null) {
                busyReplies++;
                scheduler.spawn("busy " + connection.remoteAddress(), () -> turnAway(connection));
            }
        }
    }

    /** Stops accepting: {@link #serve()} returns; running handlers finish their connections, then end. */
    @Override
    public void close() {
        listener.close();
        handlers.close();
    }

    private static void echo(WireSocket connection) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        try (connection) {
            connection.setNoDelay(true);
            while (connection.read(buffer.clear()) >= 0) {
                connection.writeAll(buffer.flip());
            }
        } catch (IOException peerGone) {
            // reset, broken pipe: the client went away; nothing to echo to
        }
    }

    /** Replies "busy", then closes gracefully: waits (briefly) for the client's FIN so no RST eats the reply. */
    private static void turnAway(WireSocket connection) {
        try (connection) {
            connection.writeAll(ByteBuffer.allocateDirect(BUSY.length()).put(BUSY.getBytes(StandardCharsets.US_ASCII)).flip());
            connection.shutdownOutput();
            connection.setTimeout(Duration.ofSeconds(1));
            ByteBuffer discard = ByteBuffer.allocateDirect(4096);
            while (connection.read(discard.clear()) >= 0) {
                // drain until the client closes
            }
        } catch (IOException peerGone) {
            // the client reset or never closed: the connection is closed anyway
        }
    }

    /**
     * Runs an echo server until the process is stopped. Arguments: {@code [port [maxHandlers]]},
     * defaults 9000 and 1000.
     */
    public static void main(String[] args) {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9000;
        int handlers = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("acceptor", () -> {
                try (EchoServer server = bind("0.0.0.0", port, handlers)) {
                    System.out.println("echo server on port " + server.port() + " with " + handlers + " handlers ("
                            + scheduler.pollerName() + ", " + scheduler.switchImplementation() + ")");
                    server.serve();
                } catch (IOException e) {
                    throw new UncheckedIOException(e); // fails the wire, and run() reports it
                }
            });
            scheduler.run();
        }
    }
}
