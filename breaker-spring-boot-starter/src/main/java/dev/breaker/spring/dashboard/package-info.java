/**
 * The live dashboard: one page, served from the starter's jar, that reads the
 * {@code circuitbreakers} endpoint every second.
 */
@NullMarked
package dev.breaker.spring.dashboard;

import org.jspecify.annotations.NullMarked;
