/**
 * A state store on Redis that shares breaker transitions across the instances of a service:
 * {@link dev.breaker.redis.RedisStateStore}.
 */
@NullMarked
package dev.breaker.redis;

import org.jspecify.annotations.NullMarked;
