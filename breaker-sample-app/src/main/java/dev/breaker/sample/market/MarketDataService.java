package dev.breaker.sample.market;

import dev.breaker.sample.downstream.DownstreamClient;
import dev.breaker.spring.CircuitProtected;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Reads quotes from the market-data API. The {@code market-data} breaker trips on consecutive
 * failures and backs its open wait off on each failed recovery. It has no fallback: a web caller
 * gets 503 with a Retry-After header while it is open.
 */
@Service
public class MarketDataService {

    private final DownstreamClient downstream;

    public MarketDataService(DownstreamClient downstream) {
        this.downstream = downstream;
    }

    @CircuitProtected(name = "market-data")
    public String quote(String symbol) {
        return downstream.get("market-data", Map.of("symbol", symbol));
    }
}
