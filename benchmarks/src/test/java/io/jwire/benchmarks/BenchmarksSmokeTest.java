package io.jwire.benchmarks;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jwire.benchmarks.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs every benchmark method of the module once, briefly, through the same two-pass runner as
 * {@code run.sh} ({@link Profile#SMOKE}: one fork, no warmup, one 50 ms iteration, sizes cut
 * down), so the benchmarks cannot rot: each must run to
 * completion in a forked JVM with its real flags, on both jwire switches, and produce a score;
 * and the report must read the result.
 * CI runs this; it does not run the real benchmarks.
 */
@Timeout(value = 240, threadMode = Timeout.ThreadMode.SEPARATE_THREAD)
class BenchmarksSmokeTest {
    static {
        // JMH refuses to start while another JMH run on the machine holds /tmp/jmh.lock (a
        // benchmark run or another build's smoke test); the smoke test measures nothing, so it
        // need not wait for the machine to itself.
        System.setProperty("jmh.ignoreLock", "true");
    }

    @Test
    void everyBenchmarkRunsOnceOnEverySwitchAndTheReportReadsTheResult(@TempDir Path dir) throws Exception {
        Set<String> methods = new TreeSet<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList()
                .getAll(OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), List.of())) {
            if (e.getUsername().matches(BenchmarkMain.ALL + ".*")) {
                methods.add(e.getUsername());
            }
        }
        assertTrue(methods.size() >= 24, "benchmark list: " + methods);

        Collection<RunResult> results = BenchmarkMain.run(Profile.SMOKE, List.of(BenchmarkMain.ALL));

        Set<String> ran = new TreeSet<>();
        Set<String> jwireRows = new TreeSet<>();
        for (RunResult r : results) {
            String name = r.getParams().getBenchmark();
            double score = r.getPrimaryResult().getScore();
            assertTrue(Double.isFinite(score) && score > 0, name + " scored " + score);
            ran.add(name);
            if (name.endsWith(".jwire")) {
                jwireRows.add(name + " on " + r.getParams().getParam("jwireSwitch"));
            }
            if (name.contains("EchoBench")) {
                assertEquals("10", r.getParams().getParam("connections"), name);
                assertTrue(r.getSecondaryResults().get("latencyP50Us").getScore() > 0, name + " measured no latency");
            }
            if (name.contains("MemoryBench")) {
                assertTrue(r.getSecondaryResults().get("heapBytes").getScore() > 0, name + " measured no heap");
                assertEquals(10_000.0, r.getSecondaryResults().get("suspendedUnits").getScore(), name);
            }
        }
        assertEquals(methods, ran, "every benchmark method ran");
        long jwireMethods = methods.stream().filter(m -> m.endsWith(".jwire")).count();
        assertEquals(2 * jwireMethods, jwireRows.size(), "every jwire benchmark ran on both switches: " + jwireRows);

        // the pipeline of run.sh: JMH's JSON, then RESULTS.md and charts
        Path json = dir.resolve("jmh-result.json");
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        String md = Files.readString(Report.write(json, dir, Profile.SMOKE.description()));
        assertTrue(md.contains("| Switch | continuation | raw Continuation |"), md);
        assertTrue(md.contains("| Memory units=10000 | virtual-thread | virtual threads |"), md);
        assertTrue(md.contains("| Rendezvous | continuation | virtual threads |"), md);
        assertTrue(md.contains("| Lock contention=uncontended | continuation | kotlinx.coroutines |"), md);
        assertTrue(md.contains("| Echo connections=10 | continuation | Netty epoll |"), md);
        assertTrue(Files.size(dir.resolve("charts").resolve("ratios-continuation.png")) > 1000);
    }
}
