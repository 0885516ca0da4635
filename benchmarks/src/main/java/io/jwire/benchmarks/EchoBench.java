package io.jwire.benchmarks;

import io.jwire.sync.WirePool;

import io.jwire.WireScheduler;
import io.jwire.epoll.EpollPoller;
import io.jwire.examples.EchoServer;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.channel.Channel;
import io.netty.channel.ChannelHandler;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.StandardSocketOptions;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Benchmark 7, echo over loopback: messages per second through an echo server on 127.0.0.1 with
 * {@code connections} connections, all driven by the same {@link EchoClient} (one NIO selector on
 * the JMH thread, one {@value EchoClient#MESSAGE_SIZE}-byte message in flight per connection). One
 * operation is one message echoed back; round-trip p50/p99 are the secondary results of
 * {@link EchoLatency}. The server and its connections are set up once per trial.
 *
 * <ul>
 *   <li>{@code jwire}: the examples' {@link EchoServer} on one scheduler thread with sdk-epoll's
 *       poller: an acceptor wire and a handler wire per connection ({@code WireSocket.read} then
 *       {@code writeAll}).</li>
 *   <li>{@code netty}: Netty's native epoll transport, one event-loop thread for accepting and all
 *       connections; the handler writes what it reads and flushes at the end of each read.</li>
 *   <li>{@code virtualThread}: {@link ServerSocket} with one virtual thread per connection doing
 *       blocking {@code read}/{@code write} (on the JDK's default virtual-thread scheduler).</li>
 *   <li>{@code nio}: one platform thread running a {@link Selector} loop over non-blocking channels.</li>
 * </ul>
 *
 * Server and client share the machine (and this JVM), so every peer's figure includes the same
 * client cost. The jwire row's {@code -prof gc} figure is jwire's fd-readiness path plus the
 * client's share, which is nothing per message once the forks cache every fd number's
 * {@code Integer} ({@code -XX:AutoBoxCacheMax}, see {@code @Fork}).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
// AutoBoxCacheMax: the JDK's epoll Selector (the client's, and the NIO server's) boxes every ready
// fd number into an Integer (Integer.valueOf: 16 B per event above fd 127); with every fd number
// cached, the allocation figures show the servers' own paths instead of that JDK detail. It
// applies alike to every row of this class.
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED", "--enable-native-access=ALL-UNNAMED",
        "-XX:AutoBoxCacheMax=65536"})
public class EchoBench {
    /** Server-side read buffer of the peers' servers (the examples' EchoServer uses 16 KiB; messages are 64 B). */
    static final int BUFFER_SIZE = 4096;
    private static final int BACKLOG = 1024;

    /** A server with its connected load generator; one per trial. */
    @State(Scope.Thread)
    public abstract static class Server {
        /** Connections open during the trial; the smoke test lowers it. */
        @Param({"100", "1000"})
        public int connections;

        EchoClient client;

        /** Starts the server and returns its port on 127.0.0.1. */
        abstract int start() throws Exception;

        /** Stops the server after the client has closed its connections. */
        abstract void stop() throws Exception;

        void open() throws Exception {
            client = EchoClient.connect(start(), connections);
        }

        @TearDown(Level.Trial)
        public void close() throws Exception {
            client.close();
            stop();
        }
    }

    /**
     * jwire: the project's own echo server ({@link EchoServer} of the examples: an acceptor wire,
     * a handler wire per connection from a {@code WirePool}) on a scheduler with the epoll poller,
     * on its own thread.
     */
    public static class JwireServer extends Server {
        private WireScheduler scheduler;
        private Thread thread;
        private volatile EchoServer server;

        @Setup(Level.Trial)
        public void setUp(JwireState jwire) throws Exception {
            open(); // after JwireState: -Djwire.switch is set, so this scheduler runs on the row's switch
        }

        @Override
        int start() throws InterruptedException {
            scheduler = WireScheduler.create(new EpollPoller.Provider());
            CountDownLatch bound = new CountDownLatch(1);
            scheduler.spawn("acceptor", () -> {
                try {
                    server = EchoServer.bind("127.0.0.1", 0, connections);
                    bound.countDown();
                    server.serve();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            thread = scheduler.startThread("jwire echo server", 0);
            bound.await();
            return server.port();
        }

        @Override
        void stop() throws InterruptedException {
            scheduler.spawn("stop", server::close); // queued from this thread; handlers end as clients closed
            thread.join(10_000);
            scheduler.close();
        }
    }

    /** Netty: native epoll transport, one event loop for the listener and every connection. */
    public static class NettyServer extends Server {
        private EventLoopGroup group;
        private Channel listener;

        @ChannelHandler.Sharable
        private static final class Echo extends ChannelInboundHandlerAdapter {
            @Override
            public void channelRead(ChannelHandlerContext ctx, Object msg) {
                ctx.write(msg);
            }

            @Override
            public void channelReadComplete(ChannelHandlerContext ctx) {
                ctx.flush();
            }

            @Override
            public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
                ctx.close();
            }
        }

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
        }

        @Override
        int start() throws InterruptedException {
            group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
            Echo echo = new Echo();
            listener = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, BACKLOG)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(echo)
                    .bind("127.0.0.1", 0).sync().channel();
            return ((InetSocketAddress) listener.localAddress()).getPort();
        }

        @Override
        void stop() throws InterruptedException {
            listener.close().sync();
            group.shutdownGracefully(0, 1, TimeUnit.SECONDS).sync();
        }
    }

    /** Virtual threads: blocking {@link ServerSocket}, a virtual thread per connection. */
    public static class VirtualThreadServer extends Server {
        private ServerSocket listener;
        private Thread acceptor;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
        }

        @Override
        int start() throws IOException {
            listener = new ServerSocket(0, BACKLOG, InetAddress.getLoopbackAddress());
            acceptor = Thread.ofVirtual().name("acceptor").start(() -> {
                try {
                    for (;;) {
                        Socket s = listener.accept();
                        Thread.ofVirtual().start(() -> echo(s));
                    }
                } catch (IOException closed) {
                    // the listener was closed: stop accepting
                }
            });
            return listener.getLocalPort();
        }

        private static void echo(Socket s) {
            byte[] buffer = new byte[BUFFER_SIZE];
            try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
                s.setTcpNoDelay(true);
                for (int n; (n = in.read(buffer)) >= 0; ) {
                    out.write(buffer, 0, n);
                }
            } catch (IOException peerGone) {
                // the client went away
            }
        }

        @Override
        void stop() throws Exception {
            listener.close();
            acceptor.join(10_000);
        }
    }

    /** A plain NIO selector loop on one platform thread. */
    public static class NioServer extends Server {
        private Selector selector;
        private ServerSocketChannel listener;
        private Thread thread;
        private volatile boolean running = true;

        @Setup(Level.Trial)
        public void setUp() throws Exception {
            open();
        }

        @Override
        int start() throws IOException {
            selector = Selector.open();
            listener = ServerSocketChannel.open().bind(new InetSocketAddress("127.0.0.1", 0), BACKLOG);
            listener.configureBlocking(false);
            listener.register(selector, SelectionKey.OP_ACCEPT);
            thread = Thread.ofPlatform().name("nio echo server").start(this::loop);
            return ((InetSocketAddress) listener.getLocalAddress()).getPort();
        }

        private void loop() {
            try {
                while (running) {
                    selector.select(this::ready);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("nio echo server select", e);
            } finally {
                for (SelectionKey key : selector.keys()) {
                    closeQuietly(key);
                }
                try {
                    selector.close();
                } catch (IOException ignored) {
                    // closing anyway
                }
            }
        }

        private void ready(SelectionKey key) {
            try {
                if (key.isAcceptable()) {
                    SocketChannel ch;
                    while ((ch = listener.accept()) != null) {
                        ch.configureBlocking(false);
                        ch.setOption(StandardSocketOptions.TCP_NODELAY, true);
                        ch.register(selector, SelectionKey.OP_READ, ByteBuffer.allocateDirect(BUFFER_SIZE));
                    }
                    return;
                }
                SocketChannel ch = (SocketChannel) key.channel();
                ByteBuffer buffer = (ByteBuffer) key.attachment();
                if (key.isWritable()) { // the rest of an echo that did not fit into the send buffer
                    ch.write(buffer);
                    if (!buffer.hasRemaining()) {
                        buffer.clear();
                        key.interestOps(SelectionKey.OP_READ);
                    }
                } else if (key.isReadable()) {
                    if (ch.read(buffer) < 0) {
                        closeQuietly(key);
                        return;
                    }
                    buffer.flip();
                    ch.write(buffer);
                    if (buffer.hasRemaining()) {
                        key.interestOps(SelectionKey.OP_WRITE); // stop reading until this is out
                    } else {
                        buffer.clear();
                    }
                }
            } catch (IOException peerGone) {
                closeQuietly(key);
            }
        }

        private static void closeQuietly(SelectionKey key) {
            key.cancel();
            try {
                key.channel().close();
            } catch (IOException ignored) {
                // closing anyway
            }
        }

        @Override
        void stop() throws Exception {
            running = false;
            selector.wakeup();
            thread.join(10_000);
        }
    }

    @Benchmark
    public long jwire(JwireState s, JwireServer server, EchoLatency latency) {
        return server.client.next(latency);
    }

    @Benchmark
    public long netty(NettyServer server, EchoLatency latency) {
        return server.client.next(latency);
    }

    @Benchmark
    public long virtualThread(VirtualThreadServer server, EchoLatency latency) {
        return server.client.next(latency);
    }

    @Benchmark
    public long nio(NioServer server, EchoLatency latency) {
        return server.client.next(latency);
    }
}
