package dev.breaker.spring.retryafter;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.ManualClock;
import dev.breaker.core.RetryAfterExtractor;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.web.client.HttpClientErrorException;
import org.springframework.web.client.RestClientResponseException;
import org.springframework.web.reactive.function.client.WebClientResponseException;

class HttpRetryAfterAutoConfigurationTests {

    private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(HttpRetryAfterAutoConfiguration.class));

    @Test
    void runShouldReadTheRetryAfterOfRestClientAndWebClientResponsesOnTheClocksTime() {
        HttpHeaders headers = new HttpHeaders();
        headers.set(HttpHeaders.RETRY_AFTER, "Thu, 01 Jan 2026 00:01:00 GMT");
        this.contextRunner.withBean(ManualClock.class, ManualClock::new).run((context) -> {
            assertThat(context.getBean(RestClientRetryAfterExtractor.class).retryAfter(HttpClientErrorException
                .create(HttpStatus.TOO_MANY_REQUESTS, "", headers, null, null)))
                .isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(WebClientRetryAfterExtractor.class)
                .retryAfter(WebClientResponseException.create(503, "", headers, null, StandardCharsets.UTF_8)))
                .isEqualTo(Duration.ofMinutes(1));
            assertThat(context.getBean(RestClientRetryAfterExtractor.class).retryAfter(new IllegalStateException()))
                .isNull();
        });
    }

    @Test
    void runWithoutWebFluxShouldReadOnlyRestClientResponses() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(WebClientResponseException.class))
            .run((context) -> assertThat(context).hasSingleBean(RestClientRetryAfterExtractor.class)
                .doesNotHaveBean(WebClientRetryAfterExtractor.class));
    }

    @Test
    void runWithoutSpringWebShouldReadNothing() {
        this.contextRunner.withClassLoader(new FilteredClassLoader(RestClientResponseException.class))
            .run((context) -> assertThat(context).doesNotHaveBean(RetryAfterExtractor.class));
    }

    @Test
    void runWithUserDefinedExtractorShouldBackOff() {
        RestClientRetryAfterExtractor own = new RestClientRetryAfterExtractor(new ManualClock());
        this.contextRunner.withBean(RestClientRetryAfterExtractor.class, () -> own)
            .run((context) -> assertThat(context.getBean(RestClientRetryAfterExtractor.class)).isSameAs(own));
    }

}
