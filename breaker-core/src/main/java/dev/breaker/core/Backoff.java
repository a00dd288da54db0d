package dev.breaker.core;

/**
 * How long an OPEN period lasts: {@code wait-in-open} after a trip, multiplied by
 * {@code backoff.multiplier} for each failed recovery in a row, capped at
 * {@code backoff.max-wait}, and spread by {@code backoff.jitter} so that many instances do not
 * retry in lockstep. A successful recovery starts again from {@code wait-in-open}.
 */
final class Backoff {

    private Backoff() {
    }

    /**
     * @param config the breaker's configuration
     * @param random a value in [0, 1) that places the wait within the jitter
     * @param failedRecoveries the failed recoveries in a row before this OPEN period
     * @return the open wait in milliseconds, from 0 to {@code backoff.max-wait}
     */
    static long openWaitMillis(CircuitBreakerConfig config, double random, int failedRecoveries) {
        double maxWait = config.backoffMaxWait().toMillis();
        double wait = Math.min(config.waitInOpen().toMillis() * Math.pow(config.backoffMultiplier(), failedRecoveries),
                maxWait);
        double jitter = config.backoffJitter();
        if (jitter > 0) {
            wait *= 1 + jitter * (2 * random - 1);
        }
        return Math.max(0, Math.min(Math.round(wait), (long) maxWait));
    }
}
