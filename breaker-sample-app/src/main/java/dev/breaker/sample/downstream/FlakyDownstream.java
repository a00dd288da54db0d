package dev.breaker.sample.downstream;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The flaky downstream: a small HTTP server on loopback with one path per service
 * ({@code /payment}, {@code /market-data}, {@code /bot}). Each answers 200, or 500 for the
 * configured fraction of calls, after the configured latency. {@code POST /control/{service}?failureRate=..&latencyMillis=..}
 * switches a service's behaviour; {@code GET /control} shows them all.
 */
@Component
public class FlakyDownstream implements SmartLifecycle {

    private final int requestedPort;
    private final Map<String, Behaviour> behaviours = new ConcurrentHashMap<>();
    private final Map<String, AtomicLong> calls = new ConcurrentHashMap<>();
    private final Map<String, Map<String, String>> lastParameters = new ConcurrentHashMap<>();
    private volatile @Nullable HttpServer server;
    private volatile @Nullable ExecutorService executor;

    public FlakyDownstream(@Value("${sample.downstream.port:0}") int port) {
        this.requestedPort = port;
    }

    /** @return the downstream's base URI, such as {@code http://127.0.0.1:40123} */
    public URI baseUri() {
        HttpServer current = server;
        if (current == null) {
            throw new IllegalStateException("The flaky downstream is not running");
        }
        return URI.create("http://127.0.0.1:" + current.getAddress().getPort());
    }

    /**
     * Switches how a service behaves from now on.
     * @param service the service's path, such as {@code payment}
     * @param behaviour its new behaviour
     */
    public void behave(String service, Behaviour behaviour) {
        behaviours.put(service, behaviour);
    }

    /** @return every service's behaviour, healthy unless switched */
    public Map<String, Behaviour> behaviours() {
        Map<String, Behaviour> all = new TreeMap<>();
        for (String service : new String[] {"payment", "market-data", "bot"}) {
            all.put(service, behaviours.getOrDefault(service, Behaviour.HEALTHY));
        }
        all.putAll(behaviours);
        return all;
    }

    /**
     * @param service the service's path
     * @return the calls it has received
     */
    public long calls(String service) {
        AtomicLong count = calls.get(service);
        return count == null ? 0 : count.get();
    }

    /**
     * @param service the service's path
     * @return the query parameters of the last call it received, decoded, or none
     */
    public Map<String, String> lastParameters(String service) {
        return lastParameters.getOrDefault(service, Map.of());
    }

    @Override
    public void start() {
        try {
            ExecutorService threads = newExecutor();
            executor = threads;
            HttpServer created = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), requestedPort), 2048);
            created.setExecutor(threads);
            created.createContext("/control", this::control);
            created.createContext("/", this::serve);
            created.start();
            server = created;
        }
        catch (IOException ex) {
            throw new IllegalStateException("Cannot start the flaky downstream on port " + requestedPort, ex);
        }
    }

    @Override
    public void stop() {
        HttpServer current = server;
        ExecutorService threads = executor;
        if (current != null && threads != null) {
            current.stop(0);
            threads.shutdownNow();
            server = null;
        }
    }

    @Override
    public boolean isRunning() {
        return server != null;
    }

    @Override
    public int getPhase() {
        return Integer.MIN_VALUE;
    }

    private void serve(HttpExchange exchange) throws IOException {
        String service = exchange.getRequestURI().getPath().replaceAll("^/+|/+$", "");
        Behaviour behaviour = behaviours.getOrDefault(service, Behaviour.HEALTHY);
        long n = calls.computeIfAbsent(service, s -> new AtomicLong()).getAndIncrement();
        lastParameters.put(service, query(exchange.getRequestURI().getRawQuery()));
        if (behaviour.latencyMillis() > 0) {
            try {
                Thread.sleep(behaviour.latencyMillis());
            }
            catch (InterruptedException ex) {
                Thread.currentThread().interrupt();
                exchange.close();
                return;
            }
        }
        boolean fail = Math.floor((n + 1) * behaviour.failureRate()) > Math.floor(n * behaviour.failureRate());
        if (fail) {
            respond(exchange, 500, "{\"error\":\"" + service + " is failing\"}");
        }
        else {
            respond(exchange, 200, "{\"service\":\"" + service + "\",\"call\":" + n + "}");
        }
    }

    private void control(HttpExchange exchange) throws IOException {
        String service = exchange.getRequestURI().getPath().replaceAll("^/control/?", "");
        if (!service.isEmpty() && "POST".equals(exchange.getRequestMethod())) {
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            Behaviour current = behaviours.getOrDefault(service, Behaviour.HEALTHY);
            try {
                behave(service, new Behaviour(
                        Double.parseDouble(query.getOrDefault("failureRate", String.valueOf(current.failureRate()))),
                        Long.parseLong(query.getOrDefault("latencyMillis", String.valueOf(current.latencyMillis())))));
            }
            catch (IllegalArgumentException ex) {
                respond(exchange, 400, "{\"error\":\"" + ex.getMessage() + "\"}");
                return;
            }
        }
        StringBuilder body = new StringBuilder("{");
        behaviours().forEach((name, b) -> body.append(body.length() > 1 ? "," : "").append('"').append(name)
            .append("\":{\"failureRate\":").append(b.failureRate()).append(",\"latencyMillis\":")
            .append(b.latencyMillis()).append('}'));
        respond(exchange, 200, body.append('}').toString());
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new TreeMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                if (eq > 0) {
                    params.put(pair.substring(0, eq), java.net.URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
        }
        return params;
    }

    private static void respond(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    /** Virtual threads where the JDK has them, so that slow calls cost no platform thread. */
    private static ExecutorService newExecutor() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invokeExact();
        }
        catch (Throwable ex) {
            return Executors.newCachedThreadPool(runnable -> {
                Thread thread = new Thread(runnable, "flaky-downstream");
                thread.setDaemon(true);
                return thread;
            });
        }
    }
}
