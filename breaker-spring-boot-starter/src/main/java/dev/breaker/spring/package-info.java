/**
 * Spring Boot support for breaker: the {@link dev.breaker.spring.CircuitProtected} annotation.
 */
@NullMarked
package dev.breaker.spring;

import org.jspecify.annotations.NullMarked;
