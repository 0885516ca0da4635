package io.jwire.examples;

import io.jwire.WireScheduler;
import io.jwire.testing.WireTestHarness;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * A {@link WebServer} on 127.0.0.1 on its own scheduler thread, for tests; {@link #close()} stops
 * it and rethrows any failure of its wires (the shared harness's collector).
 */
final class RunningWebServer implements AutoCloseable {
    private final WireScheduler scheduler = WireScheduler.create();
    private final List<Throwable> failures = WireTestHarness.watch(scheduler);
    private final Thread thread;
    private final WebServer server;
    final int port;

    RunningWebServer(WebServer.Config config) throws Exception {
        CompletableFuture<WebServer> bound = new CompletableFuture<>();
        scheduler.spawn("accept", () -> {
            try (WebServer s = WebServer.bind("127.0.0.1", 0, config)) {
                bound.complete(s);
                s.serve();
            } catch (IOException e) {
                bound.completeExceptionally(e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error e) {
                bound.completeExceptionally(e);
                throw e;
            }
        });
        thread = scheduler.startThread("web server", 0);
        server = bound.get(10, TimeUnit.SECONDS);
        port = server.port();
    }

    /** Reads something of the server on its own thread. */
    <T> T ask(Function<WebServer, T> question) throws Exception {
        CompletableFuture<T> answer = new CompletableFuture<>();
        scheduler.execute(() -> answer.complete(question.apply(server)));
        return answer.get(10, TimeUnit.SECONDS);
    }

    @Override
    public void close() throws Exception {
        scheduler.execute(server::close);
        thread.join(10_000);
        scheduler.close();
        WireTestHarness.rethrow(failures);
    }
}
