package dev.openrecog.benchmarks;

import java.util.Arrays;

/** Order statistics of a set of samples (nanoseconds), nearest-rank percentiles. */
final class Stats {
    private final long[] sorted;

    Stats(long[] samples) {
        this.sorted = samples.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    long min() {
        return sorted[0];
    }

    long max() {
        return sorted[sorted.length - 1];
    }

    long median() {
        return percentile(50);
    }

    /** The nearest-rank percentile: the smallest sample with at least p% of the samples at or below it. */
    long percentile(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))];
    }

    double mean() {
        double sum = 0;
        for (long sample : sorted) {
            sum += sample;
        }
        return sum / sorted.length;
    }
}
