/**
 * Micrometer meters for circuit breakers.
 */
@NullMarked
package dev.breaker.spring.metrics;

import org.jspecify.annotations.NullMarked;
