package dev.breaker.core;

/**
 * The counts of a window at one moment.
 *
 * @param total recorded calls
 * @param failures failed calls among them
 * @param slow slow calls among them
 */
record WindowCounts(long total, long failures, long slow) {

    static final WindowCounts EMPTY = new WindowCounts(0, 0, 0);

    double failureRate() {
        return total == 0 ? 0.0 : (double) failures / total;
    }

    double slowCallRate() {
        return total == 0 ? 0.0 : (double) slow / total;
    }

    double healthScore() {
        return total == 0 ? 1.0 : (double) (total - failures) / total;
    }
}
