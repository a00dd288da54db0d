package dev.breaker.spring.test;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.jspecify.annotations.Nullable;
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

    private final @Nullable String authorization;

    private Http(String base, @Nullable String authorization) {
        this.base = base;
        this.authorization = authorization;
    }

    /**
     * Creates a client for the application listening on the given local port.
     * @param port the local server port
     * @return the client
     */
    public static Http localhost(int port) {
        return new Http("http://localhost:" + port, null);
    }

    /**
     * Returns a client that signs every request in with HTTP basic authentication.
     * @param user the user name
     * @param password the password
     * @return the client
     */
    public Http as(String user, String password) {
        String credentials = Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
        return new Http(this.base, "Basic " + credentials);
    }

    /**
     * Sends a GET request.
     * @param path the path, starting with {@code /}
     * @return the response, its body as a string
     */
    public HttpResponse<String> get(String path) throws IOException, InterruptedException {
        return send(request(path).GET());
    }

    /**
     * Sends a POST request with a JSON body.
     * @param path the path, starting with {@code /}
     * @param body the JSON body
     * @return the response, its body as a string
     */
    public HttpResponse<String> postJson(String path, String body) throws IOException, InterruptedException {
        return send(request(path).header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    /**
     * Reads a response body as JSON.
     * @param response the response
     * @return the body's JSON tree
     */
    public static JsonNode json(HttpResponse<String> response) {
        return JSON.readTree(response.body());
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        if (this.authorization != null) {
            request.header("Authorization", this.authorization);
        }
        return this.client.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(this.base + path));
    }

}
