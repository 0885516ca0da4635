package io.jwire.benchmarks;

import io.jwire.channels.WireChannel;

import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Benchmark 2, rendezvous ping-pong: a pinger hands a token to a ponger over one unbuffered
 * channel and gets it back over a second one. One operation is one round trip (two hand-offs),
 * measured over {@value #ROUNDS} round trips per invocation; each invocation creates its two
 * parties and channels, which is amortized.
 *
 * <ul>
 *   <li>{@code jwire}: two wires, two {@link WireChannel#rendezvous()} channels.</li>
 *   <li>{@code kotlinx}: two coroutines, two {@code Channel(RENDEZVOUS)} in {@code runBlocking}.</li>
 *   <li>{@code virtualThread}: two virtual threads, two {@link SynchronousQueue}s.</li>
 *   <li>{@code platformThread}: two platform threads, two {@link SynchronousQueue}s.</li>
 * </ul>
 *
 * The token is one cached {@code Integer}, so no peer allocates values. Also the {@code -prof gc}
 * subject for jwire's channel hand-off: target 0 B/op in steady state.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(RendezvousBench.ROUNDS)
public class RendezvousBench {
    /** Round trips per invocation. */
    public static final int ROUNDS = 10_000;
    /** The value passed back and forth (a cached box: passing it allocates nothing). */
    static final Integer TOKEN = 1;

    @Benchmark
    public long jwire(JwireState s) {
        WireChannel<Integer> ping = WireChannel.rendezvous("ping");
        WireChannel<Integer> pong = WireChannel.rendezvous("pong");
        long[] sum = new long[1];
        s.scheduler.spawn("ponger", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                pong.send(ping.receive());
            }
        });
        s.scheduler.spawn("pinger", () -> {
            for (int i = 0; i < ROUNDS; i++) {
                ping.send(TOKEN);
                sum[0] += pong.receive();
            }
        });
        s.scheduler.run();
        return sum[0];
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.rendezvousPingPong(ROUNDS);
    }

    @Benchmark
    public long virtualThread() throws InterruptedException {
        return threadPingPong(Thread.ofVirtual());
    }

    @Benchmark
    public long platformThread() throws InterruptedException {
        return threadPingPong(Thread.ofPlatform());
    }

    private static long threadPingPong(Thread.Builder builder) throws InterruptedException {
        SynchronousQueue<Integer> ping = new SynchronousQueue<>();
        SynchronousQueue<Integer> pong = new SynchronousQueue<>();
        long[] sum = new long[1];
        Thread ponger = builder.start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    pong.put(ping.take());
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        Thread pinger = builder.start(() -> {
            try {
                for (int i = 0; i < ROUNDS; i++) {
                    ping.put(TOKEN);
                    sum[0] += pong.take();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        });
        ponger.join();
        pinger.join();
        return sum[0];
    }
}
