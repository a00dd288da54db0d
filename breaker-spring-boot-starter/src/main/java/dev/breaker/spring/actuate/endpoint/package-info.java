/**
 * Actuator endpoint that shows circuit breakers and lets operators reset, force open or force close them.
 */
@NullMarked
package dev.breaker.spring.actuate.endpoint;

import org.jspecify.annotations.NullMarked;
