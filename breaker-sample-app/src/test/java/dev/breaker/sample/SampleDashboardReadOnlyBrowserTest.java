package dev.breaker.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;

/**
 * The dashboard in a real headless Chromium when the {@code circuitbreakers} endpoint is
 * read-only: the breakers show, and no button offers what the endpoint would refuse.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "management.endpoint.circuitbreakers.access=read-only")
class SampleDashboardReadOnlyBrowserTest {

    private static Chromium chromium;

    @LocalServerPort
    int port;

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

    @Test
    void readOnlyEndpointShouldShowTheBreakersWithoutButtons() {
        DashboardView dashboard = new DashboardView(chromium.driver(), "http://127.0.0.1:" + this.port + "/breakers");
        await().atMost(Duration.ofSeconds(2)).until(() -> dashboard.breakers().size() == 4);
        assertThat(dashboard.state("payment")).isEqualTo("CLOSED");
        assertThat(dashboard.actionButtons()).isEmpty();
        assertThat(chromium.driver().findElement(By.tagName("body")).getDomAttribute("data-writable")).isEqualTo("false");
        assertThat(new Http(this.port).postJson("/actuator/circuitbreakers/payment", "{\"action\": \"reset\"}").statusCode())
            .as("the endpoint refuses writes indeed")
            .isEqualTo(405);
    }
}
