package io.jwire.benchmarks.http;

import io.netty.bootstrap.ServerBootstrap;
import io.netty.buffer.ByteBuf;
import io.netty.buffer.Unpooled;
import io.netty.channel.ChannelHandler;
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
import java.nio.charset.StandardCharsets;

/**
 * The Netty peer of {@code benchmarks/http.sh}: native epoll transport, <b>one</b> event loop for
 * accepting and for every connection, answering each request head with a fixed
 * {@code 200 "Hello, World!\n"} keep-alive response (pipelined requests in order; writes flushed once
 * per read batch).
 *
 * <p>It uses only the Netty modules the benchmarks module already has (transport, buffer, native
 * epoll), not {@code netty-codec-http}: requests are recognised by the blank line ending their head,
 * and not parsed further (no headers, no bodies; wrk sends {@code GET /} without a body). That is
 * less work per request than jwire's {@code web}, which parses and validates every head, so the
 * comparison favours Netty.
 *
 * <pre>
 * java -cp ... io.jwire.benchmarks.http.NettyHelloServer PORT
 * </pre>
 *
 * Runs until the process is killed.
 */
public final class NettyHelloServer {
    private static final ByteBuf RESPONSE = Unpooled.unreleasableBuffer(Unpooled.directBuffer().writeBytes((
            "HTTP/1.1 200 OK\r\nContent-Type: text/plain; charset=utf-8\r\nContent-Length: 14\r\n"
                    + "Connection: keep-alive\r\n\r\nHello, World!\n").getBytes(StandardCharsets.US_ASCII)));

    private NettyHelloServer() {
    }

    /** Serves on 127.0.0.1:{@code args[0]} until killed. */
    public static void main(String[] args) throws InterruptedException {
        int port = Integer.parseInt(args[0]);
        Epoll.ensureAvailability();
        EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, EpollIoHandler.newFactory());
        try {
            ServerBootstrap b = new ServerBootstrap()
                    .group(group)
                    .channel(EpollServerSocketChannel.class)
                    .option(ChannelOption.SO_BACKLOG, 1024)
                    .childOption(ChannelOption.TCP_NODELAY, true)
                    .childHandler(new ChannelInitializer<SocketChannel>() {
                        @Override
                        protected void initChannel(SocketChannel ch) {
                            ch.pipeline().addLast(new Hello());
                        }
                    });
            b.bind("127.0.0.1", port).sync();
            System.out.println("netty (epoll, 1 event loop) on 127.0.0.1:" + port);
            group.terminationFuture().sync();
        } finally {
            group.shutdownGracefully();
        }
    }

    /** Counts request heads (CRLF CRLF, across reads) and answers each. One per connection. */
    private static final class Hello extends ChannelInboundHandlerAdapter {
        /** How much of "\r\n\r\n" the bytes so far end with. */
        private int matched;
        private boolean pending;

        @Override
        public void channelRead(ChannelHandlerContext ctx, Object msg) {
            ByteBuf in = (ByteBuf) msg;
            try {
                for (int i = in.readerIndex(), end = in.writerIndex(); i < end; i++) {
                    byte b = in.getByte(i);
                    if (b == (matched % 2 == 0 ? '\r' : '\n')) {
                        if (++matched == 4) {
                            matched = 0;
                            ctx.write(RESPONSE.duplicate(), ctx.voidPromise());
                            pending = true;
                        }
                    } else {
                        matched = b == '\r' ? 1 : 0;
                    }
                }
            } finally {
                in.release();
            }
        }

        @Override
        public void channelReadComplete(ChannelHandlerContext ctx) {
            if (pending) {
                pending = false;
                ctx.flush();
            }
        }

        @Override
        public void exceptionCaught(ChannelHandlerContext ctx, Throwable cause) {
            ctx.close();
        }
    }
}
