/**
 * The flaky downstream: an HTTP server on its own loopback port whose failure rate and latency
 * are switched over HTTP, and the client that calls it.
 */
@NullMarked
package dev.breaker.sample.downstream;

import org.jspecify.annotations.NullMarked;
