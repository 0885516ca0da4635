package io.jwire.benchmarks;

import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * Round-trip latency of {@link EchoBench}'s messages, as JMH secondary results
 * {@code latencyP50Us} and {@code latencyP99Us} (microseconds, one value per iteration; the report's
 * raw table shows their mean over iterations). Recorded by the {@link EchoClient} for every
 * message completed in the iteration into a log-linear histogram (64 sub-buckets per power of two:
 * about 1.6% resolution) that allocates nothing while recording.
 */
@AuxCounters(AuxCounters.Type.EVENTS)
@State(Scope.Thread)
public class EchoLatency {
    private static final int SUB_BITS = 6;
    private static final int SUB = 1 << SUB_BITS;

    /** Median round trip of this iteration's messages, in microseconds. */
    public double latencyP50Us;
    /** 99th percentile round trip of this iteration's messages, in microseconds. */
    public double latencyP99Us;

    private final long[] counts = new long[SUB + (64 - SUB_BITS) * SUB];
    private long total;

    @Setup(Level.Iteration)
    public void reset() {
        java.util.Arrays.fill(counts, 0);
        total = 0;
        latencyP50Us = 0;
        latencyP99Us = 0;
    }

    /** Computes the percentiles once the iteration's messages are in (JMH reads the fields afterwards). */
    @TearDown(Level.Iteration)
    public void summarize() {
        latencyP50Us = percentile(0.50) / 1_000.0;
        latencyP99Us = percentile(0.99) / 1_000.0;
    }

    /** Records one round trip of {@code nanos}. */
    void record(long nanos) {
        counts[bucket(Math.max(0, nanos))]++;
        total++;
    }

    /** The lower bound of the bucket holding the {@code q} quantile, in nanoseconds (0 when nothing was recorded). */
    long percentile(double q) {
        long rank = (long) Math.ceil(q * total);
        long seen = 0;
        for (int i = 0; i < counts.length; i++) {
            seen += counts[i];
            if (seen >= rank && seen > 0) {
                return lowerBound(i);
            }
        }
        return 0;
    }

    static int bucket(long v) {
        if (v < SUB) {
            return (int) v;
        }
        int exp = 63 - Long.numberOfLeadingZeros(v); // >= SUB_BITS
        int shift = exp - SUB_BITS;
        return SUB + shift * SUB + (int) ((v >>> shift) - SUB);
    }

    static long lowerBound(int bucket) {
        if (bucket < SUB) {
            return bucket;
        }
        int shift = (bucket - SUB) / SUB;
        long mantissa = SUB + (bucket - SUB) % SUB;
        return mantissa << shift;
    }
}
