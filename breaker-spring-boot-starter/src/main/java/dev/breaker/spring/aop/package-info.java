/**
 * The aspect that runs methods annotated with {@link dev.breaker.spring.CircuitProtected} through their breaker.
 */
@NullMarked
package dev.breaker.spring.aop;

import org.jspecify.annotations.NullMarked;
