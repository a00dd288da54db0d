package dev.breaker.spring.dashboard;

import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.EndpointId;
import org.springframework.boot.actuate.endpoint.OperationType;
import org.springframework.boot.actuate.endpoint.web.ExposableWebEndpoint;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;

/**
 * Where the dashboard reads the {@code circuitbreakers} endpoint, and whether it may write to it.
 * Both come from the endpoint as Spring Boot exposed it: its path follows
 * {@code management.endpoints.web.base-path} and {@code path-mapping}, and it has write
 * operations only when {@code management.endpoint.circuitbreakers.access} allows them.
 *
 * @param path the endpoint's path, relative to the application's context path, or {@code null}
 * when the endpoint is not exposed over HTTP
 * @param writable whether the endpoint's write operations are exposed
 */
record CircuitBreakersLink(@Nullable String path, boolean writable) {

    static final EndpointId ENDPOINT_ID = EndpointId.of("circuitbreakers");

    static final CircuitBreakersLink NOT_EXPOSED = new CircuitBreakersLink(null, false);

    /**
     * @param endpoints the endpoints exposed over HTTP, or {@code null} when there are none
     * @return where the {@code circuitbreakers} endpoint is, or {@link #NOT_EXPOSED}
     */
    static CircuitBreakersLink of(@Nullable PathMappedEndpoints endpoints) {
        if (endpoints == null || !(endpoints.getEndpoint(ENDPOINT_ID) instanceof ExposableWebEndpoint endpoint)) {
            return NOT_EXPOSED;
        }
        boolean writable = endpoint.getOperations()
            .stream()
            .anyMatch((operation) -> operation.getType() == OperationType.WRITE);
        return new CircuitBreakersLink(endpoints.getPath(ENDPOINT_ID), writable);
    }

}
