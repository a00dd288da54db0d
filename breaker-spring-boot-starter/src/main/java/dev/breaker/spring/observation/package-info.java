/**
 * Micrometer Observations of calls through circuit breakers: each call is an observation
 * named {@code breaker.calls}, a span when tracing is on, with rejections as span events.
 */
@NullMarked
package dev.breaker.spring.observation;

import org.jspecify.annotations.NullMarked;
