package io.jwire.benchmarks.report;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * A measured value with its error (half width of a 99.9% confidence interval, as JMH reports it;
 * NaN when there were too few samples) and unit.
 */
public record Estimate(double value, double error, String unit) {

    /**
     * The mean of {@code samples} with JMH's error: the 99.9% Student-t confidence half width.
     * Fewer than two samples give a NaN error.
     */
    public static Estimate ofSamples(double[] samples, String unit) {
        int n = samples.length;
        if (n == 0) {
            return new Estimate(Double.NaN, Double.NaN, unit);
        }
        double sum = 0;
        for (double s : samples) {
            sum += s;
        }
        double mean = sum / n;
        if (n < 2) {
            return new Estimate(mean, Double.NaN, unit);
        }
        double squares = 0;
        for (double s : samples) {
            squares += (s - mean) * (s - mean);
        }
        double stdev = Math.sqrt(squares / (n - 1));
        double t = new TDistribution(n - 1).inverseCumulativeProbability(1 - 0.001 / 2);
        return new Estimate(mean, t * stdev / Math.sqrt(n), unit);
    }

    /**
     * {@code numerator / denominator}, with the error propagated to first order from both
     * relative errors (a NaN error on either side gives a NaN error).
     */
    public static Estimate ratio(Estimate numerator, Estimate denominator) {
        double r = numerator.value / denominator.value;
        double a = numerator.error / numerator.value;
        double b = denominator.error / denominator.value;
        return new Estimate(r, Math.abs(r) * Math.sqrt(a * a + b * b), "");
    }

    /** Whether the error is known. */
    public boolean hasError() {
        return !Double.isNaN(error);
    }
}
