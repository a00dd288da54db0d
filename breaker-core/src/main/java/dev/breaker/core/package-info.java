/**
 * The circuit-breaker engine: {@link dev.breaker.core.CircuitBreaker}, its configuration,
 * registry, retry and listeners. Plain Java; every type is null-marked, so a parameter or
 * result that may be null says so with {@code @Nullable}.
 */
@NullMarked
package dev.breaker.core;

import org.jspecify.annotations.NullMarked;
