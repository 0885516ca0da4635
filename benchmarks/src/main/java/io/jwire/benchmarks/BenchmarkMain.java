package io.jwire.benchmarks;

import io.jwire.benchmarks.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.regex.Pattern;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.results.format.ResultFormatFactory;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.VerboseMode;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What {@code benchmarks/run.sh} runs: every benchmark of this module (or those matching
 * {@code --include}, JMH regular expressions), with JMH's {@code gc} profiler, in two passes (the
 * {@link SlowBenchmark}s second, with fewer iterations), into one {@code <out>/jmh-result.json};
 * then the report ({@code <out>/RESULTS.md}, {@code <out>/charts/*.png}).
 *
 * <pre>
 * BenchmarkMain [--full | --tiny] [--include REGEX]... [--out DIR]
 * </pre>
 */
public final class BenchmarkMain {
    /** The JMH include pattern for every benchmark class of this module. */
    public static final String ALL = "io\\.jwire\\.benchmarks\\.\\w+Bench\\.";

    private BenchmarkMain() {
    }

    public static void main(String[] args) throws Exception {
        Profile profile = Profile.SHORT;
        List<String> includes = new ArrayList<>();
        Path out = Path.of("benchmarks");
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--full" -> profile = Profile.FULL;
                case "--short" -> profile = Profile.SHORT;
                case "--tiny" -> profile = Profile.TINY;
                case "--include" -> includes.add(next(args, ++i));
                case "--out" -> out = Path.of(next(args, ++i));
                default -> {
                    System.err.println("unknown argument '" + args[i]
                            + "'; usage: run.sh [--full | --tiny] [--include REGEX]... [--out DIR]");
                    System.exit(2);
                }
            }
        }
        if (includes.isEmpty()) {
            includes.add(ALL);
        }
        Files.createDirectories(out);
        Path json = out.resolve("jmh-result.json");
        Collection<RunResult> results = run(profile, includes);
        ResultFormatFactory.getInstance(ResultFormatType.JSON, json.toString()).writeOut(results);
        String described = profile.description() + (includes.contains(ALL) ? "" : "; only " + includes);
        System.out.println("wrote " + json + "\nwrote " + Report.write(json, out, described));
    }

    /**
     * Runs the benchmarks matching {@code includes}: first the ordinary ones with the profile's
     * settings, then those marked {@link SlowBenchmark} with its slow settings; always with JMH's
     * {@code gc} profiler.
     */
    static Collection<RunResult> run(Profile profile, List<String> includes) throws Exception {
        List<String> normal = new ArrayList<>();
        List<String> slow = new ArrayList<>();
        for (BenchmarkListEntry e : BenchmarkList.defaultList().find(
                OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), includes, List.of())) {
            String exact = "^" + Pattern.quote(e.getUsername()) + "$";
            Class<?> c = Class.forName(e.getUserClassQName(), false, BenchmarkMain.class.getClassLoader());
            (c.isAnnotationPresent(SlowBenchmark.class) ? slow : normal).add(exact);
        }
        if (normal.isEmpty() && slow.isEmpty()) {
            throw new IllegalArgumentException("no benchmark matches " + includes);
        }
        List<RunResult> results = new ArrayList<>();
        if (!normal.isEmpty()) {
            results.addAll(new Runner(profile.apply(options(normal)).build()).run());
        }
        if (!slow.isEmpty()) {
            results.addAll(new Runner(profile.applySlow(options(slow)).build()).run());
        }
        return results;
    }

    private static ChainedOptionsBuilder options(List<String> exactNames) {
        ChainedOptionsBuilder options = new OptionsBuilder().addProfiler(GCProfiler.class).shouldFailOnError(true);
        for (String name : exactNames) {
            options.include(name);
        }
        return options;
    }

    private static String next(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
