package io.jwire.benchmarks;

import io.jwire.channels.WireChannel;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;

/**
 * Benchmark 2, buffered channel throughput: one producer sends {@value #VALUES} values into a
 * channel of capacity {@value #CAPACITY}, one consumer receives them all. One operation is one
 * value sent and received; each invocation creates its channel and two parties (amortized).
 *
 * <ul>
 *   <li>{@code jwire}: two wires, {@link WireChannel#buffered(int)}.</li>
 *   <li>{@code kotlinx}: two coroutines, {@code Channel(capacity)} in {@code runBlocking}.</li>
 * </ul>
 *
 * The value is one cached {@code Integer}. Also a {@code -prof gc} subject: target 0 B/op.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(BufferedChannelBench.VALUES)
public class BufferedChannelBench {
    /** Values per invocation. */
    public static final int VALUES = 100_000;
    /** The channel's capacity. */
    public static final int CAPACITY = 64;

    @Benchmark
    public long jwire(JwireState s) {
        WireChannel<Integer> channel = WireChannel.buffered("values", CAPACITY);
        long[] sum = new long[1];
        s.scheduler.spawn("producer", () -> {
            for (int i = 0; i < VALUES; i++) {
                channel.send(RendezvousBench.TOKEN);
            }
        });
        s.scheduler.spawn("consumer", () -> {
            for (int i = 0; i < VALUES; i++) {
                sum[0] += channel.receive();
            }
        });
        s.scheduler.run();
        return sum[0];
    }

    @Benchmark
    public long kotlinx() {
        return KotlinxPeers.bufferedThroughput(VALUES, CAPACITY);
    }
}
