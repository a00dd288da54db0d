/**
 * JMH benchmarks of this library beside Resilience4j and Failsafe, and the report they write.
 */
@NullMarked
package dev.breaker.benchmarks;

import org.jspecify.annotations.NullMarked;
