package dev.breaker.spring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * A plain JDK HTTP client for the web integration tests, aimed at the application on
 * {@code localhost} at the given port.
 */
public final class Http {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final HttpClient client = HttpClient.newHttpClient();

    private final String base;

    private Http(int port) {
        this.base = "http://localhost:" + port;
    }

    /**
     * Creates a client for the application listening on the given local port.
     * @param port the local server port
     * @return the client
     */
    public static Http localhost(int port) {
        return new Http(port);
    }

    /**
     * Sends a GET request.
     * @param path the path, starting with {@code /}
     * @return the response, its body as a string
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path)).GET().build());
    }

    /**
     * Sends a POST request with a JSON body.
     * @param path the path, starting with {@code /}
     * @param body the JSON body
     * @return the response, its body as a string
     */
    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(HttpRequest.newBuilder(uri(path))
            .header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body))
            .build());
    }

    /**
     * Reads a response body as JSON.
     * @param response the response
     * @return the body's JSON tree
     */
    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest request) throws IOException, InterruptedException {
        return this.client.send(request, HttpResponse.BodyHandlers.ofString());
    }

    private URI uri(String path) {
        return URI.create(this.base + path);
    }

}
