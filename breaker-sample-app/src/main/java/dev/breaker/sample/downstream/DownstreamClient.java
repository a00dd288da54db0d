package dev.breaker.sample.downstream;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import org.springframework.stereotype.Component;

/** Calls the flaky downstream over real HTTP on loopback. */
@Component
public class DownstreamClient {

    private final FlakyDownstream downstream;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    public DownstreamClient(FlakyDownstream downstream) {
        this.downstream = downstream;
    }

    /**
     * Calls one service. The parameters' values come from callers (a user id, a message), so
     * each is encoded: a space, {@code |}, {@code %} or {@code &message=} stays part of its value.
     * @param service the service's path, such as {@code payment}
     * @param parameters the query parameters, by name, in order
     * @return the response body
     * @throws DownstreamException if the service answers an error or cannot be reached
     */
    public String get(String service, Map<String, ?> parameters) {
        String query = parameters.entrySet().stream()
                .map((parameter) -> parameter.getKey() + "="
                        + URLEncoder.encode(String.valueOf(parameter.getValue()), StandardCharsets.UTF_8))
                .collect(Collectors.joining("&"));
        URI uri = downstream.baseUri().resolve("/" + service + "?" + query);
        HttpRequest request = HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).GET().build();
        try {
            HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
            if (response.statusCode() >= 400) {
                throw new DownstreamException(service + " answered " + response.statusCode());
            }
            return response.body();
        }
        catch (IOException ex) {
            throw new DownstreamException(service + " could not be reached: " + ex.getMessage(), ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new DownstreamException(service + " call was interrupted", ex);
        }
    }
}
