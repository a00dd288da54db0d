/**
 * The payment provider, behind a breaker whose fallback queues charges.
 */
@NullMarked
package dev.breaker.sample.payment;

import org.jspecify.annotations.NullMarked;
