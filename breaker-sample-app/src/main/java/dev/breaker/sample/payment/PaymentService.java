package dev.breaker.sample.payment;

import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.sample.downstream.DownstreamClient;
import dev.breaker.spring.CircuitProtected;
import java.util.Map;
import org.springframework.stereotype.Service;

/**
 * Charges customers through the payment provider. The {@code payment} breaker trips on its
 * failure rate and times out slow calls; while the provider is unavailable, charges are queued
 * by the fallback instead of failing the customer's request.
 */
@Service
public class PaymentService {

    private final DownstreamClient downstream;

    public PaymentService(DownstreamClient downstream) {
        this.downstream = downstream;
    }

    @CircuitProtected(name = "payment", fallbackMethod = "queueCharge")
    public PaymentResult charge(String userId, long amountCents) {
        String answer = downstream.get("payment", Map.of("user", userId, "amount", amountCents));
        return new PaymentResult(userId, amountCents, "charged", answer);
    }

    /**
     * The same charge without a breaker, to compare latency and throughput under load.
     * @param userId who pays
     * @param amountCents how much
     * @return the result
     */
    public PaymentResult chargeUnprotected(String userId, long amountCents) {
        String answer = downstream.get("payment", Map.of("user", userId, "amount", amountCents));
        return new PaymentResult(userId, amountCents, "charged", answer);
    }

    /** Called instead of {@link #charge} when the breaker rejects the call or the call fails. */
    public PaymentResult queueCharge(String userId, long amountCents, Throwable cause) {
        return new PaymentResult(userId, amountCents, "queued", why(cause));
    }

    /**
     * Why a charge was queued. A retry time is in whole seconds rounded up, as in the
     * {@code Retry-After} header; a breaker forced open by an operator has none.
     */
    private static String why(Throwable cause) {
        if (!(cause instanceof CircuitOpenException open)) {
            return "payment provider failed: " + cause.getMessage();
        }
        if (open.getState() == CircuitState.FORCED_OPEN) {
            return "payment provider switched off by an operator";
        }
        if (open.getNextRetryAt() == null) {
            return "payment provider busy with trial calls, retry in 1s";
        }
        long seconds = (open.getRetryAfter().toMillis() + 999) / 1000;
        return "payment provider unavailable, retry in " + seconds + "s";
    }
}
