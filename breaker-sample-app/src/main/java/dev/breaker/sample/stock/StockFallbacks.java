package dev.breaker.sample.stock;

import dev.breaker.core.CircuitOpenException;

/** Answers for {@link StockClient} while the {@code stock} breaker rejects or the downstream fails. */
public class StockFallbacks {

    public String level(Throwable cause, String sku) {
        String why = (cause instanceof CircuitOpenException open)
                ? "stock breaker open, retry in " + open.getRetryAfter().toSeconds() + "s"
                : "stock service failed";
        return "unknown stock for " + sku + " (" + why + ")";
    }
}
