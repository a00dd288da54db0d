package dev.breaker.redis;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lettuce.core.RedisURI;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.extension.AfterAllCallback;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * A real {@code redis-server} on a free loopback port, started for a test class and stopped
 * after it, without persistence. Tests are skipped when {@code redis-server} is not installed.
 * It can be killed and started again on the same port, to test a Redis that goes away.
 */
public final class RedisServer implements BeforeAllCallback, BeforeEachCallback, AfterAllCallback {

    private static final Duration START_TIMEOUT = Duration.ofSeconds(10);

    private final int port;
    private final List<String> arguments;
    private Process process;

    /** A plain server on a free port. */
    public RedisServer() {
        this(freePort(), List.of());
    }

    /** A server on the given port with more command-line options, for a cluster node or a replica. */
    RedisServer(int port, List<String> options) {
        this.port = port;
        List<String> arguments = new ArrayList<>(List.of("--port", Integer.toString(port), "--bind", "127.0.0.1",
                "--save", "", "--appendonly", "no"));
        arguments.addAll(options);
        this.arguments = List.copyOf(arguments);
    }

    private RedisServer(List<String> arguments, int port) {
        this.port = port;
        this.arguments = List.copyOf(arguments);
    }

    /** @return a Sentinel on the given port with its configuration file, which it rewrites */
    static RedisServer sentinel(int port, Path config) {
        return new RedisServer(List.of(config.toString(), "--sentinel", "--port", Integer.toString(port), "--bind",
                "127.0.0.1"), port);
    }

    @Override
    public void beforeAll(ExtensionContext context) {
        if (executable() != null) {
            start();
        }
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        assumeTrue(executable() != null,
                "redis-server is not installed (on Debian: apt-get install redis-server); skipping this Redis test");
    }

    @Override
    public void afterAll(ExtensionContext context) {
        stop();
    }

    /** @return where the server listens */
    public RedisURI uri() {
        return RedisURI.builder().withHost("127.0.0.1").withPort(port).withTimeout(Duration.ofSeconds(2)).build();
    }

    public int port() {
        return port;
    }

    /** Starts the server, unless it runs, and waits until it answers PING. */
    public void start() {
        if (process != null && process.isAlive()) {
            return;
        }
        Path executable = executable();
        try {
            List<String> command = new ArrayList<>(List.of(executable.toString()));
            command.addAll(arguments);
            process = new ProcessBuilder(command)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot start " + executable, ex);
        }
        long deadline = System.nanoTime() + START_TIMEOUT.toNanos();
        while (!answersPing()) {
            if (System.nanoTime() > deadline || !process.isAlive()) {
                stop();
                throw new IllegalStateException("redis-server did not answer PING on port " + port);
            }
            pause();
        }
    }

    /** Starts the server again after a test that stopped it, if redis-server is installed at all. */
    public void ensureRunning() {
        if (executable() != null) {
            start();
        }
    }

    /** Kills the server at once, as a crash would. */
    public void kill() {
        if (process != null) {
            process.destroyForcibly();
            waitFor();
            process = null;
        }
    }

    /** Sends a signal to the server: {@code STOP} freezes it as a hung host would, {@code CONT} thaws it. */
    public void signal(String name) {
        try {
            Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).start();
            if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
                throw new IllegalStateException("kill -" + name + " failed");
            }
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot send " + name, ex);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(ex);
        }
    }

    /** Stops the server. */
    public void stop() {
        if (process != null) {
            process.destroy();
            waitFor();
            process = null;
        }
    }

    /** Runs one command through a plain socket: the answer's status line, or the bulk string it returns. */
    public String command(String... words) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request(words));
            out.flush();
            return readAnswer(socket.getInputStream());
        }
        catch (IOException ex) {
            return null;
        }
    }

    /** @return the keys that match the pattern, through KEYS (fine for a test's few keys) */
    public List<String> keys(String pattern) {
        return array("KEYS", pattern);
    }

    /** Runs one command that answers an array of bulk strings, and returns them. */
    public List<String> array(String... words) {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port)) {
            socket.setSoTimeout(2000);
            OutputStream out = socket.getOutputStream();
            out.write(request(words));
            out.flush();
            InputStream in = socket.getInputStream();
            String header = readLine(in);
            if (!header.startsWith("*")) {
                throw new IllegalStateException("not an array: " + header);
            }
            List<String> items = new ArrayList<>();
            for (int i = Integer.parseInt(header.substring(1)); i > 0; i--) {
                items.add(readAnswer(in));
            }
            return items;
        }
        catch (IOException ex) {
            throw new IllegalStateException("cannot run " + words[0], ex);
        }
    }

    private static byte[] request(String... words) {
        StringBuilder request = new StringBuilder("*").append(words.length).append("\r\n");
        for (String word : words) {
            byte[] bytes = word.getBytes(StandardCharsets.UTF_8);
            request.append('$').append(bytes.length).append("\r\n").append(word).append("\r\n");
        }
        return request.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static String readAnswer(InputStream in) throws IOException {
        String line = readLine(in);
        if (line.startsWith("$")) {
            int length = Integer.parseInt(line.substring(1));
            if (length < 0) {
                return null;
            }
            String bulk = new String(in.readNBytes(length), StandardCharsets.UTF_8);
            in.readNBytes(2); // the CRLF after it
            return bulk;
        }
        return line;
    }

    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != -1 && b != '\n'; b = in.read()) {
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }

    private boolean answersPing() {
        return "+PONG".equals(command("PING"));
    }

    private void waitFor() {
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause() {
        try {
            Thread.sleep(20);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
    }

    static Path executable() {
        return executable("redis-server");
    }

    /** @return where the named Redis program is installed, or {@code null} */
    static Path executable(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin:/usr/local/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (!dir.isEmpty()) {
                Path candidate = Path.of(dir, name);
                if (Files.isExecutable(candidate)) {
                    return candidate;
                }
            }
        }
        return null;
    }

    static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            socket.setReuseAddress(true);
            return socket.getLocalPort();
        }
        catch (IOException ex) {
            throw new IllegalStateException("no free port", ex);
        }
    }
}
