package dev.breaker.spring.retryafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.ManualClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;

class RetryAfterHeaderTests {

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-04T10:15:30Z"));

    @Test
    void delaySecondsShouldBeTheWait() {
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "120")).isEqualTo(Duration.ofSeconds(120));
        assertThat(read(HttpStatus.SERVICE_UNAVAILABLE, " 0 ")).isEqualTo(Duration.ZERO);
    }

    @Test
    void httpDateInEachFormOfRfc9110ShouldBeTheTimeUntilThen() {
        Duration twoMinutes = Duration.ofMinutes(2);
        assertThat(read(HttpStatus.SERVICE_UNAVAILABLE, "Fri, 04 Dec 2026 10:17:30 GMT")).isEqualTo(twoMinutes);
        assertThat(read(HttpStatus.SERVICE_UNAVAILABLE, "Friday, 04-Dec-26 10:17:30 GMT")).isEqualTo(twoMinutes);
        assertThat(read(HttpStatus.SERVICE_UNAVAILABLE, "Fri Dec  4 10:17:30 2026")).isEqualTo(twoMinutes);
    }

    @Test
    void dateAlreadyPastShouldBeNoWait() {
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "Fri, 04 Dec 2026 10:00:00 GMT")).isEqualTo(Duration.ZERO);
    }

    @Test
    void unreadableOrNegativeHeaderShouldBeNoHint() {
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "soon")).isNull();
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "-5")).isNull();
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "1.5")).isNull();
        assertThat(read(HttpStatus.TOO_MANY_REQUESTS, "9".repeat(40))).isNull();
    }

    @Test
    void otherStatusesOrNoHeaderShouldBeNoHint() {
        assertThat(read(HttpStatus.INTERNAL_SERVER_ERROR, "120")).isNull();
        assertThat(read(HttpStatus.MOVED_PERMANENTLY, "120")).isNull();
        assertThat(RetryAfterHeader.of(HttpStatus.TOO_MANY_REQUESTS, new HttpHeaders(), this.clock)).isNull();
        assertThat(RetryAfterHeader.of(HttpStatus.TOO_MANY_REQUESTS, null, this.clock)).isNull();
    }

    private Duration read(HttpStatusCode status, String retryAfter) {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, retryAfter);
        return RetryAfterHeader.of(status, headers, this.clock);
    }

}
