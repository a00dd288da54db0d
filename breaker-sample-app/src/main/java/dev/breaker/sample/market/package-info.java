/**
 * The market-data API, behind a breaker that trips on consecutive failures.
 */
@NullMarked
package dev.breaker.sample.market;

import org.jspecify.annotations.NullMarked;
