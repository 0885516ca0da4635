package io.jwire.benchmarks.report;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Turns JMH's JSON result file ({@code -rf json}) into {@code RESULTS.md} and PNG charts: the
 * machine, the ratios jwire / peer with the targets, allocation per operation, and the raw
 * JMH table.
 *
 * <pre>
 * java -cp ... io.jwire.benchmarks.report.Report benchmarks/jmh-result.json benchmarks "short profile"
 * </pre>
 */
public final class Report {
    private static final String METHOD_TEXT = "method.md";
    private static final String ANALYSIS = "ANALYSIS.md";

    /**
     * Where and when the numbers were measured.
     *
     * @param jdk the forked JVMs' JDK and VM, from the JSON
     * @param cpu model name and logical CPU count, from {@code /proc/cpuinfo}
     * @param os name, version, architecture
     * @param date when the report was written, UTC
     */
    public record Environment(String jdk, String cpu, String os, String date) {

        /** The environment of this machine now, with the JDK taken from the result file. */
        static Environment current(String json) {
            String jdk = "unknown";
            List<Object> all = Json.array(Json.parse(json));
            if (!all.isEmpty()) {
                Map<String, Object> first = Json.object(all.get(0));
                jdk = first.get("jdkVersion") + " (" + first.get("vmName") + " " + first.get("vmVersion") + ")";
            }
            String os = System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                    + System.getProperty("os.arch");
            String date = ZonedDateTime.now(ZoneOffset.UTC).format(DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'"));
            return new Environment(jdk, readCpu(), os, date);
        }

        private static String readCpu() {
            try {
                List<String> lines = Files.readAllLines(Path.of("/proc/cpuinfo"));
                String model = lines.stream().filter(l -> l.startsWith("model name"))
                        .map(l -> l.substring(l.indexOf(':') + 1).trim()).findFirst().orElse("unknown model");
                long count = lines.stream().filter(l -> l.startsWith("processor")).count();
                return model + ", " + count + " logical CPUs";
            } catch (IOException | RuntimeException e) {
                return "unknown (no /proc/cpuinfo), " + Runtime.getRuntime().availableProcessors() + " CPUs";
            }
        }
    }

    private Report() {
    }

    /** {@code Report <result.json> <outDir> [profile description]}: writes outDir/RESULTS.md and outDir/charts. */
    public static void main(String[] args) throws IOException {
        if (args.length < 2) {
            System.err.println("usage: Report <jmh-result.json> <outDir> [profile description]");
            System.exit(2);
        }
        Path out = write(Path.of(args[0]), Path.of(args[1]), args.length > 2 ? args[2] : "");
        System.out.println("wrote " + out);
    }

    /**
     * Reads {@code json}, draws the charts into {@code outDir/charts} and writes
     * {@code outDir/RESULTS.md}.
     *
     * @return the path of RESULTS.md
     */
    public static Path write(Path json, Path outDir, String profile) throws IOException {
        String text = Files.readString(json);
        List<Row> rows = Row.parseAll(text);
        List<Comparison> comparisons = Comparison.of(rows);
        List<String> charts = Charts.write(rows, comparisons, outDir.resolve("charts"));
        Path results = outDir.resolve("RESULTS.md");
        String source = outDir.toAbsolutePath().relativize(json.toAbsolutePath()).toString();
        String md = markdown(rows, comparisons, Environment.current(text), profile, charts, source);
        Path analysis = outDir.resolve(ANALYSIS);
        if (Files.exists(analysis)) {
            md = withAnalysis(md, Files.readString(analysis));
        }
        Files.writeString(results, md);
        return results;
    }

    /**
     * Puts the hand-written analysis (why a target is missed, read from {@code ANALYSIS.md} beside
     * RESULTS.md) right after the ratio table, so a re-run keeps it next to the numbers.
     */
    static String withAnalysis(String md, String analysis) {
        String marker = "## Allocation per operation";
        int at = md.indexOf(marker);
        String text = analysis.strip() + "\n\n";
        return at < 0 ? md + "\n" + text : md.substring(0, at) + text + md.substring(at);
    }

