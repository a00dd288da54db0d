/**
 * Live reconfiguration of circuit breakers when a Spring Cloud refresh changes
 * {@code breaker.*} properties.
 */
@NullMarked
package dev.breaker.spring.refresh;

import org.jspecify.annotations.NullMarked;
