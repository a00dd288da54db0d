/**
 * Spring Cloud CircuitBreaker over breaker: factories that hand out the breakers of the
 * starter's registry, configured from {@code breaker.*}.
 */
@NullMarked
package dev.breaker.spring.cloud;

import org.jspecify.annotations.NullMarked;
