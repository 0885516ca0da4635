package io.jwire.benchmarks.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/** Draws the report's PNG bar charts with XChart. */
final class Charts {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 560;

    private Charts() {
    }

    /**
     * Writes {@code ratios-<switch>.png} (jwire / peer for each comparison, one chart per jwire
     * switch, the target in the bar's label) and one {@code <benchmark>.png} of absolute figures
     * with error bars per benchmark and parameter set, into {@code dir}, after deleting the PNG
     * files already there.
     *
     * @return the files written, relative to {@code dir}, in report order
     */
    static List<String> write(List<Row> rows, List<Comparison> comparisons, Path dir) throws IOException {
        Files.createDirectories(dir);
        // charts of an earlier run (perhaps of benchmarks since renamed) must not linger beside the new ones
        try (var old = Files.newDirectoryStream(dir, "*.png")) {
            for (Path png : old) {
                Files.delete(png);
            }
        }
        List<String> files = new ArrayList<>();
        Map<String, List<Comparison>> bySwitch = new LinkedHashMap<>();
        for (Comparison c : comparisons) {
            if (c.ratio().value() > 0 && Double.isFinite(c.ratio().value())) {
                bySwitch.computeIfAbsent(c.jwire().jwireSwitch(), k -> new ArrayList<>()).add(c);
            }
        }
        for (Map.Entry<String, List<Comparison>> e : bySwitch.entrySet()) {
            String name = "ratios-" + fileName(String.valueOf(e.getKey())) + ".png";
            RatioChart.write(String.valueOf(e.getKey()), e.getValue(), dir.resolve(name));
            files.add(name);
        }
        Map<String, List<Row>> byKey = new LinkedHashMap<>();
        for (Row r : rows) {
            if (Double.isFinite(Catalog.figure(r).value())) {
                byKey.computeIfAbsent(r.comparisonKey(), k -> new ArrayList<>()).add(r);
            }
        }
        for (Map.Entry<String, List<Row>> e : byKey.entrySet()) {
            files.add(save(absoluteChart(e.getKey(), e.getValue()), dir, fileName(e.getKey())));
        }
        return files;
    }

    /** A file name for a comparison key: {@code Echo connections=100} becomes {@code echo-connections-100}. */
    static String fileName(String key) {
        return key.toLowerCase(java.util.Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-|-$", "");
    }

    private static CategoryChart absoluteChart(String key, List<Row> rows) {
        List<String> x = new ArrayList<>();
        List<Double> y = new ArrayList<>();
        List<Double> err = new ArrayList<>();
        String unit = "";
        for (Row r : rows) {
            Estimate f = Catalog.figure(r);
            x.add(r.label());
            y.add(f.value());
            // a log axis cannot show a bar reaching zero: clip the lower error bar just above it
            err.add(f.hasError() ? Math.min(f.error(), f.value() * 0.99) : 0.0);
            unit = f.unit();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title(key + " (" + unit + ", 99.9% error bars, log scale)")
                .xAxisTitle("peer").yAxisTitle(unit).build();
        style(chart);
        chart.getStyler().setLegendVisible(false);
        logAxis(chart, y);
        chart.addSeries(key, x, y, err);
        return chart;
    }

    /** A log Y axis from the power of ten below the smallest bar (and 1) to the one above the largest. */
    private static void logAxis(CategoryChart chart, List<Double> y) {
        double min = y.stream().mapToDouble(Double::doubleValue).min().orElse(1);
        double max = y.stream().mapToDouble(Double::doubleValue).max().orElse(1);
        chart.getStyler().setYAxisLogarithmic(true);
        // bars start at the axis minimum, which on a log axis must be above zero
        chart.getStyler().setYAxisMin(Math.pow(10, Math.floor(Math.log10(Math.min(min, 1) * 0.99))));
        chart.getStyler().setYAxisMax(Math.pow(10, Math.ceil(Math.log10(Math.max(max, 1) * 1.01))));
    }

    private static void style(CategoryChart chart) {
        chart.getStyler().setDecimalPattern("#,##0.###");
        chart.getStyler().setLegendPosition(Styler.LegendPosition.InsideNW);
        chart.getStyler().setLabelsVisible(true);
        chart.getStyler().setXAxisLabelRotation(20);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
    }

    private static String save(CategoryChart chart, Path dir, String name) throws IOException {
        BitmapEncoder.saveBitmap(chart, dir.resolve(name).toString(), BitmapEncoder.BitmapFormat.PNG);
        return name + ".png";
    }
}
