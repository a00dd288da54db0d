package com.example.shop;

import dev.breaker.spring.CircuitProtected;
import org.springframework.stereotype.Service;

/**
 * Customer prices from the pricing engine, through one keyed child of the {@code pricing}
 * breaker per customer, falling back to the list price on failure and on rejection.
 */
@Service
public class PricingService {

    private final StubDownstream pricingEngine;

    PricingService(StubDownstream pricingEngine) {
        this.pricingEngine = pricingEngine;
    }

    @CircuitProtected(name = "pricing", key = "#customer", fallbackMethod = "listPrice")
    public Price price(String sku, String customer) {
        this.pricingEngine.call(sku + " for " + customer);
        return new Price(sku, customer, "9.50", "live", null);
    }

    Price listPrice(String sku, String customer, Throwable error) {
        return new Price(sku, customer, "10.00", "list", error.getClass().getSimpleName());
    }

}
