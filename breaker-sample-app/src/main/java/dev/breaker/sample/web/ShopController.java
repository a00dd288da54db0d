package dev.breaker.sample.web;

import dev.breaker.core.CallTimeoutException;
import dev.breaker.sample.bot.BotService;
import dev.breaker.sample.downstream.DownstreamException;
import dev.breaker.sample.market.MarketDataService;
import dev.breaker.sample.payment.PaymentResult;
import dev.breaker.sample.payment.PaymentService;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The shop's API. A rejected call ({@code CircuitOpenException}) is not handled here: the starter
 * turns it into 503 with a Retry-After header.
 */
@RestController
public class ShopController {

    private final PaymentService payments;
    private final MarketDataService marketData;
    private final BotService bots;

    public ShopController(PaymentService payments, MarketDataService marketData, BotService bots) {
        this.payments = payments;
        this.marketData = marketData;
        this.bots = bots;
    }

    @PostMapping("/api/payments/{userId}")
    public PaymentResult pay(@PathVariable String userId, @RequestParam(defaultValue = "1000") long amountCents) {
        return payments.charge(userId, amountCents);
    }

    @PostMapping("/api/payments/{userId}/unprotected")
    public PaymentResult payUnprotected(@PathVariable String userId,
            @RequestParam(defaultValue = "1000") long amountCents) {
        return payments.chargeUnprotected(userId, amountCents);
    }

    @GetMapping("/api/quotes/{symbol}")
    public String quote(@PathVariable String symbol) {
        return marketData.quote(symbol);
    }

    @GetMapping("/api/bots/{userId}")
    public String bot(@PathVariable String userId, @RequestParam(defaultValue = "hello") String message) {
        return bots.reply(userId, message);
    }

    /** A failed downstream call that the breaker let through: the downstream's fault, so 502. */
    @ExceptionHandler(DownstreamException.class)
    ProblemDetail downstreamFailed(DownstreamException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.BAD_GATEWAY, ex.getMessage());
    }

    /** A call that ran past its breaker's call timeout: 504. */
    @ExceptionHandler(CallTimeoutException.class)
    ProblemDetail timedOut(CallTimeoutException ex) {
        return ProblemDetail.forStatusAndDetail(HttpStatus.GATEWAY_TIMEOUT, ex.getMessage());
    }
}
