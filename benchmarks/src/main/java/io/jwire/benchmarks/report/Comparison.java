package io.jwire.benchmarks.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One jwire row set against one peer row of the same benchmark and parameters, measured in the
 * same run.
 *
 * @param jwire the jwire row (one per switch implementation)
 * @param peer the peer's row
 * @param jwireFigure the figure compared for jwire (see {@link Catalog#figure(Row)})
 * @param peerFigure the same figure for the peer
 * @param ratio {@code jwireFigure / peerFigure} with its propagated error
 * @param target the target for this pair, if any
 */
public record Comparison(Row jwire, Row peer, Estimate jwireFigure, Estimate peerFigure, Estimate ratio,
                         Optional<Target> target) {

    /**
     * Every (jwire row, peer row) pair with the same {@link Row#comparisonKey()} (and the same
     * switch, for a peer that has one), in the order
     * the rows come: groups as JMH ran them, jwire switches in turn, peers in method order.
     */
    public static List<Comparison> of(List<Row> rows) {
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            byKey.computeIfAbsent(r.comparisonKey(), k -> new ArrayList<>()).add(r);
        }
        List<Comparison> out = new ArrayList<>();
        for (List<Row> same : byKey.values()) {
            for (Row j : same) {
                if (!j.isJwire()) {
                    continue;
                }
                for (Row p : same) {
                    if (p.isJwire() || p.jwireSwitch() != null && !p.jwireSwitch().equals(j.jwireSwitch())) {
                        continue; // a peer that runs on a jwire switch too (the Java API) meets its own switch only
                    }
                    Estimate jf = Catalog.figure(j);
                    Estimate pf = Catalog.figure(p);
                    out.add(new Comparison(j, p, jf, pf, Estimate.ratio(jf, pf), Catalog.target(j.group(), p.peer())));
                }
            }
        }
        return out;
    }

    /** "met", "missed", or "no target"; "within error" is added when the bound lies inside the error bar. */
    public String verdict() {
        if (target.isEmpty() || Double.isNaN(ratio.value())) {
            return target.isEmpty() ? "" : "not measured";
        }
        Target t = target.get();
        String v = t.isMet(ratio.value()) ? "met" : "**missed**";
        if (ratio.hasError() && Math.abs(ratio.value() - t.bound()) <= ratio.error()) {
            v += " (within error)";
        }
        return v;
    }
}
