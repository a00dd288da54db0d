package dev.breaker.spring.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.spring.autoconfigure.InvalidBreakerPropertyException;
import org.junit.jupiter.api.Test;
import org.springframework.boot.actuate.endpoint.web.PathMappedEndpoints;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.context.runner.ReactiveWebApplicationContextRunner;
import org.springframework.boot.test.context.runner.WebApplicationContextRunner;

class DashboardAutoConfigurationTests {

    private static final AutoConfigurations DASHBOARD = AutoConfigurations.of(DashboardAutoConfiguration.class);

    private final WebApplicationContextRunner servlet = new WebApplicationContextRunner().withConfiguration(DASHBOARD);

    @Test
    void runWithoutEnablingShouldNotServeTheDashboard() {
        this.servlet.run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
    }

    @Test
    void runWhenEnabledInSpringMvcShouldRouteThePage() {
        this.servlet.withPropertyValues("breaker.dashboard.enabled=true").run((context) -> {
            assertThat(context).hasSingleBean(DashboardPage.class);
            assertThat(context.getBean("breakerDashboardRoutes"))
                .isInstanceOf(org.springframework.web.servlet.function.RouterFunction.class);
            assertThat(context.getBean(DashboardPage.class).path()).isEqualTo("/breakers");
        });
    }

    @Test
    void runWhenEnabledInSpringWebFluxShouldRouteThePage() {
        new ReactiveWebApplicationContextRunner().withConfiguration(DASHBOARD)
            .withPropertyValues("breaker.dashboard.enabled=true")
            .run((context) -> assertThat(context.getBean("breakerDashboardRoutes"))
                .isInstanceOf(org.springframework.web.reactive.function.server.RouterFunction.class));
    }

    @Test
    void runWhenEnabledOutsideAWebApplicationShouldNotServeTheDashboard() {
        new ApplicationContextRunner().withConfiguration(DASHBOARD)
            .withPropertyValues("breaker.dashboard.enabled=true")
            .run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
    }

    @Test
    void runWithoutTheActuatorShouldNotServeTheDashboard() {
        this.servlet.withPropertyValues("breaker.dashboard.enabled=true")
            .withClassLoader(new FilteredClassLoader(PathMappedEndpoints.class))
            .run((context) -> assertThat(context).doesNotHaveBean(DashboardPage.class));
    }

    @Test
    void runWithCustomPathShouldServeThePageThere() {
        this.servlet.withPropertyValues("breaker.dashboard.enabled=true", "breaker.dashboard.path=/ops/breakers")
            .run((context) -> assertThat(context.getBean(DashboardPage.class).assets())
                .extracting(DashboardAsset::path)
                .containsExactly("/ops/breakers/dashboard.js", "/ops/breakers/dashboard.css"));
    }

    @Test
    void runWithPathThatIsNoPathShouldFailNamingTheProperty() {
        for (String path : new String[] { "breakers", "/", "/breakers/", "/break ers", "/{name}", "/**" }) {
            this.servlet.withPropertyValues("breaker.dashboard.enabled=true", "breaker.dashboard.path=" + path)
                .run((context) -> assertThat(context).getFailure()
                    .rootCause()
                    .isInstanceOf(InvalidBreakerPropertyException.class)
                    .hasMessageContaining("'breaker.dashboard.path'")
                    .hasMessageContaining("must be a path such as /breakers"));
        }
    }

}
