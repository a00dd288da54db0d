/**
 * Health contributor that reports circuit breakers, DOWN when a health-critical breaker is open.
 */
@NullMarked
package dev.breaker.spring.actuate.health;

import org.jspecify.annotations.NullMarked;
