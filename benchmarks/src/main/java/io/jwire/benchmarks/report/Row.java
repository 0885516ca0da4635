package io.jwire.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * One row of JMH's JSON result: one benchmark method with one set of parameters.
 *
 * <p>Naming convention that the report relies on: benchmark classes are
 * {@code io.jwire.benchmarks.<Group>Bench} and each method is named after its peer
 * ({@code jwire}, {@code continuation}, {@code virtualThread}, {@code kotlinx}, ...). jwire rows
 * carry the parameter {@value #SWITCH_PARAM}.
 *
 * @param benchmark the full JMH name, {@code io.jwire.benchmarks.SwitchBench.jwire}
 * @param group the class name without package and {@code Bench}, e.g. {@code Switch}
 * @param peer the method name, e.g. {@code jwire}
 * @param params every JMH parameter of the row, sorted by name
 * @param mode JMH's mode: {@code avgt}, {@code thrpt}, ...
 * @param primary the primary score
 * @param secondary secondary results by label (aux counters, {@code gc.alloc.rate.norm}, ...)
 */
public record Row(String benchmark, String group, String peer, Map<String, String> params, String mode,
                  Metric primary, Map<String, Metric> secondary) {

    /** The parameter that names the jwire switch implementation of a jwire row. */
    public static final String SWITCH_PARAM = "jwireSwitch";

    /**
     * A score with its error and the raw per-iteration values.
     *
     * @param score JMH's score
     * @param error JMH's error (half width of the 99.9% confidence interval), NaN when not computed
     * @param unit e.g. {@code ns/op}
     * @param raw per-iteration values of every fork, flattened
     */
    public record Metric(double score, double error, String unit, double[] raw) {
    }

    /** The rows of a JMH JSON result file's text. */
    public static List<Row> parseAll(String json) {
        List<Row> rows = new ArrayList<>();
        for (Object o : Json.array(Json.parse(json))) {
            rows.add(of(Json.object(o)));
        }
        return rows;
    }

    private static Row of(Map<String, Object> r) {
        String benchmark = (String) r.get("benchmark");
        int dot = benchmark.lastIndexOf('.');
        String cls = benchmark.substring(benchmark.lastIndexOf('.', dot - 1) + 1, dot);
        String group = cls.endsWith("Bench") ? cls.substring(0, cls.length() - "Bench".length()) : cls;
        Map<String, String> params = new TreeMap<>();
        Json.object(r.get("params")).forEach((k, v) -> params.put(k, String.valueOf(v)));
        Map<String, Metric> secondary = new LinkedHashMap<>();
        Json.object(r.get("secondaryMetrics")).forEach((k, v) -> {
            Metric m = metric(Json.object(v));
            secondary.put(k, Catalog.PER_ITERATION_METRICS.contains(k) ? meanOfIterations(m) : m);
        });
        return new Row(benchmark, group, benchmark.substring(dot + 1), params, String.valueOf(r.get("mode")),
                metric(Json.object(r.get("primaryMetric"))), secondary);
    }

    /**
     * {@code m} with JMH's score (for aux counters: the sum over iterations) replaced by the mean of
     * its per-iteration values, and the error computed from them as JMH does.
     */
    private static Metric meanOfIterations(Metric m) {
        Estimate e = Estimate.ofSamples(m.raw(), m.unit());
        return new Metric(e.value(), e.error(), m.unit(), m.raw());
    }

    private static Metric metric(Map<String, Object> m) {
        List<Double> raw = new ArrayList<>();
        for (Object fork : Json.array(m.get("rawData"))) {
            for (Object v : Json.array(fork)) {
                raw.add(Json.number(v));
            }
        }
        return new Metric(Json.number(m.get("score")), Json.number(m.get("scoreError")),
                String.valueOf(m.get("scoreUnit")), raw.stream().mapToDouble(Double::doubleValue).toArray());
    }

    /** The switch implementation of a jwire row, or null for a peer's row. */
    public String jwireSwitch() {
        return params.get(SWITCH_PARAM);
    }

    /** Whether this is a jwire row. */
    public boolean isJwire() {
        return "jwire".equals(peer);
    }

    /** The parameters other than the switch: rows with equal keys and groups are compared. */
    public String comparisonKey() {
        StringBuilder sb = new StringBuilder(group);
        params.forEach((k, v) -> {
            if (!k.equals(SWITCH_PARAM)) {
                sb.append(' ').append(k).append('=').append(v);
            }
        });
        return sb.toString();
    }

    /** The row's label in tables and charts: the peer's display name, and the switch for jwire. */
    public String label() {
        String name = Catalog.displayName(peer);
        return jwireSwitch() == null ? name : name + " (" + jwireSwitch() + ")";
    }
}
