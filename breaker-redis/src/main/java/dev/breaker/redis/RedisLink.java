package dev.breaker.redis;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store's two connections to Redis, one for commands and one for the subscription, and
 * whether they work. A lost connection marks Redis down at once (Lettuce reports it); a command
 * that fails or does not answer within the timeout does too. While down, a check every 500 ms
 * connects (if Redis was down at startup) or, once Lettuce has reconnected, subscribes again
 * and pings, then marks Redis up.
 */
final class RedisLink implements AutoCloseable {

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());
    private static final long PROBE_INTERVAL_MILLIS = 500;

    private final RedisClient client;
    private final boolean ownsClient;
    private final String channel;
    private final Duration commandTimeout;
    private final Availability availability;
    private final Consumer<String> messages;
    private final ScheduledExecutorService prober;
    private volatile @Nullable StatefulRedisConnection<String, String> commands;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;

    /**
     * Connects, or starts trying to.
     * @param messages receives each message of the channel, on a Lettuce thread
     */
    RedisLink(RedisClient client, boolean ownsClient, String channel, Duration commandTimeout,
            Availability availability, Consumer<String> messages) {
        this.client = client;
        this.ownsClient = ownsClient;
        this.channel = channel;
        this.commandTimeout = commandTimeout;
        this.availability = availability;
        this.messages = messages;
        this.prober = Executors.newSingleThreadScheduledExecutor(RedisStateStore.daemon("breaker-redis-probe"));
        if (connect()) {
            availability.up();
        }
        prober.scheduleWithFixedDelay(this::probe, PROBE_INTERVAL_MILLIS, PROBE_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * A client of the store's own: it rejects commands while disconnected instead of queueing
     * them, and gives up on any command after a few seconds, so that a command sent without
     * waiting (a transition) that never gets an answer marks Redis down too.
     */
    static RedisClient ownClient(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(true)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .build());
        return client;
    }

    /** @return whether Redis answers; a volatile read */
    boolean isUp() {
        return !closed && availability.isUp();
    }

    /**
     * Runs a command and waits for its answer at most the command timeout. Only to be called
     * after {@link #isUp()} said yes.
     * @throws StoreFailure if it failed or did not answer in time; the failure is reported
     */
    <T> T call(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, String what) {
        RedisFuture<T> future;
        try {
            future = command.apply(connected().async());
        }
        catch (RuntimeException ex) {
            failed(what, ex);
            throw new StoreFailure();
        }
        try {
            return future.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            throw new StoreFailure();
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            failed(what, new TimeoutException("no answer within " + commandTimeout.toMillis() + " ms"));
            throw new StoreFailure();
        }
        catch (ExecutionException ex) {
            failed(what, ex.getCause());
            throw new StoreFailure();
        }
    }

    /**
     * Sends a command without waiting for it; its answer goes to {@code onAnswer} on a Lettuce
     * thread, its failure is reported. Only to be called after {@link #isUp()} said yes.
     */
    <T> void send(Function<RedisAsyncCommands<String, String>, RedisFuture<T>> command, String what,
            Consumer<T> onAnswer) {
        try {
            command.apply(connected().async()).whenComplete((answer, error) -> {
                if (error != null) {
                    failed(what, error);
                }
                else {
                    onAnswer.accept(answer);
                }
            });
        }
        catch (RuntimeException ex) {
            failed(what, ex);
        }
    }

    /** @return the command connection, there once {@link #isUp()} said yes */
    private StatefulRedisConnection<String, String> connected() {
        return Objects.requireNonNull(commands, "not connected to Redis");
    }

    /** A command failed: Redis refusing it says nothing about the connection; anything else does. */
    private void failed(String what, @Nullable Throwable error) {
        if (closed) {
            return;
        }
        if (error instanceof RedisCommandExecutionException) {
            LOG.log(Level.WARNING, "Redis refused {0}: {1}; the breaker goes on with local state", what,
                    error.getMessage());
        }
        else {
            availability.down(what + " failed", error);
        }
    }

    /** Opens both connections and subscribes; on failure leaves none open and reports Redis down. */
    private boolean connect() {
        StatefulRedisConnection<String, String> c = null;
        StatefulRedisPubSubConnection<String, String> p = null;
        try {
            c = client.connect(StringCodec.UTF8);
            p = client.connectPubSub(StringCodec.UTF8);
            p.addListener(new MessageListener());
            RedisConnectionStateListener lost = new LostConnectionListener();
            c.addListener(lost);
            p.addListener(lost);
            p.async().subscribe(channel).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            commands = c;
            pubSub = p;
            if (closed) {
                closeQuietly(p);
                closeQuietly(c);
                return false;
            }
            return true;
        }
        catch (Exception ex) {
            if (ex instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            closeQuietly(p);
            closeQuietly(c);
            availability.down("cannot connect", ex);
            return false;
        }
    }

    private void probe() {
        if (closed || availability.isUp()) {
            return;
        }
        StatefulRedisConnection<String, String> c = commands;
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        if (c == null || p == null) {
            if (connect()) {
                availability.up();
            }
            return;
        }
        if (!c.isOpen() || !p.isOpen()) {
            return; // Lettuce is reconnecting
        }
        try {
            p.async().subscribe(channel).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            c.async().ping().get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            availability.up();
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        catch (ExecutionException | TimeoutException | RuntimeException ex) {
            // still down: the next check tries again
        }
    }

    /** Closes both connections, and the client if it is the store's own. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        prober.shutdownNow();
        closeQuietly(pubSub);
        closeQuietly(commands);
        if (ownsClient) {
            client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
        }
    }

    private static void closeQuietly(@Nullable AutoCloseable closeable) {
        if (closeable != null) {
            try {
                closeable.close();
            }
            catch (Exception ex) {
                // closing: nothing left to do
            }
        }
    }

    /** Hands the channel's messages on. */
    private final class MessageListener extends RedisPubSubAdapter<String, String> {

        @Override
        public void message(String from, String message) {
            if (channel.equals(from)) {
                messages.accept(message);
            }
        }
    }

    /** Notices a lost connection at once, so that calls stop waiting for Redis. */
    private final class LostConnectionListener implements RedisConnectionStateListener {

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            if (!closed) {
                availability.down("connection lost", null);
            }
        }
    }

    /** Signals a command that did not complete; the caller answers from local knowledge. */
    static final class StoreFailure extends RuntimeException {

        StoreFailure() {
            super(null, null, false, false);
        }
    }
}
