package dev.breaker.spring.web;

import java.time.Instant;

import dev.breaker.core.CircuitOpenException;

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
 * {@code Retry-After} header in whole seconds, rounded up, when the breaker has a retry time (an
 * OPEN breaker has one; a FORCED_OPEN one, or a HALF_OPEN one whose trial calls are all in flight,
 * has none).
 *
 * <p>It serves Spring MVC and Spring WebFlux alike. It has the lowest precedence, so the
 * application's own exception handlers come first.
 */
@ControllerAdvice
@Order(Ordered.LOWEST_PRECEDENCE)
public class CircuitOpenExceptionHandler {

    /**
     * Describe a rejected call.
     * @param ex the rejection
     * @return the 503 response
     */
    @ExceptionHandler(CircuitOpenException.class)
    public ResponseEntity<ProblemDetail> handleCircuitOpen(CircuitOpenException ex) {
        ProblemDetail problem = ProblemDetail.forStatusAndDetail(HttpStatus.SERVICE_UNAVAILABLE, ex.getMessage());
        problem.setProperty("breaker", ex.getBreakerName());
        if (ex.getKey() != null) {
            problem.setProperty("key", ex.getKey());
        }
        problem.setProperty("state", ex.getState().name());
        Instant nextRetryAt = ex.getNextRetryAt();
        problem.setProperty("nextRetryAt", (nextRetryAt != null) ? nextRetryAt.toString() : null);
        ResponseEntity.BodyBuilder response = ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE);
        if (nextRetryAt != null) {
            long seconds = (ex.getRetryAfter().toMillis() + 999) / 1000;
            problem.setProperty("retryAfterSeconds", seconds);
            response.header(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
        }
        return response.body(problem);
    }

}
