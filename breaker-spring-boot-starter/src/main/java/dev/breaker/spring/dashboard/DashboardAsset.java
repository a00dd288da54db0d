package dev.breaker.spring.dashboard;

import org.springframework.core.io.Resource;
import org.springframework.http.MediaType;

/**
 * A file the dashboard page loads, served from the starter's jar beside the page.
 *
 * @param path the path it is served at, relative to the application's context path
 * @param resource the file
 * @param mediaType its content type
 */
record DashboardAsset(String path, Resource resource, MediaType mediaType) {
}
