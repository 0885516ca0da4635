package io.jwire.benchmarks;

import io.jwire.WireScheduler;
import io.jwire.channels.WireChannel;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Coroutine bridges, benchmark 2: the round trip of one token between a coroutine and a wire, next
 * to staying on one side. One operation is one round trip, {@value #ROUNDS} per invocation.
 *
 * <ul>
 *   <li>{@code jwire}: a coroutine on jwire's {@code WireDispatcher} and a wire, over two kotlinx
 *       {@code Channel(RENDEZVOUS)}s; the wire awaits them with one {@code runSuspending { }} per
 *       round trip (the bridge in both directions).</li>
 *   <li>{@code coroutineOverWireChannels}: the coroutine calls the blocking {@code WireChannel}
 *       send and receive in its resumer wire; a wire answers over {@code WireChannel}s.</li>
 *   <li>{@code wireToWire}: two wires over two rendezvous {@code WireChannel}s (no coroutine).</li>
 *   <li>{@code kotlinx}: two coroutines over two {@code Channel(RENDEZVOUS)}s in {@code runBlocking}
 *       (no wire).</li>
 * </ul>
 *
 * The two wire-only and wire-side peers run on the Continuation switch (their own scheduler), so
 * each {@code jwire} row is compared with the same peers whatever its switch.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(jvmArgsAppend = {"--add-exports", "java.base/jdk.internal.vm=ALL-UNNAMED"})
@OperationsPerInvocation(CoroutineToWireBench.ROUNDS)
public class CoroutineToWireBench {
    /** Round trips per invocation. */
    public static final int ROUNDS = 10_000;

    /** The peers' scheduler: the Continuation switch, the portable poller. */
    @State(Scope.Thread)
    public static class PeerScheduler {
        WireScheduler scheduler;

        @Setup(Level.Trial)
        public void setUp() {
            if (System.getProperty("jwire.poller") == null) {
                System.setProperty("jwire.poller", "portable");
            }
            scheduler = WireScheduler.create();
            if (!scheduler.switchImplementation().equals("continuation")) {
                throw new IllegalStateException("the peers run on the continuation switch; this JVM runs "
                        + scheduler.switchImplementation() + " (is java.base/jdk.internal.vm exported?)");
            }
        }

        @TearDown(Level.Trial)
        public void tearDown() {
            scheduler.close();
        }
    }

    @Benchmark
    public long jwire(JwireState s) {
        return CoroutineBridgePeers.coroutineToWire(s.scheduler, ROUNDS);
    }

    @Benchmark
    public long coroutineOverWireChannels(PeerScheduler s) {
        return CoroutineBridgePeers.coroutineOverWireChannels(s.scheduler, ROUNDS);
    }

    @Benchmark
    public long wireToWire(PeerScheduler s) {
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
                ping.send(RendezvousBench.TOKEN);
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
}
