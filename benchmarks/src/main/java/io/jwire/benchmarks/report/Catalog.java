package io.jwire.benchmarks.report;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The peer/target table: everything the report knows about the benchmarks beyond JMH's own
 * output. Adding a benchmark is adding a {@code <Group>Bench} class whose methods are named after
 * peers; only its targets (and a figure other than JMH's primary score, if any) go here.
 */
public final class Catalog {

    /** Display names of the peers (the benchmark methods' names). */
    private static final Map<String, String> PEERS = Map.ofEntries(
            Map.entry("jwire", "jwire"),
            Map.entry("continuation", "raw Continuation"),
            Map.entry("virtualThread", "virtual threads"),
            Map.entry("structuredTaskScope", "StructuredTaskScope (virtual threads)"),
            Map.entry("platformThread", "platform threads"),
            Map.entry("kotlinx", "kotlinx.coroutines"),
            Map.entry("netty", "Netty epoll"),
            Map.entry("nio", "NIO selector"),
            Map.entry("singleThreadContext", "kotlinx newSingleThreadContext"),
            Map.entry("limitedParallelism", "kotlinx Default.limitedParallelism(1)"),
            Map.entry("wireToWire", "wire to wire (WireChannel)"),
            Map.entry("coroutineOverWireChannels", "coroutine to wire over WireChannels"),
            Map.entry("jnaBuffer", "JNA, ByteBuffer parameters"),
            Map.entry("jnaAddress", "JNA, long address resolved once"),
            Map.entry("jnaAddressPerCall", "JNA, long address looked up per call"),
            Map.entry("javaApi", "jwire Java API"));

    /**
     * The issues' targets, jwire / peer, measured in the same run. Where a later issue set a
     * different target for the same pair, the stricter one is kept (Echo vs Netty: 0.9 first,
     * 1.0 in issue 16; Rendezvous vs virtual threads: 0.35 first, 1.0 in issue 16).
     */
    public static final List<Target> TARGETS = List.of(
            new Target("Switch", "continuation", true, 1.2),
            new Target("Spawn", "virtualThread", true, 0.5),
            new Target("Memory", "virtualThread", true, 1.0),
            new Target("Rendezvous", "kotlinx", true, 1.0),
            new Target("Rendezvous", "virtualThread", true, 0.35),
            new Target("Echo", "netty", false, 1.0),
            new Target("Echo", "virtualThread", false, 1.0),
            new Target("Scope", "kotlinx", true, 0.5),
            new Target("Scope", "structuredTaskScope", true, 0.5),
            new Target("Submit", "platformThread", true, 1.0),
            new Target("CoroutinePingPong", "singleThreadContext", true, 1.0),
            new Target("CoroutinePingPong", "kotlinx", true, 1.2),
            new Target("DslYield", "javaApi", true, 1.05),
            new Target("DslRendezvous", "javaApi", true, 1.05),
            new Target("DslRendezvous", "kotlinx", true, 1.0),
            new Target("DslSelect", "javaApi", true, 1.05)
    );

    /**
     * Groups, or comparison keys ({@link Row#comparisonKey()}: a group with its parameters) for a
     * group of which only some parameters are hot paths, whose jwire rows must not allocate per
     * operation in steady state (checked with {@code -prof gc}'s {@code gc.alloc.rate.norm}).
     */
    public static final List<String> ZERO_ALLOCATION_GROUPS = List.of("Switch", "Rendezvous", "BufferedChannel",
            "Lock contention=uncontended", "Echo", "NativeBoundary");

    /**
     * A JMH row allocates nothing per operation when its normalized allocation is below this. Any
     * per-operation allocation costs at least one 16-byte object; setup per invocation (creating
     * the scheduler's wires) amortized over the invocation's operations stays far below 1 B/op.
     */
    public static final double ZERO_ALLOCATION_LIMIT = 1.0;

    /**
     * Groups whose JMH "operation" is a whole invocation (no {@code @OperationsPerInvocation}),
     * so {@code gc.alloc.rate.norm} is per invocation and stays out of the allocation table
     * (it remains in the raw table).
     */
    public static final List<String> NOT_PER_OPERATION_GROUPS = List.of("Memory");

    /**
     * Secondary results that are one figure per iteration (such as a percentile), which JMH sums
     * over iterations like every {@code EVENTS} aux counter: the report shows their mean instead.
     */
    public static final List<String> PER_ITERATION_METRICS = List.of("latencyP50Us", "latencyP99Us");

    /** The secondary result with JMH's normalized allocation per operation. */
    public static final String ALLOCATION_METRIC = "gc.alloc.rate.norm";

    private Catalog() {
    }

    /** Whether {@code row} is a jwire row of a group (or group and parameters) in {@link #ZERO_ALLOCATION_GROUPS}. */
    public static boolean mustNotAllocate(Row row) {
        return row.isJwire() && (ZERO_ALLOCATION_GROUPS.contains(row.group())
                || ZERO_ALLOCATION_GROUPS.contains(row.comparisonKey()));
    }

    /** The display name of a peer; an unknown peer shows its method name. */
    public static String displayName(String peer) {
        return PEERS.getOrDefault(peer, peer);
    }

    /** The target for jwire against {@code peer} in {@code group}, if the issue sets one. */
    public static Optional<Target> target(String group, String peer) {
        return TARGETS.stream().filter(t -> t.group().equals(group) && t.peer().equals(peer)).findFirst();
    }

    /**
     * The figure a row is compared by: JMH's primary score, except for {@code Memory}, which
     * compares live heap bytes per suspended unit ({@code heapBytes / suspendedUnits} per iteration).
     */
    public static Estimate figure(Row row) {
        if (row.group().equals("Memory")) {
            return heapPerUnit(row);
        }
        return new Estimate(row.primary().score(), row.primary().error(), row.primary().unit());
    }

    /** Whether a lower figure is better for this row (times and bytes), or a higher one (throughput). */
    public static boolean lowerIsBetter(Row row) {
        return !row.mode().equals("thrpt");
    }

    private static Estimate heapPerUnit(Row row) {
        Row.Metric bytes = row.secondary().get("heapBytes");
        Row.Metric units = row.secondary().get("suspendedUnits");
        if (bytes == null || units == null || bytes.raw().length != units.raw().length) {
            return new Estimate(Double.NaN, Double.NaN, "B/unit");
        }
        double[] perUnit = new double[bytes.raw().length];
        for (int i = 0; i < perUnit.length; i++) {
            perUnit[i] = bytes.raw()[i] / units.raw()[i];
        }
        return Estimate.ofSamples(perUnit, "B/unit");
    }
}
