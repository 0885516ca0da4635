package io.jwire.benchmarks.http;

import io.jwire.WireScheduler;
import io.jwire.examples.WebServer;
import java.io.IOException;
import java.io.UncheckedIOException;

/**
 * jwire's {@code web} example ({@link WebServer}) for {@code benchmarks/http.sh}: the same server,
 * with the handler pool sized by an argument so that 1,000 keep-alive connections are all served
 * (the example's default of 128 handlers makes connections 129 and on wait in the backlog, which is
 * its intended throttle but not what the wrk comparison measures). One scheduler, one OS thread.
 *
 * <pre>
 * java --add-exports java.base/jdk.internal.vm=ALL-UNNAMED --enable-native-access=ALL-UNNAMED \
 *      -cp ... io.jwire.benchmarks.http.JwireWebServerMain PORT [HANDLERS]
 * </pre>
 *
 * Runs until the process is killed.
 */
public final class JwireWebServerMain {
    private JwireWebServerMain() {
    }

    /** Serves {@code GET /} ("Hello, World!") on 127.0.0.1:{@code args[0]} with {@code args[1]} handlers (default 1024). */
    public static void main(String[] args) {
        int port = Integer.parseInt(args[0]);
        int handlers = args.length > 1 ? Integer.parseInt(args[1]) : 1024;
        WebServer.Config config = WebServer.Config.defaults().withHandlers(handlers);
        try (WireScheduler scheduler = WireScheduler.create()) {
            scheduler.spawn("accept", () -> {
                try (WebServer server = WebServer.bind("127.0.0.1", port, config)) {
                    System.out.printf("jwire web on 127.0.0.1:%d, %d handlers, %s poller, %s switch%n", server.port(),
                            handlers, scheduler.pollerName(), scheduler.switchImplementation());
                    server.serve();
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
            scheduler.run();
        }
    }
}
