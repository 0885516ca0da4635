package io.jwire.benchmarks.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report generator on a small checked-in JMH result ({@code jmh-sample.json}) whose numbers
 * were chosen so every ratio, error and verdict is known exactly.
 */
@Timeout(value = 60, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class ReportTest {

    private static String sample() throws IOException {
        try (InputStream in = ReportTest.class.getResourceAsStream("jmh-sample.json")) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    private static List<Row> rows() throws IOException {
        return Row.parseAll(sample());
    }

    @Test
    void analysisGoesRightAfterTheRatioTable() {
        String md = "# r\n\n## jwire / peer\n\n| t |\n\n## Allocation per operation\n\nx\n";
        String out = Report.withAnalysis(md, "## Why targets are missed\n\nbecause.\n");
        assertEquals("# r\n\n## jwire / peer\n\n| t |\n\n## Why targets are missed\n\nbecause.\n\n## Allocation per operation\n\nx\n", out);
        assertEquals("a\n\nb\n\n", Report.withAnalysis("a\n", "b"));
    }

    @Test
    void parsesRowsGroupsPeersParamsAndRawData() throws IOException {
        List<Row> rows = rows();
        assertEquals(6, rows.size());
        Row memory = rows.get(0);
        assertEquals("Memory", memory.group());
        assertEquals("jwire", memory.peer());
        assertEquals("continuation", memory.jwireSwitch());
        assertEquals(Map.of("jwireSwitch", "continuation", "units", "1000"), memory.params());
        assertEquals("Memory units=1000", memory.comparisonKey());
        assertEquals("jwire (continuation)", memory.label());

        Row raw = rows.get(2);
        assertEquals("io.jwire.benchmarks.SwitchBench.continuation", raw.benchmark());
        assertEquals("continuation", raw.peer());
        assertEquals(null, raw.jwireSwitch());
        assertEquals("Switch", raw.comparisonKey());
        assertEquals("raw Continuation", raw.label());
        assertEquals(100.0, raw.primary().score());
        assertEquals(10.0, raw.primary().error());
        assertEquals("ns/op", raw.primary().unit());
        assertEquals(4, raw.primary().raw().length, "two forks of two iterations, flattened");
        assertEquals(0.01, raw.secondary().get(Catalog.ALLOCATION_METRIC).score(), 1e-12);
        assertTrue(Double.isNaN(memory.primary().error()), "JMH writes a missing error as the string NaN");
    }

    @Test
    void pairsEveryJwireRowWithEveryPeerOfTheSameBenchmarkAndParameters() throws IOException {
        List<Comparison> all = Comparison.of(rows());
        assertEquals(1 + 2 * 2, all.size(), "Memory: 1 jwire x 1 peer; Switch: 2 switches x 2 peers");
        for (Comparison c : all) {
            assertTrue(c.jwire().isJwire());
            assertFalse(c.peer().isJwire());
            assertEquals(c.jwire().comparisonKey(), c.peer().comparisonKey());
        }
    }

    @Test
    void ratioIsJwireOverPeerWithPropagatedErrorAndTargetVerdict() throws IOException {
        List<Comparison> all = Comparison.of(rows());
        Comparison fast = Report.find(all, "Switch", "continuation", "continuation").orElseThrow();
        assertEquals(1.2, fast.ratio().value(), 1e-12);
        assertEquals(1.2 * Math.sqrt(0.1 * 0.1 + 0.1 * 0.1), fast.ratio().error(), 1e-12);
        assertEquals("<= 1.20x", fast.target().orElseThrow().text());
        assertEquals("met (within error)", fast.verdict(), "exactly on the bound is met");

        Comparison fallback = Report.find(all, "Switch", "virtual-thread", "continuation").orElseThrow();
        assertEquals(24.0, fallback.ratio().value(), 1e-12);
        assertEquals("**missed**", fallback.verdict());

        Comparison noTarget = Report.find(all, "Switch", "continuation", "kotlinx").orElseThrow();
        assertEquals(2.0, noTarget.ratio().value(), 1e-12);
        assertTrue(noTarget.target().isEmpty());
        assertEquals("", noTarget.verdict());
    }

    @Test
    void memoryComparesHeapBytesPerSuspendedUnitPerIteration() throws IOException {
        List<Comparison> all = Comparison.of(rows());
        Comparison memory = Report.find(all, "Memory", "continuation", "virtualThread").orElseThrow();
        assertEquals(1000.0, memory.jwireFigure().value(), 1e-9);
        assertEquals(0.0, memory.jwireFigure().error(), 1e-9, "1e6/1000 and 2e6/2000 are both 1000 B/unit");
        assertEquals("B/unit", memory.jwireFigure().unit());
        assertEquals(1500.0, memory.peerFigure().value(), 1e-9);
        assertEquals(2.0 / 3.0, memory.ratio().value(), 1e-12);
        assertEquals("met", memory.verdict());
    }

    @Test
    void errorIsTheStudentT999HalfWidthLikeJmh() {
        Estimate e = Estimate.ofSamples(new double[] {1, 2, 3}, "ns/op");
        assertEquals(2.0, e.value(), 1e-12);
        assertEquals(31.599055 / Math.sqrt(3), e.error(), 1e-5);
        assertTrue(Double.isNaN(Estimate.ofSamples(new double[] {5}, "ns/op").error()), "one sample has no error");
    }

    @Test
    void markdownHasMachineTargetsAllocationRawTableAndChartLinks() throws IOException {
        List<Row> rows = rows();
        String md = Report.markdown(rows, Comparison.of(rows),
                new Report.Environment("25.0.3 (VM)", "Test CPU, 2 logical CPUs", "Linux", "2026-01-01 00:00 UTC"),
                "short", List.of("ratios-continuation.png"), "jmh-result.json");
        assertTrue(md.contains("| JDK | 25.0.3 (VM) |"), md);
        assertTrue(md.contains("| CPU | Test CPU, 2 logical CPUs |"), md);
        assertTrue(md.contains("| Switch | continuation | raw Continuation | 120 ± 12.0 ns/op | 100 ± 10.0 ns/op | "
                + "1.20 ± 0.17x | <= 1.20x | met (within error) |"), md);
        assertTrue(md.contains("| Switch | virtual-thread | raw Continuation | 2,400 ± 0 ns/op | 100 ± 10.0 ns/op | "
                + "24.0 ± 2.40x | <= 1.20x | **missed** |"), md);
        assertTrue(md.contains("| Switch | jwire (continuation) | 0.02 B/op | 0 B/op | met |"), md);
        assertTrue(md.contains("| Switch | jwire (virtual-thread) | 33.0 B/op | 0 B/op | **missed** |"), md);
        assertTrue(md.contains("| Switch | kotlinx.coroutines | 13.0 B/op |  |  |"), md);
        assertFalse(md.contains("| Memory units=1000 | jwire (continuation) | 5,000,000 B/op"),
                "memory's allocation is per invocation, not per op: left out of the allocation table");
        assertTrue(md.contains("| &nbsp;&nbsp;·gc.alloc.rate.norm |  | avgt | 2 | 5,000,000 |  | B/op |"),
                "but kept in the raw table");
        assertTrue(md.contains("![ratios-continuation.png](charts/ratios-continuation.png)"), md);
        assertTrue(md.contains("| SwitchBench.jwire | jwireSwitch=virtual-thread | avgt | 4 | 2,400 | ± 0 | ns/op |"), md);
        assertTrue(md.contains("## Method"), "the method text is appended");
    }

    @Test
    void writesResultsAndPngCharts(@TempDir Path dir) throws IOException {
        Path json = dir.resolve("jmh-result.json");
        Files.writeString(json, sample());
        Path stale = Files.createDirectories(dir.resolve("charts")).resolve("renamed-benchmark.png");
        Files.write(stale, new byte[] {1});
        Path results = Report.write(json, dir, "short");
        assertEquals(dir.resolve("RESULTS.md"), results);
        String md = Files.readString(results);
        for (String chart : List.of("ratios-continuation.png", "ratios-virtual-thread.png", "switch.png",
                "memory-units-1000.png")) {
            Path png = dir.resolve("charts").resolve(chart);
            assertTrue(Files.size(png) > 1000, chart);
            byte[] head = Files.readAllBytes(png);
            assertEquals((byte) 0x89, head[0]);
            assertEquals('P', head[1]);
            assertTrue(md.contains("](charts/" + chart + ")"), chart);
        }
        assertFalse(Files.exists(stale), "charts of an earlier run are removed");
        // the ratio chart gives every comparison a row of its own, so no label lands on another
        long rows = Comparison.of(Row.parseAll(sample())).stream()
                .filter(c -> "continuation".equals(c.jwire().jwireSwitch()))
                .count();
        java.awt.image.BufferedImage ratios = javax.imageio.ImageIO.read(dir.resolve("charts/ratios-continuation.png").toFile());
        assertTrue(rows > 1 && ratios.getHeight() >= 22 * rows + 100, rows + " rows in " + ratios.getHeight() + " px");
    }

    @Test
    void jsonReaderHandlesEscapesNumbersAndRejectsGarbage() {
        Object v = Json.parse(" {\"a\\\"b\": [1, -2.5e3, true, false, null, \"\\u00e9\\n\"], \"c\": {}} ");
        Map<String, Object> m = Json.object(v);
        List<Object> a = Json.array(m.get("a\"b"));
        assertEquals(List.of(1.0, -2500.0, true, false), a.subList(0, 4));
        assertEquals(null, a.get(4));
        assertEquals("é\n", a.get(5));
        assertEquals(Map.of(), m.get("c"));
        assertTrue(Double.isNaN(Json.number("NaN")));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\": 1"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1] x"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("\"open"));
    }

    private static String row(String benchmark, String params, String mode, String unit, double score,
                              String secondary) {
        return "{\"benchmark\":\"io.jwire.benchmarks." + benchmark + "\",\"mode\":\"" + mode + "\",\"params\":{"
                + params + "},\"primaryMetric\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\""
                + unit + "\",\"rawData\":[[" + score + "]]},\"secondaryMetrics\":{" + secondary + "}}";
    }

    private static String metric(String name, String unit, double score, double... raw) {
        StringBuilder values = new StringBuilder();
        for (double v : raw) {
            values.append(values.isEmpty() ? "" : ",").append(v);
        }
        return "\"" + name + "\":{\"score\":" + score + ",\"scoreError\":\"NaN\",\"scoreUnit\":\"" + unit
                + "\",\"rawData\":[[" + values + "]]}";
    }

    @Test
    void aPeerOnAJwireSwitchIsComparedOnlyWithTheJwireRowOfThatSwitch() {
        String json = "[" + String.join(",",
                row("DslYieldBench.jwire", "\"jwireSwitch\":\"continuation\"", "avgt", "ns/op", 110.0, ""),
                row("DslYieldBench.jwire", "\"jwireSwitch\":\"virtual-thread\"", "avgt", "ns/op", 1500.0, ""),
                row("DslYieldBench.javaApi", "\"jwireSwitch\":\"continuation\"", "avgt", "ns/op", 100.0, ""),
                row("DslYieldBench.javaApi", "\"jwireSwitch\":\"virtual-thread\"", "avgt", "ns/op", 1000.0, ""),
                row("DslYieldBench.kotlinx", "", "avgt", "ns/op", 50.0, "")) + "]";
        List<Comparison> all = Comparison.of(Row.parseAll(json));
        assertEquals(4, all.size(), all.toString());
        for (Comparison c : all) {
            if (c.peer().peer().equals("javaApi")) {
                assertEquals(c.jwire().jwireSwitch(), c.peer().jwireSwitch());
            }
        }
        assertEquals(1.1, all.stream().filter(c -> c.peer().peer().equals("javaApi")
                && c.jwire().jwireSwitch().equals("continuation")).findFirst().orElseThrow().ratio().value(), 1e-9);
    }

    @Test
    void percentileCountersShowTheirMeanOverIterationsNotJmhsSum() {
        String json = "[" + row("EchoBench.nio", "\"connections\":\"100\"", "thrpt", "ops/s", 1000.0,
                metric("latencyP50Us", "#", 30.0, 10.0, 20.0) + "," + metric("latencyP99Us", "#", 90.0, 40.0, 50.0)) + "]";
        Row echo = Row.parseAll(json).get(0);
        assertEquals(15.0, echo.secondary().get("latencyP50Us").score(), 1e-12);
        assertEquals(45.0, echo.secondary().get("latencyP99Us").score(), 1e-12);
        assertEquals(2, echo.secondary().get("latencyP99Us").raw().length);
        assertFalse(Catalog.lowerIsBetter(echo), "echo compares throughput");
    }

    @Test
    void zeroAllocationTargetsAGroupOrOneParameterSetOfIt() {
        String json = "[" + row("LockBench.jwire", "\"contention\":\"uncontended\",\"jwireSwitch\":\"continuation\"",
                "avgt", "ns/op", 20.0, "") + "," + row("LockBench.jwire",
                "\"contention\":\"contended\",\"jwireSwitch\":\"continuation\"", "avgt", "ns/op", 200.0, "") + ","
                + row("LockBench.kotlinx", "\"contention\":\"uncontended\"", "avgt", "ns/op", 30.0, "") + ","
                + row("RendezvousBench.jwire", "\"jwireSwitch\":\"continuation\"", "avgt", "ns/op", 90.0, "") + "]";
        List<Row> rows = Row.parseAll(json);
        assertTrue(Catalog.mustNotAllocate(rows.get(0)), "uncontended lock");
        assertFalse(Catalog.mustNotAllocate(rows.get(1)), "contended lock is not in the list");
        assertFalse(Catalog.mustNotAllocate(rows.get(2)), "peers never are");
        assertTrue(Catalog.mustNotAllocate(rows.get(3)), "a whole group");
    }
}
