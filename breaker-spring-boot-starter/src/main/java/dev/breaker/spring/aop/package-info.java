/**
 * The Spring AOP advisor and interceptor that run methods annotated with
 * {@link dev.breaker.spring.CircuitProtected} through their breaker.
 */
@NullMarked
package dev.breaker.spring.aop;

import org.jspecify.annotations.NullMarked;
