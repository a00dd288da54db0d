package dev.breaker.spring.dashboard;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.core.io.ClassPathResource;
import org.springframework.http.MediaType;
import org.springframework.util.StreamUtils;
import org.springframework.web.util.HtmlUtils;

/**
 * The dashboard page and the files it loads. The page is plain HTML from the starter's jar,
 * rendered with where its files and the {@code circuitbreakers} endpoint are and whether the
 * endpoint takes writes; its script does the rest in the browser.
 */
final class DashboardPage {

    static final MediaType HTML = new MediaType(MediaType.TEXT_HTML, StandardCharsets.UTF_8);

    private static final String LOCATION = "META-INF/breaker-dashboard/";

    private final String path;

    private final String template;

    private final Supplier<CircuitBreakersLink> link;

    private final @Nullable String unreachableBecause;

    /**
     * Create the page.
     * @param path where the page is served, relative to the application's context path
     * @param link where the {@code circuitbreakers} endpoint is, asked on the first request,
     * once every endpoint has been discovered
     * @param unreachableBecause why the page cannot read the endpoint whatever its exposure,
     * or {@code null}
     */
    DashboardPage(String path, Supplier<CircuitBreakersLink> link, @Nullable String unreachableBecause) {
        this.path = path;
        this.template = read(LOCATION + "dashboard.html");
        this.link = link;
        this.unreachableBecause = unreachableBecause;
    }

    /** @return where the page is served, relative to the application's context path */
    String path() {
        return this.path;
    }

    /** @return the script and the style sheet the page loads */
    List<DashboardAsset> assets() {
        return List.of(asset("dashboard.js", MediaType.valueOf("text/javascript")),
                asset("dashboard.css", MediaType.valueOf("text/css")));
    }

    /**
     * Render the page for a request.
     * @param contextPath the application's context path, empty for none
     * @return the page's HTML
     */
    String render(String contextPath) {
        CircuitBreakersLink link = this.link.get();
        String problem = problem(link);
        boolean reachable = problem.isEmpty();
        return this.template.replace("{{assets}}", escape(contextPath + this.path))
            .replace("{{endpoint}}", reachable ? escape(contextPath + link.path()) : "")
            .replace("{{writable}}", String.valueOf(reachable && link.writable()))
            .replace("{{problem}}", escape(problem));
    }

    private String problem(CircuitBreakersLink link) {
        if (this.unreachableBecause != null) {
            return this.unreachableBecause;
        }
        if (link.path() == null) {
            return "The circuitbreakers endpoint is not exposed over HTTP: add it to "
                    + "management.endpoints.web.exposure.include.";
        }
        return "";
    }

    private DashboardAsset asset(String name, MediaType mediaType) {
        return new DashboardAsset(this.path + "/" + name, new ClassPathResource(LOCATION + name), mediaType);
    }

    private static String escape(String text) {
        return HtmlUtils.htmlEscape(text, StandardCharsets.UTF_8.name());
    }

    private static String read(String location) {
        try (InputStream in = new ClassPathResource(location).getInputStream()) {
            return StreamUtils.copyToString(in, StandardCharsets.UTF_8);
        }
        catch (IOException ex) {
            throw new UncheckedIOException("Cannot read " + location + " from the breaker starter's jar", ex);
        }
    }

}
