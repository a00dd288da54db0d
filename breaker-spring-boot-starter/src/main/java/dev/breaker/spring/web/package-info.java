/**
 * Web support: open circuits become 503 responses with Retry-After and a problem-details body.
 */
@NullMarked
package dev.breaker.spring.web;

import org.jspecify.annotations.NullMarked;
