package dev.breaker.spring.web;

import java.time.Instant;

import dev.breaker.core.CircuitOpenException;
import dev.breaker.core.CircuitState;
import dev.breaker.spring.event.UntrustedText;
import org.jspecify.annotations.Nullable;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;

/**
 * Turns a {@link CircuitOpenException} that no other handler took into {@code 503 Service
 * Unavailable} with an RFC 9457 problem-details body naming the breaker, and a
 * {@code Retry-After} header in whole seconds, rounded up, wherever a retry time exists: an OPEN
 * breaker's next retry time, or, for a HALF_OPEN breaker whose trial calls are all in flight and
 * decide within moments, one second (its {@code nextRetryAt} says when they must have decided
 * at the latest). A FORCED_OPEN breaker has no retry time: forced for a while, it answers with
 * a {@code Retry-After} up to the end of the override; forced until released, with none.
 *
 * <p>The key comes from the caller's request, so the body repeats at most
 * {@value UntrustedText#MAX_LENGTH} characters of it.
 *
 * <p>It serves Spring MVC and Spring WebFlux alike. It has the lowest precedence, so the
 * application's own exception handlers come first.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CircuitOpenExceptionHandler {

    /** What a HALF_OPEN breaker whose trial calls are all in flight asks callers to wait. */
    private static final long HALF_OPEN_RETRY_SECONDS = 1;

    /**
     * Describe a rejected call.
     * @param ex the rejection
     * @return the 503 response
     */
    @ExceptionHandler(CircuitOpenException.class)
    public ResponseEntity<ProblemDetail> handleCircuitOpen(CircuitOpenException ex) {
        String key = ex.getKey();
        String detail = (key != null) ? ex.getMessage().replace(key, UntrustedText.bounded(key)) : ex.getMessage();
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, detail);
        problem.setProperty("breaker", ex.getBreakerName());
        if (key != null) {
            problem.setProperty("key", UntrustedText.bounded(key));
        }
        problem.setProperty("state", ex.getState().name());
        Instant nextRetryAt = ex.getNextRetryAt();
        problem.setProperty("nextRetryAt", (nextRetryAt != null) ? nextRetryAt.toString() : null);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        Long seconds = retryAfterSeconds(ex);
        if (seconds != null) {
            problem.setProperty("retryAfterSeconds", seconds);
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.body(problem);
    }

    private static @Nullable Long retryAfterSeconds(CircuitOpenException ex) {
        if (ex.getState() == CircuitState.HALF_OPEN) {
            // its retry time is when the trials must have decided at the latest; they usually decide far sooner
            return Math.min(HALF_OPEN_RETRY_SECONDS, Math.max(1, (ex.getRetryAfter().toMillis() + 999) / 1000));
        }
        boolean retryTime = ex.getNextRetryAt() != null || !ex.getRetryAfter().isZero(); // a timed FORCED_OPEN ends then
        return retryTime ? (ex.getRetryAfter().toMillis() + 999) / 1000 : null;
    }

}
