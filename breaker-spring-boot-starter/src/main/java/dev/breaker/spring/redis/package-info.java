/**
 * Auto-configuration of the Redis state store on the application's own Redis connection
 * settings, so that the instances of a service share their breakers' transitions.
 */
@NullMarked
package dev.breaker.spring.redis;

import org.jspecify.annotations.NullMarked;
