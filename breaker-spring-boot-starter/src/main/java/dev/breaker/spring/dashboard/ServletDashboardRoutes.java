package dev.breaker.spring.dashboard;

import org.springframework.http.CacheControl;
import org.springframework.web.servlet.function.RouterFunction;
import org.springframework.web.servlet.function.RouterFunctions;
import org.springframework.web.servlet.function.ServerResponse;

/**
 * Serves the dashboard page and its files in a Spring MVC application.
 */
final class ServletDashboardRoutes {

    private ServletDashboardRoutes() {
    }

    /**
     * @param page the page
     * @return routes that answer GET requests for the page and its files
     */
    static RouterFunction<ServerResponse> of(DashboardPage page) {
        RouterFunctions.Builder routes = RouterFunctions.route()
            .GET(page.path(), (request) -> ServerResponse.ok()
                .contentType(DashboardPage.HTML)
                .cacheControl(CacheControl.noStore())
                .body(page.render(request.requestPath().contextPath().value())));
        for (DashboardAsset asset : page.assets()) {
            routes.GET(asset.path(), (request) -> ServerResponse.ok()
                .contentType(asset.mediaType())
                .cacheControl(CacheControl.noCache())
                .body(asset.resource()));
        }
        return routes.build();
    }

}
