package dev.breaker.spring.retryafter;

import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeFormatterBuilder;
import java.time.temporal.ChronoField;
import java.util.List;
import java.util.Locale;
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

    /** IMF-fixdate, then the obsolete RFC 850 and asctime forms, all in GMT. */
    private static final List<DateTimeFormatter> HTTP_DATES = List.of(DateTimeFormatter.RFC_1123_DATE_TIME,
            new DateTimeFormatterBuilder().appendPattern("EEEE, dd-MMM-")
                .appendValueReduced(ChronoField.YEAR, 2, 2, 1970)
                .appendPattern(" HH:mm:ss 'GMT'")
                .toFormatter(Locale.US)
                .withZone(ZoneOffset.UTC),
            DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.US).withZone(ZoneOffset.UTC));

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
        String trimmed = value.trim();
        if (DELAY_SECONDS.matcher(trimmed).matches()) {
            return Duration.ofSeconds(Long.parseLong(trimmed));
        }
        Instant date = httpDate(trimmed);
        if (date == null) {
            return null;
        }
        Duration untilThen = Duration.between(clock.instant(), date);
        return untilThen.isNegative() ? Duration.ZERO : untilThen;
    }

    private static @Nullable Instant httpDate(String value) {
        for (DateTimeFormatter format : HTTP_DATES) {
            try {
                return Instant.from(format.parse(value));
            }
            catch (DateTimeException ex) {
                // not in this form
            }
        }
        return null;
    }

}
