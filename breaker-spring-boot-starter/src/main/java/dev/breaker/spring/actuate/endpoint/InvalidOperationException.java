package dev.breaker.spring.actuate.endpoint;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;

/**
 * A write to the {@code circuitbreakers} endpoint with a field that is missing or not allowed:
 * {@code 400} naming the field.
 */
class InvalidOperationException extends InvalidEndpointRequestException {

    private static final long serialVersionUID = 1L;

    private final String field;

    InvalidOperationException(String field, String message) {
        super(message, message);
        this.field = field;
    }

    /** @return the request's field at fault: {@code action}, {@code duration} or {@code reason} */
    String getField() {
        return this.field;
    }

}
