package dev.breaker.spring.retryafter;

import java.time.Duration;
import java.time.ZonedDateTime;
import java.util.regex.Pattern;

import dev.breaker.core.BreakerClock;
import org.jspecify.annotations.Nullable;

import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

/**
 * Reads the {@code Retry-After} of an HTTP response that asks callers to wait: a 429 Too Many
 * Requests or a 503 Service Unavailable. RFC 9110 writes it as delay-seconds ({@code 120}) or
 * as an HTTP date ({@code Fri, 04 Dec 2026 10:15:30 GMT}, or one of the two obsolete date
 * forms); a date is turned into the time from now until then.
 */
final class RetryAfterHeader {

    private static final Pattern DELAY_SECONDS = Pattern.compile("\\d{1,12}");

    private RetryAfterHeader() {
    }

    /**
     * @param status the response's status
     * @param headers the response's headers
     * @param clock the clock that "now" is read from, for a date
     * @return how long the response asks callers to wait, zero for a date already past, or
     * {@code null} when the status asks for no wait or the header is absent or unreadable
     */
    static @Nullable Duration of(HttpStatusCode status, @Nullable HttpHeaders headers, BreakerClock clock) {
        if (headers == null || !(status.isSameCodeAs(HttpStatus.TOO_MANY_REQUESTS)
                || status.isSameCodeAs(HttpStatus.SERVICE_UNAVAILABLE))) {
            return null;
        }
        String value = headers.getFirst(HttpHeaders.RETRY_AFTER);
        if (value == null) {
            return null;
        }
        if (DELAY_SECONDS.matcher(value.trim()).matches()) {
            return Duration.ofSeconds(Long.parseLong(value.trim()));
        }
        try {
            ZonedDateTime date = headers.getFirstZonedDateTime(HttpHeaders.RETRY_AFTER);
            Duration untilThen = Duration.between(clock.instant(), date.toInstant());
            return untilThen.isNegative() ? Duration.ZERO : untilThen;
        }
        catch (IllegalArgumentException ex) {
            return null;
        }
    }

}
