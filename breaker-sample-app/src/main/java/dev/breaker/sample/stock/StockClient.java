package dev.breaker.sample.stock;

import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.service.annotation.GetExchange;
import org.springframework.web.service.annotation.HttpExchange;

/**
 * The stock service of the flaky downstream, as a Spring HTTP service client. Spring Cloud runs
 * every call of its group, {@code stock}, through the breaker of that name.
 */
@HttpExchange("/stock")
public interface StockClient {

    @GetExchange
    String level(@RequestParam String sku);
}
