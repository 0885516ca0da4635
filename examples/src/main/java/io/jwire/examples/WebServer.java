package io.jwire.examples;

import io.jwire.Wire;
import io.jwire.WireScheduler;
import io.jwire.epoll.WireServerSocket;
import io.jwire.epoll.WireSocket;
import io.jwire.sync.WirePool;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.ClosedChannelException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * libwire's {@code web}: an HTTP/1.1 server on epoll sockets. One wire accepts; each connection is
 * served by a handler from a {@link WirePool} (128 by default). When every handler is busy the
 * acceptor waits for one to free (libwire's {@code wire_pool_alloc_block}), so new connections
 * queue in the kernel's backlog: a full pool throttles accept instead of turning clients away.
 *
 * <p>Routes: {@code GET /} says {@code Hello, World!}; {@code GET /files/NAME} sends a file of the
 * configured directory, read through {@link io.jwire.io.WireIo} (libwire's {@code wio_pread}) so a
 * slow disk stalls only that connection's wire; {@code POST /echo} sends the request's body back.
 * Connections are kept alive (HTTP/1.1, or HTTP/1.0 with {@code Connection: keep-alive}), pipelined
 * requests are answered in order, bodies come with {@code Content-Length} or chunked. Bad input
 * gets its status and the connection closed: 400 (malformed), 431 (head too large), 413 (body too
 * large), 408 (request too slow: slowloris); an idle connection is closed after
 * {@link Config#idleTimeout()}.
 *
 * <pre>{@code
 * scheduler.spawn("acceptor", () -> {
 *     try (WebServer server = WebServer.bind("127.0.0.1", 8080, WebServer.Config.defaults())) {
 *         server.serve();                 // until server.close()
 *     } catch (IOException e) {
 *         throw new UncheckedIOException(e);
 *     }
 * });
 * }</pre>
 *
 * <p>Create, {@link #serve()} and {@link #close()} on one scheduler's thread (its wires or tasks);
 * the scheduler must use the epoll poller.
 */
public final class WebServer implements AutoCloseable {
    /**
     * The server's limits.
     *
     * @param handlers how many connections are served at once (the handler pool's size)
     * @param maxHeaderBytes the largest request head (request line and headers) accepted; larger gets 431
     * @param maxBodyBytes the largest request body accepted; larger gets 413
     * @param idleTimeout how long a connection may send nothing before it is closed, and how long
     *        a client may leave a response unread
     * @param requestTimeout how long a request may take to arrive, from its first byte to the end of
     *        its body; longer gets 408
     * @param fileRoot the directory {@code /files/NAME} serves, or null for none
     */
    public record Config(int handlers, int maxHeaderBytes, int maxBodyBytes, Duration idleTimeout, Duration requestTimeout,
                         Path fileRoot) {
        /**
         * Checks the values.
         *
         * @throws IllegalArgumentException when a number is not positive, {@code maxHeaderBytes}
         *         is under 256, or a timeout is not positive
         */
        public Config {
            if (handlers <= 0 || maxHeaderBytes < 256 || maxBodyBytes < 0) {
                throw new IllegalArgumentException("WebServer.Config: handlers " + handlers + " must be positive, maxHeaderBytes "
                        + maxHeaderBytes + " at least 256, maxBodyBytes " + maxBodyBytes + " not negative");
            }
            Objects.requireNonNull(idleTimeout, "idleTimeout");
            Objects.requireNonNull(requestTimeout, "requestTimeout");
            if (idleTimeout.isNegative() || idleTimeout.isZero() || requestTimeout.isNegative() || requestTimeout.isZero()) {
                throw new IllegalArgumentException("WebServer.Config: timeouts must be positive, got idle " + idleTimeout
                        + " and request " + requestTimeout);
            }
        }

        /** 128 handlers, 8 KiB heads, 1 MiB bodies, 5 s idle, 10 s per request, no files. */
        public static Config defaults() {
            return new Config(128, 8192, 1 << 20, Duration.ofSeconds(5), Duration.ofSeconds(10), null);
        }

        /** This config with {@code handlers} handlers. */
        public Config withHandlers(int handlers) {
            return new Config(handlers, maxHeaderBytes, maxBodyBytes, idleTimeout, requestTimeout, fileRoot);
        }

        /** This config with these head and body limits. */
        public Config withLimits(int maxHeaderBytes, int maxBodyBytes) {
            return new Config(handlers, maxHeaderBytes, maxBodyBytes, idleTimeout, requestTimeout, fileRoot);
        }

        /** This config with these timeouts. */
        public Config withTimeouts(Duration idleTimeout, Duration requestTimeout) {
            return new Config(handlers, maxHeaderBytes, maxBodyBytes, idleTimeout, requestTimeout, fileRoot);
        }

        /** This config serving {@code /files/NAME} from {@code fileRoot}. */
        public Config withFileRoot(Path fileRoot) {
            return new Config(handlers, maxHeaderBytes, maxBodyBytes, idleTimeout, requestTimeout, fileRoot);
        }
    }

    private final WireServerSocket listener;
    private final Config config;
    private final WirePool handlers;
    /** Every connection object made (at most one per handler); idle ones are also in {@link #spare}. */
    private final List<HttpConnection> connections = new ArrayList<>();
    private final ArrayDeque<HttpConnection> spare = new ArrayDeque<>();
    private boolean closed;
    private long accepted;
    private long throttled;
    /** Requests whose head was accepted; updated by the connections. */
    long requests;
    /** Requests answered with an error status and a close (400, 408, 413, 431, 501, 505). */
    long rejected;

    private WebServer(WireServerSocket listener, Config config) {
        this.listener = listener;
        this.config = config;
        this.handlers = new WirePool(Wire.current().scheduler(), "web handlers", config.handlers());
    }

    /**
     * Binds the server to {@code host:port} (port 0: an ephemeral port, see {@link #port()}). Call
     * from a wire of a scheduler with the epoll poller.
     *
     * @throws IOException when binding fails, for example when the port is in use
     */
    public static WebServer bind(String host, int port, Config config) throws IOException {
        Objects.requireNonNull(config, "config");
        return new WebServer(WireServerSocket.bind(host, port, 1024, false), config);
    }

    /** The bound port. */
    public int port() {
        return listener.port();
    }

    /** The limits the server runs with. */
    public Config config() {
        return config;
    }

    /** Connections accepted so far. */
    public long accepted() {
        return accepted;
    }

    /** How many accepted connections had to wait for a free handler (accept paused meanwhile). */
    public long throttled() {
        return throttled;
    }

    /** Requests whose head was accepted so far. */
    public long requests() {
        return requests;
    }

    /** Requests answered with an error status and a closed connection so far. */
    public long rejected() {
        return rejected;
    }

    /** Connections being served now. */
    public int activeConnections() {
        return handlers.busy();
    }

    /**
     * Accepts connections in the calling wire until the server is {@linkplain #close() closed}
     * (then returns normally), handing each to a handler of the pool, and waiting for one to free
     * when all are busy.
     *
     * @throws IOException when accepting fails for another reason (for example out of file descriptors)
     */
    public void serve() throws IOException {
        for (;;) {
            WireSocket connection;
            try {
                connection = listener.accept();
            } catch (ClosedChannelException closedListener) {   // close() while accept waited
                return;
            }
            accepted++;
            if (handlers.busy() == handlers.size()) {
                throttled++;                       // start() below waits: accept pauses, the backlog fills
            }
            try {
                handlers.start("web " + connection.remoteAddress(), () -> handle(connection));
            } catch (IllegalStateException poolClosed) {
                connection.close();
                if (closed) {
                    return;
                }
                throw poolClosed;
            }
        }
    }

    private void handle(WireSocket connection) {
        HttpConnection c = spare.poll();
        if (c == null) {
            c = new HttpConnection(this, config);
            connections.add(c);
        }
        try {
            c.serve(connection);
        } finally {
            spare.push(c);                         // LIFO: the most recently used buffers serve next
        }
    }

    /**
     * Stops the server: {@link #serve()} returns, the connections being served are closed (their
     * handlers wake and end), the pool ends its workers. Idempotent.
     */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        listener.close();
        handlers.close();
        for (HttpConnection c : connections) {
            c.abort();
        }
    }

    /**
     * Runs a web server until the process is stopped. Arguments: {@code [port [fileDirectory]]},
     * defaults 9090 (libwire's) and a fresh temporary directory holding {@code hello.txt}.
     */
    public static void main(String[] args) throws IOException {
        int port = args.length > 0 ? Integer.parseInt(args[0]) : 9090;
        Path files = args.length > 1 ? Path.of(args[1]) : sampleFiles();
        Config config = Config.defaults().withFileRoot(files);
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("accept", () -> {
                try (WebServer server = bind("127.0.0.1", port, config)) {
                    String base = "http://127.0.0.1:" + server.port();
                    System.out.printf("web server on %s/ with %d handlers (%s poller, %s switch), files from %s%n", base,
                            config.handlers(), scheduler.pollerName(), scheduler.switchImplementation(), files);
                    System.out.printf("try: curl -i %s/   curl -i %s/files/hello.txt   curl -i --data-binary hi %s/echo%n",
                            base, base, base);
                    server.serve();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
    }

    private static Path sampleFiles() throws IOException {
        Path dir = Files.createTempDirectory("jwire-web");
        Files.writeString(dir.resolve("hello.txt"), "Hello from a file, read through WireIo.\n", StandardCharsets.UTF_8);
        dir.toFile().deleteOnExit();
        dir.resolve("hello.txt").toFile().deleteOnExit();
        return dir;
    }
}
