/**
 * The sample shop: an application that calls three flaky downstream services through circuit
 * breakers.
 */
@NullMarked
package dev.breaker.sample;

import org.jspecify.annotations.NullMarked;
