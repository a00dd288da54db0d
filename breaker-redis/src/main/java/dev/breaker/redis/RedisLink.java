package dev.breaker.redis;

import dev.breaker.redis.Availability.Status;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.RedisFuture;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.SocketOptions;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulConnection;
import io.lettuce.core.cluster.api.async.RedisClusterAsyncCommands;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import java.lang.System.Logger.Level;
import java.time.Duration;
import java.util.Set;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jspecify.annotations.Nullable;

/**
 * The store's two connections to Redis, one for commands and one for the subscription, and
 * whether they work. A lost connection marks Redis unreachable at once (Lettuce reports it); a
 * command that does not answer within the timeout does too; a command Redis refuses (out of
 * memory, read-only, not permitted) marks it refusing.
 *
 * <p>While Redis is not up, a check every {@value #PROBE_INTERVAL_MILLIS} ms tries again: it opens
 * fresh connections when the old ones are closed or the last check got no answer (so rejoining
 * never waits for Lettuce's reconnect back-off, however long the outage), subscribes, writes a
 * probe key that lives one second through a script, as the store writes (a READONLY answer
 * means the server became a replica: the next check connects afresh, to the master a Sentinel
 * names now), asks every master of a cluster whether the cluster is ok, and reads the keys the
 * store needs. Then it marks Redis up and tells the store, which reconciles.
 */
final class RedisLink implements AutoCloseable {

    static final long PROBE_INTERVAL_MILLIS = 500;

    private static final System.Logger LOG = System.getLogger(RedisStateStore.class.getName());

    /** The error codes with which Redis refuses commands until something changes on its side. */
    private static final Set<String> REFUSALS = Set.of("OOM", "READONLY", "NOPERM", "NOAUTH", "WRONGPASS",
            "MISCONF", "MASTERDOWN", "CLUSTERDOWN", "LOADING", "NOREPLICAS");

    private final RedisTopology topology;
    private final boolean ownsClient;
    private final String channel;
    private final String probeKey;
    private final Duration commandTimeout;
    private final Availability availability;
    private final Consumer<String> messages;
    private final BooleanSupplier readable;
    private final Consumer<Status> rejoined;
    private final ScheduledExecutorService scheduler;
    private volatile RedisTopology.@Nullable Commands commands;
    private volatile @Nullable StatefulRedisPubSubConnection<String, String> pubSub;
    private volatile boolean closed;

    /**
     * Connects, or starts trying to.
     * @param messages receives each message of the channel, on a Lettuce thread
     * @param readable asked, once Redis takes the probe write again, whether the keys the store needs
     *        can be read (in a cluster they may live on a node that is still away); reads
     *        through {@link #awaitQuietly}
     * @param rejoined told, on the link's own thread, each time Redis is up again, with the
     *        status it was in before
     */
    RedisLink(RedisTopology topology, boolean ownsClient, RedisKeys keys, Duration commandTimeout,
            Availability availability, Consumer<String> messages, BooleanSupplier readable,
            Consumer<Status> rejoined) {
        this.topology = topology;
        this.ownsClient = ownsClient;
        this.channel = keys.channel();
        this.probeKey = keys.prefix() + "probe";
        this.commandTimeout = commandTimeout;
        this.availability = availability;
        this.messages = messages;
        this.readable = readable;
        this.rejoined = rejoined;
        this.scheduler = Executors.newSingleThreadScheduledExecutor(RedisStateStore.daemon("breaker-redis-link"));
        probe();
        scheduler.scheduleWithFixedDelay(guarded(this::probe), PROBE_INTERVAL_MILLIS, PROBE_INTERVAL_MILLIS,
                TimeUnit.MILLISECONDS);
    }

    /**
     * A client of the store's own: it rejects commands while disconnected instead of queueing
     * them, leaves reconnecting to the store's check, and gives up on any command after a few
     * seconds, so that a command sent without waiting (a transition) that never gets an answer
     * marks Redis unreachable too.
     */
    static RedisClient ownClient(RedisURI uri) {
        RedisClient client = RedisClient.create(uri);
        client.setOptions(ClientOptions.builder()
                .autoReconnect(false)
                .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
                .socketOptions(SocketOptions.builder().connectTimeout(Duration.ofSeconds(2)).keepAlive(true).build())
                .timeoutOptions(TimeoutOptions.enabled(Duration.ofSeconds(5)))
                .build());
        return client;
    }

    /** @return whether Redis answers and accepts commands; a volatile read */
    boolean isUp() {
        return !closed && availability.isUp();
    }

    /** @return why Redis is not up, or {@code null} */
    @Nullable String reason() {
        return closed ? "closed" : availability.reason();
    }