    /** The text of RESULTS.md. Charts are linked as {@code charts/<file>}. */
    public static String markdown(List<Row> rows, List<Comparison> comparisons, Environment env, String profile,
                                  List<String> charts, String source) {
        StringBuilder md = new StringBuilder();
        md.append("# jwire benchmarks: results\n\n");
        md.append("Written by `benchmarks/run.sh` from JMH's JSON result (`").append(source).append("`). ")
                .append("Every ratio compares rows measured in the same run. Errors are JMH's: the half width of the ")
                .append("99.9% confidence interval over all measurement iterations of all forks.\n\n");
        md.append("| | |\n|---|---|\n");
        md.append("| date | ").append(env.date()).append(" |\n");
        md.append("| JDK | ").append(env.jdk()).append(" |\n");
        md.append("| CPU | ").append(env.cpu()).append(" |\n");
        md.append("| OS | ").append(env.os()).append(" |\n");
        if (!profile.isEmpty()) {
            md.append("| profile | ").append(profile).append(" |\n");
        }
        md.append('\n');

        md.append("## jwire / peer, with the issue's targets\n\n");
        md.append("Lower is better for times and bytes: a ratio of 0.5 means jwire takes half the peer's time. ")
                .append("Higher is better for throughput (ops/s, such as Echo): 2.0 means jwire does twice the peer's work.\n\n");
        md.append("| benchmark | jwire switch | peer | jwire | peer | jwire / peer | target | verdict |\n");
        md.append("|---|---|---|---:|---:|---:|---|---|\n");
        for (Comparison c : comparisons) {
            md.append("| ").append(c.jwire().comparisonKey())
                    .append(" | ").append(c.jwire().jwireSwitch())
                    .append(" | ").append(Catalog.displayName(c.peer().peer()))
                    .append(" | ").append(estimate(c.jwireFigure(), true))
                    .append(" | ").append(estimate(c.peerFigure(), true))
                    .append(" | ").append(estimate(c.ratio(), false)).append('x')
                    .append(" | ").append(c.target().map(Target::text).orElse(""))
                    .append(" | ").append(c.verdict()).append(" |\n");
        }
        md.append('\n');

        allocation(md, rows);

        if (!charts.isEmpty()) {
            md.append("## Charts\n\n");
            for (String chart : charts) {
                md.append("![").append(chart).append("](charts/").append(chart).append(")\n\n");
            }
        }

        md.append("## Raw JMH results\n\n");
        md.append("| Benchmark | Params | Mode | Cnt | Score | Error | Units |\n");
        md.append("|---|---|---|---:|---:|---:|---|\n");
        for (Row r : rows) {
            rawLine(md, r.benchmark().replace("io.jwire.benchmarks.", ""), params(r), r.mode(), r.primary());
            for (Map.Entry<String, Row.Metric> s : r.secondary().entrySet()) {
                rawLine(md, "&nbsp;&nbsp;·" + s.getKey(), "", r.mode(), s.getValue());
            }
        }
        md.append('\n');
        md.append(methodText());
        return md.toString();
    }

    private static void allocation(StringBuilder md, List<Row> rows) {
        if (rows.stream().noneMatch(r -> r.secondary().containsKey(Catalog.ALLOCATION_METRIC)
                && !Catalog.NOT_PER_OPERATION_GROUPS.contains(r.group()))) {
            return;
        }
        md.append("## Allocation per operation (`-prof gc`, `").append(Catalog.ALLOCATION_METRIC).append("`)\n\n");
        md.append("Target for jwire's hot paths: 0 B/op in steady state, counted as met below ")
                .append(num(Catalog.ZERO_ALLOCATION_LIMIT)).append(" B/op (one object per operation would be at least ")
                .append("16 B/op; what remains below is each invocation's setup, such as spawning its wires, ")
                .append("amortized over its operations). Rows on the virtual-thread switch park and unpark virtual ")
                .append("threads in the JDK; compare them with the virtual-threads row of the same benchmark. ")
                .append("Left out: ").append(String.join(", ", Catalog.NOT_PER_OPERATION_GROUPS))
                .append(", whose JMH operation is a whole invocation (see the raw table).\n\n");
        md.append("| benchmark | row | allocation | target | verdict |\n|---|---|---:|---|---|\n");
        for (Row r : rows) {
            Row.Metric m = r.secondary().get(Catalog.ALLOCATION_METRIC);
            if (m == null || Catalog.NOT_PER_OPERATION_GROUPS.contains(r.group())) {
                continue;
            }
            boolean targeted = Catalog.mustNotAllocate(r);
            String verdict = !targeted ? "" : m.score() < Catalog.ZERO_ALLOCATION_LIMIT ? "met" : "**missed**";
            md.append("| ").append(r.comparisonKey()).append(" | ").append(r.label()).append(" | ")
                    .append(estimate(new Estimate(m.score(), m.error(), m.unit()), true)).append(" | ")
                    .append(targeted ? "0 B/op" : "").append(" | ").append(verdict).append(" |\n");
        }
        md.append('\n');
    }

    private static void rawLine(StringBuilder md, String name, String params, String mode, Row.Metric m) {
        md.append("| ").append(name).append(" | ").append(params).append(" | ").append(mode).append(" | ")
                .append(m.raw().length).append(" | ").append(num(m.score())).append(" | ")
                .append(Double.isNaN(m.error()) ? "" : "± " + num(m.error())).append(" | ")
                .append(m.unit()).append(" |\n");
    }

    private static String params(Row r) {
        StringBuilder sb = new StringBuilder();
        r.params().forEach((k, v) -> sb.append(sb.isEmpty() ? "" : ", ").append(k).append('=').append(v));
        return sb.toString();
    }

    /** {@code 12.3 ± 0.4 ns/op}; without the unit when {@code withUnit} is false. */
    static String estimate(Estimate e, boolean withUnit) {
        String s = num(e.value());
        if (e.hasError()) {
            s += " ± " + num(e.error());
        }
        return withUnit && !e.unit().isEmpty() ? s + " " + e.unit() : s;
    }

    /** A number with about three significant digits, without exponent for everyday magnitudes. */
    static String num(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        double a = Math.abs(v);
        if (a == 0) {
            return "0";
        }
        if (a >= 100) {
            return String.format(Locale.ROOT, "%,.0f", v);
        }
        if (a >= 10) {
            return String.format(Locale.ROOT, "%.1f", v);
        }
        if (a >= 0.01) {
            return String.format(Locale.ROOT, "%.2f", v);
        }
        return String.format(Locale.ROOT, "%.1e", v);
    }

    private static String methodText() {
        try (InputStream in = Report.class.getResourceAsStream(METHOD_TEXT)) {
            return in == null ? "" : new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            return "";
        }
    }

    /** For tests: the target verdict of one comparison by group and peer. */
    static Optional<Comparison> find(List<Comparison> all, String group, String sw, String peer) {
        return all.stream().filter(c -> c.jwire().group().equals(group) && sw.equals(c.jwire().jwireSwitch())
                && c.peer().peer().equals(peer)).findFirst();
    }
}
