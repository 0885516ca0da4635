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
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * The README demo: an {@link EchoServer} on wires of one scheduler thread, driven for a few seconds
 * by a load generator (many client wires on a second scheduler thread) over loopback. Every echo
 * is checked byte for byte; the demo prints connections, messages per second and p50/p99 latency.
 * The server has fewer handlers than there are clients, so the extra clients are told "busy".
 * The same load then runs against the JDK's answer, a {@link VirtualThreadEchoServer}, on the same
 * machine, and the demo explains what the numbers mean.
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

    /**
     * Runs the demo: 200 clients against 190 handlers for 2 seconds, first on jwire's
     * {@link EchoServer}, then on a {@link VirtualThreadEchoServer} on this same machine, and
     * explains the numbers; prints to standard output.
     */
    public static void main(String[] args) throws Exception {
        PrintStream out = System.out;
        Duration duration = Duration.ofSeconds(2);
        int clients = 200;
        int handlers = 190;
        out.println("jwire demo: libwire's echo server on wires, under load from 200 clients; every echo is checked byte for byte.");
        out.println();
        Result jwire = run(out, duration, clients, handlers);
        out.println();
        Result threads = runVirtualThreads(out, duration, clients, handlers);
        out.println();
        explain(out, clients, handlers, jwire, threads);
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
        out.printf("echo server: %d handlers on 127.0.0.1:%d (%s poller, %s switch), all on one thread%n", handlers,
                port.get(10, TimeUnit.SECONDS), serverScheduler.pollerName(),
                serverScheduler.switchImplementation());
        Result r = load(out, port.get(), duration, clients, failures);
        serverScheduler.execute(() -> server[0].close()); // stop accepting; handlers end with their clients
        serverThread.join(10_000);
        serverScheduler.close();
        rethrow(failures);
        return r;
    }

    /**
     * Like {@link #run}, with the JDK's answer as the server: a {@link VirtualThreadEchoServer}
     * (a virtual thread per connection, blocking sockets) and the same load generator.
     */
    public static Result runVirtualThreads(PrintStream out, Duration duration, int clients, int handlers) throws Exception {
        List<Throwable> failures = new CopyOnWriteArrayList<>();
        try (VirtualThreadEchoServer server = VirtualThreadEchoServer.bind(handlers)) {
            out.printf("virtual-thread echo server: %d handlers on 127.0.0.1:%d, a virtual thread per connection (JDK sockets)%n",
                    handlers, server.port());
            Result r = load(out, server.port(), duration, clients, failures);
            rethrow(failures);
            return r;
        }
    }

    /** Runs the load generator against {@code port} on a second scheduler thread, prints and returns what it measured. */
    private static Result load(PrintStream out, int port, Duration duration, int clients, List<Throwable> failures)
            throws InterruptedException {
        LoadGenerator load = new LoadGenerator(port, clients, duration);
        WireScheduler loadScheduler = WireScheduler.create();
        loadScheduler.setExceptionHandler((w, t) -> failures.add(t));
        load.spawnClients(loadScheduler);
        out.printf("load generator: %d client wires for %d ms on a second scheduler thread%n", clients, duration.toMillis());
        Thread loadThread = loadScheduler.startThread("load-generator", 0);
        loadThread.join();
        loadScheduler.close();
        rethrow(failures);
        Result r = load.result();
        out.printf("connections: %d served, %d told busy%n", r.connections(), r.busy());
        out.printf(Locale.ROOT, "messages: %d echoed in %.1f s = %.0f messages/s, %d mismatched%n", r.messages(), r.seconds(),
                r.messagesPerSecond(), r.mismatches());
        out.printf(Locale.ROOT, "latency: p50 %.1f us, p99 %.1f us%n", r.p50Micros(), r.p99Micros());
        return r;
    }

    private static void rethrow(List<Throwable> failures) {
        if (!failures.isEmpty()) {
            throw new IllegalStateException("a wire failed: " + failures.get(0), failures.get(0));
        }
    }

    /** Prints what the numbers of the two runs mean. */
    public static void explain(PrintStream out, int clients, int handlers, Result jwire, Result threads) {
        out.println("What the numbers mean:");
        out.printf("- told busy: the server has %d handlers for %d clients. Like libwire's echo_server, a connection that%n"
                + "  arrives while every handler is busy gets \"busy\" and is closed (WirePool.tryStart returned null):%n"
                + "  a bounded pool sheds load instead of queueing it. Expected: %d.%n", handlers, clients, clients - handlers);
        out.printf(Locale.ROOT, "- messages/s: each message is a round trip (write %d bytes, wait for the echo), so the rate is what%n"
                + "  the CPUs allow: server, load generator and the kernel's loopback share this machine's %d cores.%n"
                + "  jwire served %.0f/s on ONE thread; the virtual-thread server %.0f/s with all cores: %.2fx.%n"
                + "  Above 1.0x is jwire's target; benchmarks/RESULTS.md has the JMH figures with error bars, Netty included.%n",
                MESSAGE_SIZE, Runtime.getRuntime().availableProcessors(), jwire.messagesPerSecond(), threads.messagesPerSecond(),
                jwire.messagesPerSecond() / threads.messagesPerSecond());
        int served = jwire.connections();
        out.printf(Locale.ROOT, "- latency: each of the %d served clients always has one message in flight, so the typical round trip%n"
                + "  is about clients / rate (Little's law: %d / %.0f per s = %.0f us; measured p50 %.0f us).%n"
                + "  p99 is the slow tail: a collection, a poll of epoll, or a core busy with the load generator.%n",
                served, served, jwire.messagesPerSecond(), served / jwire.messagesPerSecond() * 1e6, jwire.p50Micros());
        out.printf("- mismatched: echoes that differed from what was sent; it must be 0 (it was %d and %d).%n",
                jwire.mismatches(), threads.mismatches());
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
