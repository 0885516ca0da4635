package io.jwire.benchmarks.report;

/**
 * One target of the issue: the ratio jwire / {@code peer} in benchmark {@code group} must be at
 * most (or at least) {@code bound}.
 *
 * @param group the benchmark group, e.g. {@code Switch} for {@code SwitchBench}
 * @param peer the peer's method name, e.g. {@code continuation}
 * @param atMost true for "jwire / peer <= bound" (times, bytes), false for ">= bound" (throughput)
 * @param bound the bound on the ratio
 */
public record Target(String group, String peer, boolean atMost, double bound) {

    /** Whether {@code ratio} meets the target. */
    public boolean isMet(double ratio) {
        return atMost ? ratio <= bound : ratio >= bound;
    }

    /** The target as the report prints it, e.g. {@code <= 1.20x}. */
    public String text() {
        return (atMost ? "<= " : ">= ") + String.format(java.util.Locale.ROOT, "%.2fx", bound);
    }
}
