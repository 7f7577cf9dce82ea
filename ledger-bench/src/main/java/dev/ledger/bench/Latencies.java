package dev.ledger.bench;

import java.util.Arrays;

/** Percentiles of a set of durations, by the nearest-rank method on the full, sorted sample. */
final class Latencies {

    private final long[] sorted;

    Latencies(long[] nanos) {
        this.sorted = nanos.clone();
        Arrays.sort(sorted);
    }

    int count() {
        return sorted.length;
    }

    /** The q-quantile in milliseconds, or NaN for an empty sample. */
    double millis(double q) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(q * sorted.length);
        return sorted[Math.max(0, Math.min(sorted.length - 1, rank - 1))] / 1e6;
    }

    double maxMillis() {
        return sorted.length == 0 ? Double.NaN : sorted[sorted.length - 1] / 1e6;
    }
}
