package com.example.shop;

import dev.breaker.spring.CircuitProtected;
import org.springframework.stereotype.Service;

/**
 * Stock levels from the warehouse, through the {@code inventory} breaker and without a
 * fallback: while the breaker is open, web callers get {@code 503} with {@code Retry-After}.
 */
@Service
public class InventoryService {

    private final StubDownstream warehouse;

    InventoryService(StubDownstream warehouse) {
        this.warehouse = warehouse;
    }

    @CircuitProtected(name = "inventory")
    public String stock(String sku) {
        return this.warehouse.call(sku) + ": 12 in stock";
    }

}
