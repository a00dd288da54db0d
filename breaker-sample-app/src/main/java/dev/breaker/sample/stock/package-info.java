/**
 * The stock service, called through an HTTP service client that Spring Cloud CircuitBreaker
 * protects.
 */
@NullMarked
package dev.breaker.sample.stock;

import org.jspecify.annotations.NullMarked;
