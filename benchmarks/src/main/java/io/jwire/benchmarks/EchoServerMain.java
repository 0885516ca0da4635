package io.jwire.benchmarks;

import io.jwire.WireScheduler;
import io.jwire.epoll.EpollPoller;
import io.jwire.epoll.WireServerSocket;
import io.jwire.epoll.WireSocket;
import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.channel.ChannelHandlerContext;
import io.netty.channel.ChannelInboundHandlerAdapter;
import io.netty.channel.ChannelInitializer;
import io.netty.channel.ChannelOption;
import io.netty.channel.EventLoopGroup;
import io.netty.channel.MultiThreadIoEventLoopGroup;
import io.netty.channel.epoll.Epoll;
import io.netty.channel.epoll.EpollIoHandler;
import io.netty.channel.epoll.EpollServerSocketChannel;
import io.netty.channel.socket.SocketChannel;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.ByteBuffer;
import java.util.Locale;

/**
 * The echo servers of {@code benchmarks/sockperf.sh}, each a process of its own on 127.0.0.1 and an
 * ephemeral port: {@code jwire} (one scheduler thread with sdk-epoll's poller, a wire per
 * connection doing {@code WireSocket.read} into a 16 KiB direct buffer then {@code writeAll}, as the
 * examples' {@code EchoServer}), {@code netty} (native epoll transport, one event loop, write what
 * is read and flush at the end of each read batch, as {@link EchoBench}'s) and {@code vthread}
 * ({@link ServerSocket}, a virtual thread per connection doing blocking reads and writes, as
 * {@link EchoBench}'s). Prints {@code port N} as its first line, then serves until killed.
 *
 * <p>sockperf's client ignores a reply that still carries its "from the client" flag (bit 0 of
 * the 16-bit flags at offset 8 of each message), so a plain echo never counts as an answer. Every
 * server here therefore echoes every byte except that it clears bit 0 of bytes 8 and 9 of each
 * {@code messageSize}-byte message (the flag in either byte order; the other bit is unused), as
 * sockperf's own server does: the same few operations per read in all three, tracked by stream
 * offset so messages split across reads are handled.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp ... io.jwire.benchmarks.EchoServerMain jwire|netty|vthread MESSAGE_SIZE
 * </pre>
 */
public final class EchoServerMain {
    private static final int BUFFER_SIZE = 16 * 1024;
    private static final int FLAGS_OFFSET = 8;

    private EchoServerMain() {
    }

    /**
     * Starts the server named by {@code args[0]} for {@code args[1]}-byte sockperf messages and blocks.
     *
     * @param args {@code jwire}, {@code netty} or {@code vthread}, then the message size (sockperf's {@code -m})
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            throw new IllegalArgumentException("usage: EchoServerMain jwire|netty|vthread MESSAGE_SIZE");
        }
        int size = Integer.parseInt(args[1]);
        if (size < FLAGS_OFFSET + 2) {
            throw new IllegalArgumentException("MESSAGE_SIZE " + size + " is below sockperf's 14-byte header");
        }
        int port = switch (args[0].toLowerCase(Locale.ROOT)) {
            case "jwire" -> jwire(size);
            case "netty" -> netty(size);
            case "vthread" -> virtualThreads(size);
            default -> throw new IllegalArgumentException("unknown server '" + args[0] + "'; use jwire, netty or vthread");
        };
        System.out.println("port " + port);
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }

    /** The bytes a server just read, whatever holds them (a direct buffer, a {@code ByteBuf}, an array). */
    interface Bytes {
        /** The byte at index {@code i}. */
        byte get(int i);

        /** Sets the byte at index {@code i}. */
        void set(int i, byte b);
    }

    /**
     * Clears sockperf's client flag in the {@code n} bytes from index {@code start} just read, which
     * begin at stream offset {@code offset} of {@code size}-byte messages; returns the stream offset
     * after them.
     */
    static long markReplies(Bytes bytes, int start, int n, long offset, int size) {
        for (int i = 0; i < n; ) {
            int inMessage = (int) ((offset + i) % size);
            if (inMessage == FLAGS_OFFSET || inMessage == FLAGS_OFFSET + 1) {
                bytes.set(start + i, (byte) (bytes.get(start + i) & ~1));
                i++;
            } else {
                i += inMessage < FLAGS_OFFSET ? FLAGS_OFFSET - inMessage : size - inMessage; // to the next flag byte
            }
        }
        return offset + n;
    }

