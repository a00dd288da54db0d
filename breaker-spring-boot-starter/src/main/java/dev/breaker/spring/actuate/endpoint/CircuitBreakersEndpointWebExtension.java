package dev.breaker.spring.actuate.endpoint;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import dev.breaker.spring.actuate.endpoint.CircuitBreakersEndpoint.BreakerDescriptor;

import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * {@link EndpointWebExtension @EndpointWebExtension} for the {@link CircuitBreakersEndpoint}: a
 * write to an unknown breaker or key is {@code 404}; a missing or unknown action, or a duration
 * or reason that is not allowed, is {@code 400} with a body that names the field (and, for the
 * action, lists the valid ones).
 */
@EndpointWebExtension(endpoint = CircuitBreakersEndpoint.class)
public class CircuitBreakersEndpointWebExtension {

    private final CircuitBreakersEndpoint delegate;

    /**
     * Create the extension.
     * @param delegate the endpoint it extends
     */
    public CircuitBreakersEndpointWebExtension(CircuitBreakersEndpoint delegate) {
        this.delegate = delegate;
    }

    /**
     * Apply an action to a named breaker.
     * @param name the breaker's name
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @param duration how long a force lasts, from {@code 1s} to {@code 7d}; until released when absent
     * @param reason why, at most 200 characters
     * @param securityContext who asks
     * @return the breaker after the action, {@code 404} or {@code 400}
     */
    @WriteOperation
    public WebEndpointResponse<Object> operate(@Selector String name, @Nullable String action,
            @Nullable String duration, @Nullable String reason, SecurityContext securityContext) {
        return respond(() -> this.delegate.operate(name, action, duration, reason, securityContext));
    }

    /**
     * Apply an action to a keyed child of a named breaker.
     * @param name the breaker's name
     * @param key the child's key
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @param duration how long a force lasts, from {@code 1s} to {@code 7d}; until released when absent
     * @param reason why, at most 200 characters
     * @param securityContext who asks
     * @return the child after the action, {@code 404} or {@code 400}
     */
    @WriteOperation
    public WebEndpointResponse<Object> operateChild(@Selector String name, @Selector String key,
            @Nullable String action, @Nullable String duration, @Nullable String reason,
            SecurityContext securityContext) {
        return respond(() -> this.delegate.operateChild(name, key, action, duration, reason, securityContext));
    }

    private WebEndpointResponse<Object> respond(Supplier<@Nullable BreakerDescriptor> operation) {
        try {
            BreakerDescriptor breaker = operation.get();
            return (breaker != null) ? new WebEndpointResponse<>(breaker, WebEndpointResponse.STATUS_OK)
                    : new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
        }
        catch (InvalidOperationException ex) {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("status", WebEndpointResponse.STATUS_BAD_REQUEST);
            body.put("error", "Bad Request");
            body.put("message", ex.getMessage());
            body.put("field", ex.getField());
            if (ex.getField().equals("action")) {
                body.put("validActions", BreakerAction.valueNames());
            }
            return new WebEndpointResponse<>(body, WebEndpointResponse.STATUS_BAD_REQUEST);
        }
    }

}
