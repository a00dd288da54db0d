package dev.breaker.spring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.spring.test.Http;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The dashboard page and its files over real HTTP, in Spring MVC and Spring WebFlux
 * applications: the page is rendered with where the {@code circuitbreakers} endpoint is, as
 * Spring Boot exposed it, and whether it takes writes.
 */
class DashboardWebIntegrationTests {

    private static final String[] DASHBOARD = { "breaker.dashboard.enabled=true",
            "breaker.instances.payment.minimum-calls=3", "management.endpoints.web.exposure.include=circuitbreakers",
            "management.health.redis.enabled=false" };

    @Test
    void pageShouldReadTheExposedEndpointAndOfferItsWrites() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET)) {
            Http http = http(app);
            HttpResponse<String> page = http.get("/breakers");
            assertThat(page.statusCode()).isEqualTo(200);
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
            assertThat(page.headers().firstValue("Cache-Control")).hasValue("no-store");
            assertThat(page.body()).contains("data-endpoint=\"/actuator/circuitbreakers\"")
                .contains("data-writable=\"true\"")
                .contains("data-problem=\"\"")
                .contains("<script src=\"/breakers/dashboard.js\" defer>")
                .contains("<link rel=\"stylesheet\" href=\"/breakers/dashboard.css\">");
            assertThat(http.get("/actuator/circuitbreakers").body()).contains("\"payment\"");
        }
    }

    @Test
    void scriptAndStyleSheetShouldBeServedBesideThePage() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET)) {
            Http http = http(app);
            HttpResponse<String> script = http.get("/breakers/dashboard.js");
            assertThat(script.statusCode()).isEqualTo(200);
            assertThat(script.headers().firstValue("Content-Type")).hasValue("text/javascript");
            assertThat(script.body()).contains("textContent").doesNotContain("innerHTML");
            HttpResponse<String> styles = http.get("/breakers/dashboard.css");
            assertThat(styles.headers().firstValue("Content-Type")).hasValue("text/css");
            assertThat(styles.body()).contains(".card.open");
        }
    }

    @Test
    void pageShouldFollowTheContextPathTheActuatorBasePathAndTheEndpointsPathMapping() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET, "server.servlet.context-path=/shop",
                "management.endpoints.web.base-path=/manage",
                "management.endpoints.web.path-mapping.circuitbreakers=breakers-api",
                "breaker.dashboard.path=/ops/breakers")) {
            Http http = http(app);
            HttpResponse<String> page = http.get("/shop/ops/breakers");
            assertThat(page.body()).contains("data-endpoint=\"/shop/manage/breakers-api\"")
                .contains("<script src=\"/shop/ops/breakers/dashboard.js\" defer>");
            assertThat(http.get("/shop/manage/breakers-api").body()).contains("\"payment\"");
            assertThat(http.get("/shop/ops/breakers/dashboard.js").statusCode()).isEqualTo(200);
            assertThat(http.get("/shop/breakers").statusCode()).isEqualTo(404);
        }
    }

    @Test
    void readOnlyEndpointShouldOfferNoWrites() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET,
                "management.endpoint.circuitbreakers.access=read-only")) {
            assertThat(http(app).get("/breakers").body()).contains("data-endpoint=\"/actuator/circuitbreakers\"")
                .contains("data-writable=\"false\"");
        }
    }

    @Test
    void endpointNotExposedOverHttpShouldBeNamedAsTheProblem() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET,
                "management.endpoints.web.exposure.include=health")) {
            assertThat(http(app).get("/breakers").body()).contains("data-endpoint=\"\"")
                .contains("data-writable=\"false\"")
                .contains("data-problem=\"The circuitbreakers endpoint is not exposed over HTTP: add it to "
                        + "management.endpoints.web.exposure.include.\"");
        }
    }

    @Test
    void endpointOnTheManagementPortShouldBeNamedAsTheProblem() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.SERVLET, "management.server.port=0")) {
            assertThat(http(app).get("/breakers").body()).contains("data-endpoint=\"\"")
                .contains("data-problem=\"The circuitbreakers endpoint is not served on this port "
                        + "(management.server.port is set)");
        }
    }

    @Test
    void springWebFluxShouldServeThePageAndItsFiles() throws Exception {
        try (ConfigurableApplicationContext app = start(WebApplicationType.REACTIVE)) {
            Http http = http(app);
            HttpResponse<String> page = http.get("/breakers");
            assertThat(page.headers().firstValue("Content-Type")).hasValue("text/html;charset=UTF-8");
            assertThat(page.body()).contains("data-endpoint=\"/actuator/circuitbreakers\"")
                .contains("data-writable=\"true\"");
            assertThat(http.get("/breakers/dashboard.js").body()).contains("textContent");
            assertThat(http.get("/breakers/dashboard.css").headers().firstValue("Content-Type")).hasValue("text/css");
        }
    }

    private static ConfigurableApplicationContext start(WebApplicationType type, String... properties) {
        List<String> all = new ArrayList<>(List.of(DASHBOARD));
        all.addAll(List.of(properties));
        all.add("server.port=0");
        return new SpringApplicationBuilder(TestApplication.class).web(type).properties(all.toArray(String[]::new)).run();
    }

    private static Http http(ConfigurableApplicationContext app) {
        return Http.localhost(((WebServerApplicationContext) app).getWebServer().getPort());
    }

    @SpringBootConfiguration(proxyBeanMethods = false)
    @EnableAutoConfiguration
    static class TestApplication {

    }

}
