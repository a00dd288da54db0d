/**
 * The shop's HTTP API and the switches of the flaky downstream.
 */
@NullMarked
package dev.breaker.sample.web;

import org.jspecify.annotations.NullMarked;
