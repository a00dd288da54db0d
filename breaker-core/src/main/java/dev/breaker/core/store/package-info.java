/**
 * Where breakers' states live: the {@link dev.breaker.core.store.StateStore} SPI, the
 * in-memory store and the local one. Null-marked, like the rest of the engine.
 */
@NullMarked
package dev.breaker.core.store;

import org.jspecify.annotations.NullMarked;