    private static int jwire(int size) throws InterruptedException {
        WireScheduler scheduler = WireScheduler.create(new EpollPoller.Provider());
        int[] port = new int[1];
        java.util.concurrent.CountDownLatch bound = new java.util.concurrent.CountDownLatch(1);
        scheduler.spawn("acceptor", () -> {
            try (WireServerSocket listener = WireServerSocket.bind("127.0.0.1", 0, 1024, false)) {
                port[0] = listener.port();
                bound.countDown();
                for (;;) {
                    WireSocket c = listener.accept();
                    scheduler.spawn("echo " + c.remoteAddress(), () -> jwireEcho(c, size));
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        scheduler.startThread("jwire echo server", 0);
        bound.await();
        return port[0];
    }

    private static void jwireEcho(WireSocket c, int size) {
        ByteBuffer buffer = ByteBuffer.allocateDirect(BUFFER_SIZE);
        Bytes bytes = new Bytes() {
            @Override
            public byte get(int i) {
                return buffer.get(i);
            }

            @Override
            public void set(int i, byte b) {
                buffer.put(i, b);
            }
        };
        long offset = 0;
        try (c) {
            c.setNoDelay(true);
            for (int n; (n = c.read(buffer.clear())) >= 0; ) {
                offset = markReplies(bytes, 0, n, offset, size);
                c.writeAll(buffer.flip());
            }
        } catch (IOException peerGone) {
            // the client went away
        }
    }

    private static int netty(int size) throws InterruptedException {
        Epoll.ensureAvailability();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        io.netty.channel.Channel listener = new ServerBootstrap().group(group).channel(EpollServerSocketChannel.class)
                .option(ChannelOption.SO_BACKLOG, 1024)
                .childOption(ChannelOption.TCP_NODELAY, true)
                .childHandler(new ChannelInitializer<SocketChannel>() {
                    @Override
                    protected void initChannel(SocketChannel ch) {
                        ch.pipeline().addLast(new NettyEcho(size));
                    }
                })
                .bind("127.0.0.1", 0).sync().channel();
        return ((InetSocketAddress) listener.localAddress()).getPort();
    }

    /** Netty's echo handler, one per connection (it tracks the stream offset). */
    private static final class NettyEcho extends ChannelInboundHandlerAdapter implements Bytes {
        private final int size;
        private long offset;
        private ByteBuf current;

        NettyEcho(int size) {
            this.size = size;
        }

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            current = in;
            offset = markReplies(this, in.readerIndex(), in.readableBytes(), offset, size);
            current = null;
            ctx.write(in);
        }

        @Override
        public byte get(int i) {
            return current.getByte(i);
        }

        @Override
        public void set(int i, byte b) {
            current.setByte(i, b);
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

    private static int virtualThreads(int size) throws IOException {
        ServerSocket listener = new ServerSocket(0, 1024, InetAddress.getLoopbackAddress());
        Thread.ofVirtual().name("acceptor").start(() -> {
            try {
                for (;;) {
                    Socket s = listener.accept();
                    Thread.ofVirtual().start(() -> virtualThreadEcho(s, size));
                }
            } catch (IOException closed) {
                // the listener was closed: stop accepting
            }
        });
        return listener.getLocalPort();
    }

    private static void virtualThreadEcho(Socket s, int size) {
        byte[] buffer = new byte[BUFFER_SIZE];
        Bytes bytes = new Bytes() {
            @Override
            public byte get(int i) {
                return buffer[i];
            }

            @Override
            public void set(int i, byte b) {
                buffer[i] = b;
            }
        };
        long offset = 0;
        try (s; InputStream in = s.getInputStream(); OutputStream out = s.getOutputStream()) {
            s.setTcpNoDelay(true);
            for (int n; (n = in.read(buffer)) >= 0; ) {
                offset = markReplies(bytes, 0, n, offset, size);
                out.write(buffer, 0, n);
            }
        } catch (IOException peerGone) {
            // the client went away
        }
    }
}