    /** Runs a task every period on the link's thread, while the link is open. */
    void every(Duration period, Runnable task) {
        scheduler.scheduleWithFixedDelay(guarded(() -> {
            if (isUp()) {
                task.run();
            }
        }), period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A scheduled task that a failure does not cancel: the next run tries again. */
    private static Runnable guarded(Runnable task) {
        return () -> {
            try {
                task.run();
            }
            catch (RuntimeException ex) {
                LOG.log(Level.WARNING, "A background task of the Redis state store failed; it runs again", ex);
            }
        };
    }

    /**
     * Runs a command and waits for its answer at most the command timeout. Only to be called
     * after {@link #isUp()} said yes.
     * @throws StoreFailure if it failed or did not answer in time; the failure is reported
     */
    <T> T call(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command, String what) {
        RedisFuture<T> future;
        try {
            future = command.apply(commandsConnection().async());
        }
        catch (RuntimeException ex) {
            failed(what, ex);
            throw new StoreFailure();
        }
        return await(future, what);
    }

    /**
     * Waits for a command sent with {@link #start} at most the command timeout, without reporting
     * its failure: for the checks made while Redis is not up.
     * @throws StoreFailure if it failed or did not answer in time
     */
    <T> T awaitQuietly(RedisFuture<T> future) {
        try {
            return future.get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            throw new StoreFailure();
        }
        catch (ExecutionException | TimeoutException ex) {
            future.cancel(true);
            throw new StoreFailure();
        }
    }

    /** Waits for a command sent with {@link #start} at most the command timeout. */
    <T> T await(RedisFuture<T> future, String what) {
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

    /** Sends a command to be awaited later with {@link #await}, so that several travel together. */
    <T> RedisFuture<T> start(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command) {
        return command.apply(commandsConnection().async());
    }

    /**
     * Sends a command without waiting for it; its answer goes to {@code onAnswer} on a Lettuce
     * thread, its failure is reported. Only to be called after {@link #isUp()} said yes.
     */
    <T> void send(Function<RedisClusterAsyncCommands<String, String>, RedisFuture<T>> command, String what,
            Consumer<T> onAnswer) {
        try {
            command.apply(commandsConnection().async()).whenComplete((answer, error) -> {
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

    /**
     * A command failed: Redis refuses the store's commands (out of memory, read-only, not
     * permitted, no master...), or it failed for reasons of its own (a value of another type at
     * the key), or Redis did not answer.
     */
    private void failed(String what, @Nullable Throwable error) {
        if (closed) {
            return;
        }
        if (error instanceof RedisCommandExecutionException refusal) {
            if (isRefusal(refusal)) {
                availability.refusing(what, refusal.getMessage());
            }
            else {
                LOG.log(Level.WARNING, "Redis refused {0}: {1}; the breaker goes on with local state", what,
                        refusal.getMessage());
            }
        }
        else {
            availability.unreachable(what + " failed", error);
        }
    }

    /** @return whether Redis refuses the store's commands as such, rather than this one command */
    static boolean isRefusal(RedisCommandExecutionException error) {
        String message = String.valueOf(error.getMessage());
        int end = message.indexOf(' ');
        return REFUSALS.contains(end < 0 ? message : message.substring(0, end));
    }

    private void probe() {
        if (closed || availability.isUp()) {
            return;
        }
        if (!connected()) {
            try {
                reconnect();
            }
            catch (RuntimeException ex) {
                availability.unreachable("cannot connect", ex);
                return;
            }
        }
        try {
            RedisTopology.Commands c = commandsConnection();
            Objects.requireNonNull(pubSub, "no pub/sub connection").async().subscribe(channel).get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            c.async().eval(Scripts.PROBE, ScriptOutputType.STATUS, new String[] {probeKey})
                    .get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
            c.checkEveryMaster().get().toCompletableFuture().get(commandTimeout.toMillis(), TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return;
        }
        catch (ExecutionException ex) {
            if (!(ex.getCause() instanceof RedisCommandExecutionException refusal)) {
                unanswered(ex.getCause());
            }
            else if (String.valueOf(refusal.getMessage()).startsWith("READONLY")) {
                closeConnections(); // a master turned replica: the next check connects to the master of now
            }
            return; // still refusing: the next check tries again
        }
        catch (TimeoutException | RuntimeException ex) {
            unanswered(ex);
            return;
        }
        if (!closed && readable.getAsBoolean()) {
            rejoined.accept(availability.up());
        }
    }

    /** The probe got no answer: the next check starts from fresh connections, whatever Lettuce is doing. */
    private void unanswered(@Nullable Throwable cause) {
        availability.unreachable("no answer to the probe", cause);
        closeConnections();
    }

    private boolean connected() {
        RedisTopology.Commands c = commands;
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        return c != null && p != null && c.connection().isOpen() && p.isOpen();
    }

    /** @return the commands connection; only called once {@link #isUp()} said yes, or right after connecting */
    private RedisTopology.Commands commandsConnection() {
        RedisTopology.Commands c = commands;
        if (c == null) {
            throw new IllegalStateException("the Redis state store is not connected");
        }
        return c;
    }

    /** Closes both connections, forgotten first so that their loss is not reported. */
    private void closeConnections() {
        StatefulRedisPubSubConnection<String, String> p = pubSub;
        RedisTopology.Commands c = commands;
        pubSub = null;
        commands = null;
        closeQuietly(p);
        closeQuietly(c == null ? null : c.connection());
    }

    /** Replaces both connections by fresh ones; on failure leaves none open and throws. */
    private void reconnect() {
        closeConnections();
        RedisTopology.Commands c = null;
        StatefulRedisPubSubConnection<String, String> p = null;
        try {
            c = topology.connect();
            p = topology.connectPubSub();
            p.addListener(new MessageListener());
            c.connection().addListener(new LostConnectionListener(c.connection()));
            p.addListener(new LostConnectionListener(p));
        }
        catch (RuntimeException ex) {
            closeQuietly(p);
            closeQuietly(c == null ? null : c.connection());
            throw ex;
        }
        commands = c;
        pubSub = p;
    }

    /** Closes both connections, and the client if it is the store's own. */
    @Override
    public void close() {
        if (closed) {
            return;
        }
        closed = true;
        scheduler.shutdownNow();
        try {
            scheduler.awaitTermination(commandTimeout.toMillis() * 3, TimeUnit.MILLISECONDS);
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
        }
        closeQuietly(pubSub);
        closeQuietly(commands == null ? null : commands.connection());
        if (ownsClient) {
            topology.shutdown();
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

        private final StatefulConnection<?, ?> watched;

        LostConnectionListener(StatefulConnection<?, ?> watched) {
            this.watched = watched;
        }

        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> connection) {
            boolean current = commands != null && watched == commands.connection() || watched == pubSub;
            if (!closed && current) {
                availability.unreachable("connection lost", null);
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
