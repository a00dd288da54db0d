/**
 * Auto-configuration of circuit breakers from {@code breaker.*} properties.
 */
@NullMarked
package dev.breaker.spring.autoconfigure;

import org.jspecify.annotations.NullMarked;
