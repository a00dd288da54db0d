package dev.breaker.core;

/**
 * Epoch milliseconds as the engine keeps them: one spelling of "no time", and arithmetic that
 * saturates instead of overflowing, so that no configured wait can wrap around into the past.
 */
final class Millis {

    /** No time: a retry time that does not exist, a call that was never made. */
    static final long NONE = Long.MIN_VALUE;

    private Millis() {
    }

    /** @return {@code at + millis}, held at {@link Long#MAX_VALUE} instead of overflowing */
    static long plus(long at, long millis) {
        long sum = at + millis;
        return ((at ^ sum) & (millis ^ sum)) < 0 ? Long.MAX_VALUE : sum;
    }
}
