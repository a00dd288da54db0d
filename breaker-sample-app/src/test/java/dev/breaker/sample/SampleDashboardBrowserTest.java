package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.breaker.core.ManualClock;
import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.core.ConditionFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.StaleElementReferenceException;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Bean;

/**
 * The dashboard at {@code /breakers} in a real headless Chromium, against the sample's breakers
 * tripped over HTTP. The page refreshes every second, so a change must show within 2 s. Breaker
 * time is a {@link ManualClock}: the retry countdown moves when the test moves the clock.
 *
 * <p>With {@code -Ddashboard.screenshot=<file>} the test saves the page, with one breaker OPEN,
 * as a PNG.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class SampleDashboardBrowserTest {

    private static final List<String> BREAKERS = List.of("bot", "market-data", "payment", "stock");

    private static final Pattern COUNT = Pattern.compile("\"statistic\":\"COUNT\",\"value\":([0-9.]+)");

    private static Chromium chromium;

    @LocalServerPort
    int port;

    @Autowired
    ManualClock clock;

    private Http http;

    private DashboardView dashboard;

    @BeforeAll
    static void startBrowser() {
        chromium = Chromium.start();
    }

    @AfterAll
    static void stopBrowser() throws IOException {
        if (chromium != null) {
            chromium.close();
        }
    }

    @BeforeEach
    void healthyDownstreamAndClosedBreakers() {
        this.http = new Http(this.port);
        for (String breaker : BREAKERS) {
            this.http.post("/downstream/" + breaker + "?failureRate=0");
            assertThat(this.http.postJson("/actuator/circuitbreakers/" + breaker, "{\"action\": \"reset\"}").statusCode())
                .isEqualTo(200);
        }
        this.dashboard = new DashboardView(chromium.driver(), "http://127.0.0.1:" + this.port + "/breakers");
        withinTwoSeconds().until(() -> this.dashboard.breakers().size() == BREAKERS.size());
    }

    @Test
    void pageShouldShowACardPerBreakerAndASummary() {
        assertThat(this.dashboard.breakers()).containsExactlyElementsOf(BREAKERS);
        assertThat(BREAKERS).allSatisfy((breaker) -> assertThat(this.dashboard.state(breaker)).isEqualTo("CLOSED"));
        assertThat(this.dashboard.summary("total")).isEqualTo(BREAKERS.size() + " breakers");
        assertThat(this.dashboard.summary("closed")).isEqualTo(BREAKERS.size() + " closed");
        assertThat(this.dashboard.actionButtons()).hasSize(3 * BREAKERS.size());
    }

    @Test
    void breakerTrippedOverHttpShouldTurnOpenWithinTwoSecondsWithARetryTimeThatCountsDown() throws IOException {
        tripMarketData();
        withinTwoSeconds().until(() -> this.dashboard.state("market-data").equals("OPEN"));
        assertThat(this.dashboard.summary("open")).isEqualTo("1 open");
        int seconds = this.dashboard.retrySeconds("market-data");
        assertThat(seconds).as("15s open wait, +-10%% jitter").isBetween(13, 17);
        assertThat(this.dashboard.retry("market-data")).isEqualTo("in " + seconds + " s");
        saveScreenshotIfAsked();
        this.clock.advance(Duration.ofSeconds(5));
        withinTwoSeconds().until(() -> this.dashboard.retrySeconds("market-data") == seconds - 5);
        assertThat(this.dashboard.retry("market-data")).isEqualTo("in " + (seconds - 5) + " s");
    }

    @Test
    void resetButtonShouldCloseAnOpenBreakerOnceConfirmed() {
        tripMarketData();
        withinTwoSeconds().until(() -> this.dashboard.state("market-data").equals("OPEN"));
        this.dashboard.act("market-data", "reset", "", "", true);
        withinTwoSeconds().until(() -> this.dashboard.state("market-data").equals("CLOSED"));
        assertThat(this.http.get("/actuator/circuitbreakers/market-data").body()).contains("\"state\":\"CLOSED\"");
        assertThat(this.dashboard.retrySeconds("market-data")).isEqualTo(-1);
        assertThat(this.dashboard.notice()).isEqualTo("Reset \u201cmarket-data\u201d: done.");
    }

    @Test
    void forceOpenButtonShouldSendTheActionWithItsDurationAndReason() {
        this.dashboard.act("payment", "force-open", "10m", "provider maintenance", true);
        withinTwoSeconds().until(() -> this.dashboard.state("payment").equals("FORCED OPEN"));
        assertThat(this.http.get("/actuator/circuitbreakers/payment").body()).contains("\"state\":\"FORCED_OPEN\"");
        assertThat(this.dashboard.summary("forcedOpen")).isEqualTo("1 forced open");
    }

    @Test
    void cancelledActionShouldSendNothing() {
        double forcedOpenBefore = transitions("payment", "forced_open");
        this.dashboard.act("payment", "force-open", "", "", false);
        this.dashboard.act("payment", "force-close", "", "", true);
        withinTwoSeconds().until(() -> this.dashboard.state("payment").equals("FORCED CLOSED"));
        assertThat(transitions("payment", "forced_closed")).isPositive();
        assertThat(transitions("payment", "forced_open")).as("transitions to FORCED_OPEN").isEqualTo(forcedOpenBefore);
    }

    @Test
    void keysFromCallersShouldShowAsTextNotAsMarkup() {
        String key = "<img src=x onerror=\"document.title='forged'\">";
        this.http.post("/downstream/bot?failureRate=1");
        for (int i = 0; i < 5; i++) {
            this.http.get("/api/bots/" + URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20"));
        }
        withinTwoSeconds().ignoreException(StaleElementReferenceException.class)
            .until(() -> this.dashboard.openKeys("bot").contains(key));
        assertThat(this.dashboard.within("bot", "img")).isEmpty();
        assertThat(chromium.driver().getTitle()).isEqualTo("Circuit breakers");
    }

    private void tripMarketData() {
        this.http.post("/downstream/market-data?failureRate=1");
        for (int i = 0; i < 5; i++) {
            assertThat(this.http.get("/api/quotes/ACME").statusCode()).isEqualTo(502);
        }
    }

    private double transitions(String breaker, String to) {
        var response = this.http.get("/actuator/metrics/breaker.transitions?tag=name:" + breaker + "&tag=to:" + to);
        if (response.statusCode() == 404) {
            return 0;
        }
        Matcher count = COUNT.matcher(response.body());
        assertThat(count.find()).as(response.body()).isTrue();
        return Double.parseDouble(count.group(1));
    }

    private void saveScreenshotIfAsked() throws IOException {
        String file = System.getProperty("dashboard.screenshot");
        if (file != null) {
            chromium.screenshot(Path.of(file));
        }
    }

    private static ConditionFactory withinTwoSeconds() {
        return await().atMost(Duration.ofSeconds(2)).pollInterval(Duration.ofMillis(50));
    }

    @TestConfiguration
    static class Clock {

        @Bean
        ManualClock breakerClock() {
            return new ManualClock();
        }
    }
}
