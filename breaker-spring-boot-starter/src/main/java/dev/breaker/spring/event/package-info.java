/**
 * Circuit-breaker state transitions and reconfigurations as Spring application events, and
 * their log lines.
 */
@NullMarked
package dev.breaker.spring.event;

import org.jspecify.annotations.NullMarked;
