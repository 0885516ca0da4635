package io.jwire.examples;

import io.jwire.WireScheduler;
import io.jwire.epoll.WireSocket;
import java.io.EOFException;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The README demo: an {@link EchoServer} on wires of one scheduler thread, driven for a few seconds
 * by a load generator (many client wires on a second scheduler thread) over loopback. Every echo
 * is checked byte for byte; the demo prints connections, messages per second and p50/p99 latency.
 * The server has fewer handlers than there are clients, so the extra clients are told "busy".
 */
public final class EchoDemo {
    private static final int MESSAGE_SIZE = 64;

    /**
     * What a run measured.
     *
     * @param connections clients served by a handler
     * @param busy clients turned away with "busy"
     * @param messages echoes received and verified
     * @param mismatches echoes that differed from what was sent (must be 0)
     * @param seconds how long the load ran
     * @param p50Micros median round-trip latency in microseconds
     * @param p99Micros 99th-percentile round-trip latency in microseconds
     */
    public record Result(int connections, int busy, long messages, long mismatches, double seconds,
                         double p50Micros, double p99Micros) {
        /** Echoed messages per second. */
        public double messagesPerSecond() {
            return messages / seconds;
        }
    }

    private EchoDemo() {
    }

    /** Runs the demo for 3 seconds with 200 clients against 190 handlers, printing to standard output. */
    public static void main(String[] args) throws Exception {
        run(System.out, Duration.ofSeconds(3), 200, 190);
    }

    /**
     * Starts the echo server on one scheduler thread and {@code clients} client wires on another,
     * lets them exchange {@value #MESSAGE_SIZE}-byte messages for {@code duration}, and prints
     * the results to {@code out}.
     */
    public static Result run(PrintStream out, Duration duration, int clients, int handlers) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> port = new CompletableFuture<>();
        EchoServer[] server = new EchoServer[1];
        WireScheduler serverScheduler = WireScheduler.create();
        serverScheduler.setExceptionHandler((w, t) -> failures.add(t));
        serverScheduler.spawn("acceptor", () -> {
            try (EchoServer s = EchoServer.bind("127.0.0.1", 0, handlers)) {
                server[0] = s;
                port.complete(s.port());
                s.serve();
            } catch (IOException e) {
                port.completeExceptionally(e);
                throw new UncheckedIOException(e);
            } catch (RuntimeException | Error t) {
                port.completeExceptionally(t);
                throw t;
            }
        });
        Thread serverThread = serverScheduler.startThread("echo-server", 0);
        out.printf("echo server: %d handlers on 127.0.0.1:%d (%s poller, %s switch)%n", handlers,
                port.get(10, TimeUnit.SECONDS), serverScheduler.pollerName(),
                serverScheduler.switchImplementation());

        LoadGenerator load = new LoadGenerator(port.get(), clients, duration);
        WireScheduler loadScheduler = WireScheduler.create();
        loadScheduler.setExceptionHandler((w, t) -> failures.add(t));
        load.spawnClients(loadScheduler);
        out.printf("load generator: %d client wires for %d ms on a second scheduler thread%n", clients, duration.toMillis());
        Thread loadThread = loadScheduler.startThread("load-generator", 0);
        loadThread.join();
        loadScheduler.close();

        serverScheduler.execute(() -> server[0].close()); // stop accepting; handlers end with their clients
        serverThread.join(10_000);
        serverScheduler.close();
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a wire failed: " + failures.get(0), failures.get(0));
        }
        Result r = load.result();
        out.printf("connections: %d served, %d told busy%n", r.connections(), r.busy());
        out.printf("messages: %d echoed in %.1f s = %.0f messages/s, %d mismatched%n", r.messages(), r.seconds(),
                r.messagesPerSecond(), r.mismatches());
        out.printf("latency: p50 %.1f us, p99 %.1f us%n", r.p50Micros(), r.p99Micros());
        return r;
    }

    /** The client wires; all run on one scheduler thread, so they share these fields without locks. */
    private static final class LoadGenerator {
        private final int port;
        private final int clients;
        private final Duration duration;
        private long[] latencies = new long[1 << 16];
        private long messages;
        private long mismatches;
        private int served;
        private int busy;
        private int decidedClients;
        private long startNanos;
        private long endNanos;

        LoadGenerator(int port, int clients, Duration duration) {
            this.port = port;
            this.clients = clients;
            this.duration = duration;
        }

        void spawnClients(WireScheduler scheduler) {
            for (int c = 0; c < clients; c++) {
                int id = c;
                scheduler.spawn("client " + c, () -> {
                    try {
                        client(id);
                    } catch (IOException e) {
                        throw new UncheckedIOException(e); // the run fails with it
                    }
                });
            }
        }

        private void client(int id) throws IOException {
            ByteBuffer out = ByteBuffer.allocateDirect(MESSAGE_SIZE);
            ByteBuffer in = ByteBuffer.allocateDirect(MESSAGE_SIZE);
            boolean decided = false; // served (first echo came back) or told busy
            try (WireSocket socket = WireSocket.connect("127.0.0.1", port, Duration.ofSeconds(5))) {
                socket.setNoDelay(true);
                socket.setTimeout(Duration.ofSeconds(10));
                for (long m = 0; endNanos == 0 || System.nanoTime() - endNanos < 0; m++) {
                    out.clear();
                    for (int i = 0; i < MESSAGE_SIZE; i++) {
                        out.put((byte) (id + m * 31 + i));
                    }
                    long t0 = System.nanoTime();
                    socket.writeAll(out.flip());
                    try {
                        socket.readFully(in.clear());
                    } catch (EOFException e) {
                        if (!decided && isBusy(in.flip())) {
                            busy++;
                            return;
                        }
                        throw e;
                    }
                    long t1 = System.nanoTime();
                    if (startNanos != 0 && t1 - endNanos < 0) {
                        record(t1 - t0);
                    }
                    if (!in.flip().equals(out.rewind())) {
                        mismatches++;
                    }
                    if (!decided) {
                        served++;
                        decided = true;
                        decided();
                    }
                }
                socket.shutdownOutput();
                socket.read(in.clear()); // the server closes after our FIN
            } finally {
                if (!decided) {
                    decided(); // busy, or failed: either way the clock must not wait for this client
                }
            }
        }

        /**
         * Counts a client whose fate is known; the measured period starts once every client is
         * served or turned away, so no served client can finish (and free a handler) before the
         * server has turned away the extra ones.
         */
        private void decided() {
            if (++decidedClients == clients) {
                startNanos = System.nanoTime();
                endNanos = startNanos + duration.toNanos();
            }
        }

        private static boolean isBusy(ByteBuffer got) {
            byte[] b = new byte[got.remaining()];
            got.get(b);
            return new String(b, StandardCharsets.US_ASCII).equals(EchoServer.BUSY);
        }

        private void record(long nanos) {
            if (messages == latencies.length) {
                latencies = Arrays.copyOf(latencies, latencies.length * 2);
            }
            latencies[(int) messages++] = nanos;
        }

        Result result() {
            long[] sorted = Arrays.copyOf(latencies, (int) messages);
            Arrays.sort(sorted);
            double seconds = duration.toNanos() / 1e9;
            return new Result(served, busy, messages, mismatches, seconds, percentile(sorted, 0.50), percentile(sorted, 0.99));
        }

        private static double percentile(long[] sorted, double p) {
            if (sorted.length == 0) {
                return 0;
            }
            return sorted[Math.min(sorted.length - 1, (int) (p * sorted.length))] / 1_000.0;
        }
    }
}
