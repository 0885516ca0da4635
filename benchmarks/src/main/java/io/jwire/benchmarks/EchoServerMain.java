package io.jwire.benchmarks;

import java.util.Locale;

/**
 * One of {@link EchoBench}'s echo servers as a process of its own, for an outside load generator
 * ({@code benchmarks/sockperf.sh}): {@code jwire} (the examples' {@code EchoServer} on one
 * scheduler thread with sdk-epoll's poller), {@code netty} (native epoll, one event loop) or
 * {@code vthread} (a virtual thread per connection), each exactly as {@link EchoBench} measures it,
 * on 127.0.0.1 and an ephemeral port. Prints {@code port N} as its first line, then serves until
 * the process is killed.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp ... io.jwire.benchmarks.EchoServerMain jwire|netty|vthread
 * </pre>
 */
public final class EchoServerMain {
    /** Handlers of the jwire server: enough for every connection an outside client opens. */
    private static final int HANDLERS = 1024;

    private EchoServerMain() {
    }

    /**
     * Starts the server named by {@code args[0]} and blocks.
     *
     * @param args {@code jwire}, {@code netty} or {@code vthread}
     * @throws Exception when the server cannot start
     */
    public static void main(String[] args) throws Exception {
        String name = args.length == 1 ? args[0].toLowerCase(Locale.ROOT) : "";
        EchoBench.Server server = switch (name) {
            case "jwire" -> new EchoBench.JwireServer();
            case "netty" -> new EchoBench.NettyServer();
            case "vthread" -> new EchoBench.VirtualThreadServer();
            default -> throw new IllegalArgumentException("usage: EchoServerMain jwire|netty|vthread (got "
                    + String.join(" ", args) + ")");
        };
        server.connections = HANDLERS;
        System.out.println("port " + server.start());
        System.out.flush();
        Thread.sleep(Long.MAX_VALUE);
    }
}
