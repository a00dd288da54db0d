package dev.breaker.spring.retryafter;

import java.time.Duration;

import dev.breaker.core.BreakerClock;
import dev.breaker.core.RetryAfterExtractor;
import org.jspecify.annotations.Nullable;

import org.springframework.web.reactive.function.client.WebClientResponseException;

/**
 * {@link RetryAfterExtractor} for the {@link WebClientResponseException} that {@code WebClient}
 * signals: a 429 or 503 with a {@code Retry-After} header carries a retry hint.
 */
public final class WebClientRetryAfterExtractor implements RetryAfterExtractor {

    private final BreakerClock clock;

    /**
     * Create the extractor.
     * @param clock the clock that an HTTP date in {@code Retry-After} is measured from
     */
    public WebClientRetryAfterExtractor(BreakerClock clock) {
        this.clock = clock;
    }

    @Override
    public @Nullable Duration retryAfter(Throwable failure) {
        return (failure instanceof WebClientResponseException response)
                ? RetryAfterHeader.of(response.getStatusCode(), response.getHeaders(), this.clock) : null;
    }

}
