package io.jwire.examples;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The JDK's own answer to {@link EchoServer}, for the demo's comparison: blocking
 * {@code java.net} sockets with a virtual thread per connection, and the same rule for overload
 * (at most {@code maxHandlers} connections are served; the next get {@link EchoServer#BUSY}).
 *
 * <p>{@link #bind} and {@link #close()} from any thread; the server runs on virtual threads of its own.
 */
public final class VirtualThreadEchoServer implements AutoCloseable {
    private final ServerSocket listener;
    private final int maxHandlers;
    private final AtomicInteger active = new AtomicInteger();
    private final Thread acceptor;

    private VirtualThreadEchoServer(ServerSocket listener, int maxHandlers) {
        this.listener = listener;
        this.maxHandlers = maxHandlers;
        this.acceptor = Thread.ofVirtual().name("vt-echo-acceptor").start(this::acceptLoop);
    }

    /**
     * Binds to 127.0.0.1 on an ephemeral port and starts accepting.
     *
     * @throws IOException when binding fails
     * @throws IllegalArgumentException when {@code maxHandlers} is not positive
     */
    public static VirtualThreadEchoServer bind(int maxHandlers) throws IOException {
        if (maxHandlers <= 0) {
            throw new IllegalArgumentException("maxHandlers " + maxHandlers + " must be positive");
        }
        return new VirtualThreadEchoServer(new ServerSocket(0, 1024, InetAddress.getLoopbackAddress()), maxHandlers);
    }

    /** The bound port. */
    public int port() {
        return listener.getLocalPort();
    }

    private void acceptLoop() {
        while (!listener.isClosed()) {
            Socket s;
            try {
                s = listener.accept();
            } catch (IOException closed) {
                return;
            }
            if (active.incrementAndGet() > maxHandlers) {
                active.decrementAndGet();
                Thread.ofVirtual().start(() -> turnAway(s));
            } else {
                Thread.ofVirtual().start(() -> echo(s));
            }
        }
    }

    private void echo(Socket s) {
        try (s) {
            s.setTcpNoDelay(true);
            InputStream in = s.getInputStream();
            OutputStream out = s.getOutputStream();
            byte[] buffer = new byte[16 * 1024];
            for (int n; (n = in.read(buffer)) >= 0; ) {
                out.write(buffer, 0, n);
            }
        } catch (IOException peerGone) {
            // reset or broken pipe: nothing to echo to
        } finally {
            active.decrementAndGet();
        }
    }

    private static void turnAway(Socket s) {
        try (s) {
            s.getOutputStream().write(EchoServer.BUSY.getBytes(StandardCharsets.US_ASCII));
            s.shutdownOutput();
            s.setSoTimeout(1000);
            s.getInputStream().readAllBytes();   // wait for the client's FIN, so no reset eats the reply
        } catch (IOException peerGone) {
            // closed anyway
        }
    }

    /** Stops accepting; connections being served end when their clients close. */
    @Override
    public void close() throws IOException {
        listener.close();
        try {
            acceptor.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
