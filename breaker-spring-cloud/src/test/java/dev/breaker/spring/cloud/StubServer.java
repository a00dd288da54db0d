package dev.breaker.spring.cloud;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A downstream on a free loopback port that answers every request with a fixed body, or with
 * 503 once switched to failing, and counts the requests that reached it.
 */
final class StubServer implements AutoCloseable {

    private final HttpServer server;

    private final AtomicInteger requests = new AtomicInteger();

    private volatile boolean failing;

    private StubServer(HttpServer server) {
        this.server = server;
    }

    /**
     * Starts a downstream that answers {@code body} for every path.
     * @param body the body of a successful answer
     * @return the started downstream
     * @throws IOException when no port can be bound
     */
    static StubServer start(String body) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        StubServer stub = new StubServer(server);
        server.createContext("/", (exchange) -> {
            stub.requests.incrementAndGet();
            byte[] answer = (stub.failing ? "down" : body).getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().add("Content-Type", "text/plain");
            exchange.sendResponseHeaders(stub.failing ? 503 : 200, answer.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(answer);
            }
        });
        server.start();
        return stub;
    }

    String baseUrl() {
        return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
    }

    void fail() {
        this.failing = true;
    }

    void recover() {
        this.failing = false;
    }

    int requests() {
        return this.requests.get();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }
}
