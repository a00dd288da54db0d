/**
 * Retry hints from Spring's HTTP clients: an HTTP 429 or 503 with a {@code Retry-After} header
 * stretches the open wait of the breaker that the failed call went through.
 */
@NullMarked
package dev.breaker.spring.retryafter;

import org.jspecify.annotations.NullMarked;
