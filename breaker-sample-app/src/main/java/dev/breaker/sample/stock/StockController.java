package dev.breaker.sample.stock;

import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/** Reads stock levels through the {@link StockClient}. */
@RestController
public class StockController {

    private final StockClient stock;

    public StockController(StockClient stock) {
        this.stock = stock;
    }

    @GetMapping("/api/stock/{sku}")
    public String level(@PathVariable String sku) {
        return stock.level(sku);
    }
}
