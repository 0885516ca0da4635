package io.jwire.benchmarks.http;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;

/**
 * The virtual-thread peer of {@code benchmarks/http.sh}: the JDK's {@code com.sun.net.httpserver}
 * with {@link Executors#newVirtualThreadPerTaskExecutor()}, so each exchange runs on a virtual
 * thread of its own (the server's dispatcher thread does the selecting). Answers every request with
 * {@code 200 "Hello, World!\n"}, keep-alive. Runs until the process is killed.
 *
 * <pre>
 * java -cp ... io.jwire.benchmarks.http.VirtualThreadHelloServer PORT
 * </pre>
 */
public final class VirtualThreadHelloServer {
    private static final byte[] HELLO = "Hello, World!\n".getBytes(StandardCharsets.US_ASCII);

    private VirtualThreadHelloServer() {
    }

    /** Serves on 127.0.0.1:{@code args[0]}. */
    public static void main(String[] args) throws IOException {
        int port = Integer.parseInt(args[0]);
        HttpServer server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 1024);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            exchange.getRequestBody().readAllBytes();
            exchange.getResponseHeaders().set("Content-Type", "text/plain; charset=utf-8");
            exchange.sendResponseHeaders(200, HELLO.length);
            try (OutputStream body = exchange.getResponseBody()) {
                body.write(HELLO);
            }
        });
        server.start();
        System.out.println("virtual-thread HttpServer on 127.0.0.1:" + port);
    }
}
