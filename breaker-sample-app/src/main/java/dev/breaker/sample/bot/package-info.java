/**
 * The per-user bot backend, behind a breaker keyed by user id.
 */
@NullMarked
package dev.breaker.sample.bot;

import org.jspecify.annotations.NullMarked;
