package io.jwire.benchmarks;

import io.jwire.benchmarks.report.Report;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;

/**
 * What {@code benchmarks/run.sh} runs: every benchmark of this module (or those matching
 * {@code --include}), with JMH's {@code gc} profiler, into {@code <out>/jmh-result.json}; then the
 * report ({@code <out>/RESULTS.md}, {@code <out>/charts/*.png}).
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
        ChainedOptionsBuilder options = new OptionsBuilder()
                .addProfiler(GCProfiler.class)
                .shouldFailOnError(true)
                .result(json.toString())
                .resultFormat(ResultFormatType.JSON);
        for (String include : includes) {
            options.include(include);
        }
        profile.apply(options);
        new Runner(options.build()).run();
        String described = profile.description() + (includes.contains(ALL) ? "" : "; only " + includes);
        System.out.println("wrote " + Report.write(json, out, described));
    }

    private static String next(String[] args, int i) {
        if (i >= args.length) {
            System.err.println(args[i - 1] + " needs a value");
            System.exit(2);
        }
        return args[i];
    }
}
