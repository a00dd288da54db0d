package dev.breaker.spring.retryafter;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

/**
 * A downstream on the loopback interface that answers each path as told, and counts the
 * requests that reach it per path.
 */
final class LoopbackDownstream implements AutoCloseable {

    private final HttpServer server;

    private final Map<String, Answer> answers = new ConcurrentHashMap<>();

    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();

    private LoopbackDownstream(HttpServer server) {
        this.server = server;
        server.createContext("/", this::handle);
        server.start();
    }

    static LoopbackDownstream start() {
        try {
            return new LoopbackDownstream(HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0));
        }
        catch (IOException ex) {
            throw new IllegalStateException(ex);
        }
    }

    /** @return the base URL, such as {@code http://127.0.0.1:54321} */
    String url() {
        return "http://" + this.server.getAddress().getHostString() + ":" + this.server.getAddress().getPort();
    }

    /**
     * Answers a path from now on.
     * @param path the path, such as {@code /quotes}
     * @param status the status
     * @param retryAfter the {@code Retry-After} header, or {@code null} for none
     */
    void answer(String path, int status, String retryAfter) {
        this.answers.put(path, new Answer(status, retryAfter));
    }

    /** @return the requests that reached the path */
    int requests(String path) {
        return this.requests.computeIfAbsent(path, (p) -> new AtomicInteger()).get();
    }

    private void handle(HttpExchange exchange) throws IOException {
        String path = exchange.getRequestURI().getPath();
        this.requests.computeIfAbsent(path, (p) -> new AtomicInteger()).incrementAndGet();
        Answer answer = this.answers.getOrDefault(path, new Answer(200, null));
        if (answer.retryAfter() != null) {
            exchange.getResponseHeaders().add("Retry-After", answer.retryAfter());
        }
        byte[] body = ("status " + answer.status()).getBytes();
        exchange.sendResponseHeaders(answer.status(), body.length);
        exchange.getResponseBody().write(body);
        exchange.close();
    }

    @Override
    public void close() {
        this.server.stop(0);
    }

    private record Answer(int status, String retryAfter) {
    }

}
