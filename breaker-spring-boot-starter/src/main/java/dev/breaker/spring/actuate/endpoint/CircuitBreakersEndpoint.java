package dev.breaker.spring.actuate.endpoint;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import dev.breaker.core.store.StateStore;
import dev.breaker.spring.event.UntrustedText;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the circuit breakers of a {@link CircuitBreakerRegistry}
 * and lets operators reset, force open or force close them. Asking about a breaker or key that
 * does not exist never creates one.
 */
@Endpoint(id = "circuitbreakers")
public class CircuitBreakersEndpoint {

    /** The most keys listed per state; the totals count them all. */
    static final int MAX_LISTED_KEYS = 100;

    private final CircuitBreakerRegistry registry;

    private final ChildrenTotals childrenTotals = new ChildrenTotals();

    /**
     * Create an endpoint for the breakers of a registry. It listens to the registry's keyed
     * children from then on, to show their calls summed under each named breaker.
     * @param registry the registry
     */
    public CircuitBreakersEndpoint(CircuitBreakerRegistry registry) {
        this.registry = registry;
        registry.addListener(this.childrenTotals);
    }

    /**
     * Return every named breaker with a summary of their states.
     * @return the breakers
     */
    @ReadOperation
    public CircuitBreakersDescriptor breakers() {
        Map<String, BreakerDescriptor> breakers = new TreeMap<>();
        for (CircuitBreaker breaker : this.registry.all()) {
            breakers.put(breaker.name(), new BreakerDescriptor(breaker.stats()));
        }
        return new CircuitBreakersDescriptor(new SummaryDescriptor(breakers), breakers);
    }

    /**
     * Return one named breaker in detail: its statistics, effective configuration and keyed
     * children.
     * @param name the breaker's name
     * @return the breaker, or {@code null} if there is no breaker of that name
     */
    @ReadOperation
    public @Nullable BreakerDetailDescriptor breaker(@Selector String name) {
        StateStore store = this.registry.stateStore();
        return this.registry.find(name)
            .map((breaker) -> new BreakerDetailDescriptor(breaker, this.childrenTotals.of(name), store))
            .orElse(null);
    }

    /**
     * Return one keyed child of a named breaker.
     * @param name the breaker's name
     * @param key the child's key
     * @return the child, or {@code null} if there is no such breaker or key
     */
    @ReadOperation
    public @Nullable BreakerDescriptor child(@Selector String name, @Selector String key) {
        return this.registry.find(name, key).map((child) -> new BreakerDescriptor(child.stats())).orElse(null);
    }

    /**
     * Apply an action to a named breaker.
     * @param name the breaker's name
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @return the breaker after the action, or {@code null} if there is no breaker of that name
     * @throws InvalidEndpointRequestException if the breaker exists and the action is missing or unknown
     */
    @WriteOperation
    public @Nullable BreakerDescriptor operate(@Selector String name, @Nullable String action) {
        return this.registry.find(name).map((breaker) -> apply(action, breaker)).orElse(null);
    }

    /**
     * Apply an action to a keyed child of a named breaker.
     * @param name the breaker's name
     * @param key the child's key
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @return the child after the action, or {@code null} if there is no such breaker or key
     * @throws InvalidEndpointRequestException if the breaker exists and the action is missing or unknown
     */
    @WriteOperation
    public @Nullable BreakerDescriptor operateChild(@Selector String name, @Selector String key,
            @Nullable String action) {
        return this.registry.find(name, key).map((child) -> apply(action, child)).orElse(null);
    }

    private static BreakerAction parse(@Nullable String action) {
        BreakerAction parsed = BreakerAction.from(action);
        if (parsed == null) {
            String message = ((action != null) ? "Unknown action '" + UntrustedText.bounded(action) + "'" : "Missing action")
                    + "; valid actions are " + String.join(", ", BreakerAction.valueNames());
            throw new InvalidEndpointRequestException(message, message);
        }
        return parsed;
    }

    private static BreakerDescriptor apply(@Nullable String action, CircuitBreaker breaker) {
        parse(action).applyTo(breaker);
        return new BreakerDescriptor(breaker.stats());
    }

    private static @Nullable String format(@Nullable Instant instant) {
        return (instant != null) ? instant.toString() : null;
    }

    /**
     * Every named breaker and a summary of their states.
     *
     * @param summary how many breakers are in each state
     * @param breakers the breakers by name
     */
    public record CircuitBreakersDescriptor(SummaryDescriptor summary,
            Map<String, BreakerDescriptor> breakers) implements OperationResponseBody {
    }

    /**
     * How many named breakers are in each state, and which are open or half-open.
     *
     * @param total the number of named breakers
     * @param closed how many are CLOSED
     * @param open how many are OPEN
     * @param halfOpen how many are HALF_OPEN
     * @param forcedOpen how many are FORCED_OPEN
     * @param forcedClosed how many are FORCED_CLOSED
     * @param openBreakers the names of the OPEN breakers
     * @param halfOpenBreakers the names of the HALF_OPEN breakers
     */
    public record SummaryDescriptor(int total, int closed, int open, int halfOpen, int forcedOpen, int forcedClosed,
            List<String> openBreakers, List<String> halfOpenBreakers) {

        SummaryDescriptor(Map<String, BreakerDescriptor> breakers) {
            this(breakers.size(), count(breakers, CircuitState.CLOSED), count(breakers, CircuitState.OPEN),
                    count(breakers, CircuitState.HALF_OPEN), count(breakers, CircuitState.FORCED_OPEN),
                    count(breakers, CircuitState.FORCED_CLOSED), names(breakers, CircuitState.OPEN),
                    names(breakers, CircuitState.HALF_OPEN));
        }

        private static int count(Map<String, BreakerDescriptor> breakers, CircuitState state) {
            return names(breakers, state).size();
        }

        private static List<String> names(Map<String, BreakerDescriptor> breakers, CircuitState state) {
            List<String> names = new ArrayList<>();
            breakers.forEach((name, breaker) -> {
                if (breaker.getState().equals(state.name())) {
                    names.add(name);
                }
            });
            return names;
        }

    }

    /**
     * One reading of a breaker's state and statistics.
     */
    public static class BreakerDescriptor implements OperationResponseBody {

        private final CircuitBreakerStats stats;

        BreakerDescriptor(CircuitBreakerStats stats) {
            this.stats = stats;
        }

        /** @return the state, for example {@code OPEN} */
        public String getState() {
            return this.stats.state().name();
        }

        /** @return successes / (successes + failures) over the window, 1 when it is empty */
        public double getHealthScore() {
            return this.stats.healthScore();
        }

        /** @return failures / calls over the window */
        public double getFailureRate() {
            return this.stats.failureRate();
        }

        /** @return slow calls / calls over the window */
        public double getSlowCallRate() {
            return this.stats.slowCallRate();
        }

        /** @return when the next trial call is admitted (ISO-8601), {@code null} unless OPEN */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public @Nullable String getNextRetryAt() {
            return format(this.stats.nextRetryAt());
        }

        /** @return whole seconds until the next trial call, rounded up; 0 unless OPEN */
        public long getRetryAfterSeconds() {
            return this.stats.retryAfterSeconds();
        }

        /** @return lifetime calls that ran */
        public long getCalls() {
            return this.stats.calls();
        }

        /** @return lifetime successes */
        public long getSuccesses() {
            return this.stats.successes();
        }

        /** @return lifetime failures, timeouts included */
        public long getFailures() {
            return this.stats.failures();
        }

        /** @return lifetime rejected calls */
        public long getRejections() {
            return this.stats.rejections();
        }

        /** @return lifetime calls that ran past the call timeout */
        public long getTimeouts() {
            return this.stats.timeouts();
        }

        /** @return lifetime slow calls */
        public long getSlowCalls() {
            return this.stats.slowCalls();
        }

        /** @return failures in a row */
        public long getConsecutiveFailures() {
            return this.stats.consecutiveFailures();
        }

        /** @return successes in a row */
        public long getConsecutiveSuccesses() {
            return this.stats.consecutiveSuccesses();
        }

        /** @return when the last failure was recorded (ISO-8601), or {@code null} */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public @Nullable String getLastFailureAt() {
            return format(this.stats.lastFailureAt());
        }

        /** @return when the last success was recorded (ISO-8601), or {@code null} */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public @Nullable String getLastSuccessAt() {
            return format(this.stats.lastSuccessAt());
        }

        /** @return how many times the breaker opened */
        public long getOpens() {
            return this.stats.opens();
        }

        /** @return half-open periods that closed the breaker */
        public long getSuccessfulRecoveries() {
            return this.stats.successfulRecoveries();
        }

        /** @return half-open periods that re-opened the breaker */
        public long getFailedRecoveries() {
            return this.stats.failedRecoveries();
        }

        /** @return total seconds spent OPEN or FORCED_OPEN, with millisecond precision */
        public double getTimeInOpenSeconds() {
            return this.stats.timeInOpen().toMillis() / 1000.0;
        }

    }

    /**
     * A named breaker in detail: its statistics, its effective configuration, when it has keyed
     * children their count, the keys that are open or half-open and their calls summed, and with a
     * state store that has an open quorum how far the breaker is from opening for every instance.
     * The breaker's own statistics count only calls made without a key.
     */
    public static final class BreakerDetailDescriptor extends BreakerDescriptor {

        private final Map<String, @Nullable Object> config;

        private final @Nullable Instant windowReset;

        private final @Nullable KeysDescriptor keys;

        private final @Nullable ChildrenDescriptor children;

        private final @Nullable OpenQuorum shared;

        BreakerDetailDescriptor(CircuitBreaker breaker, @Nullable ChildrenDescriptor children, StateStore store) {
            super(breaker.stats());
            this.config = new LinkedHashMap<>(breaker.config().toMap());
            this.windowReset = breaker.windowResetAt();
            this.keys = (breaker.childCount() > 0 || breaker.overflowChild().isPresent()) ? new KeysDescriptor(breaker)
                    : null;
            this.children = children;
            this.shared = store.openQuorum(new BreakerId(breaker.name(), null));
        }

        /** @return the effective settings by property name */
        @JsonInclude(content = JsonInclude.Include.ALWAYS)
        public Map<String, @Nullable Object> getConfig() {
            return this.config;
        }

        /**
         * @return when a new configuration changed the window's type or size, so that the window
         * started empty (ISO-8601), or {@code null}
         */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public @Nullable String getWindowReset() {
            return format(this.windowReset);
        }

        /** @return the keyed children, or {@code null} when there are none */
        public @Nullable KeysDescriptor getKeys() {
            return this.keys;
        }

        /** @return the calls of the keyed children, summed, or {@code null} when none has had a call */
        public @Nullable ChildrenDescriptor getChildren() {
            return this.children;
        }

        /**
         * @return the instances that tripped the breaker within its last open wait and the open
         *         quorum, or {@code null} when the state store is not shared
         */
        public @Nullable OpenQuorum getShared() {
            return this.shared;
        }

    }

    /**
     * The keyed children of a breaker. A FORCED_OPEN child is listed with the open ones: it
     * rejects calls just the same. At most {@value #MAX_LISTED_KEYS} keys are listed per
     * state, in order, each cut to {@value UntrustedText#MAX_LENGTH} characters; the totals count
     * them all.
     *
     * @param count how many children are live
     * @param open the first keys of the OPEN or FORCED_OPEN children
     * @param openTotal how many children are OPEN or FORCED_OPEN
     * @param halfOpen the first keys of the HALF_OPEN children
     * @param halfOpenTotal how many children are HALF_OPEN
     * @param overflow the child that new keys share while every slot holds a child that must be
     *        kept (addressed as key {@code (overflow)}), or {@code null} when there has been none
     */
    public record KeysDescriptor(int count, List<String> open, int openTotal, List<String> halfOpen,
            int halfOpenTotal, @Nullable BreakerDescriptor overflow) {

        KeysDescriptor(CircuitBreaker breaker) {
            this(breaker.childCount(), keys(breaker, CircuitState.OPEN, CircuitState.FORCED_OPEN),
                    keys(breaker, CircuitState.HALF_OPEN, CircuitState.HALF_OPEN),
                    breaker.overflowChild().map((child) -> new BreakerDescriptor(child.stats())).orElse(null));
        }

        private KeysDescriptor(int count, List<String> open, List<String> halfOpen,
                @Nullable BreakerDescriptor overflow) {
            this(count, listed(open), open.size(), listed(halfOpen), halfOpen.size(), overflow);
        }

        private static List<String> keys(CircuitBreaker breaker, CircuitState state, CircuitState alsoState) {
            return breaker.children()
                .stream()
                .filter((child) -> {
                    CircuitState current = child.state();
                    return current == state || current == alsoState;
                })
                .map(CircuitBreaker::key)
                .toList();
        }

        private static List<String> listed(List<String> keys) {
            return keys.stream()
                .sorted(Comparator.naturalOrder())
                .limit(MAX_LISTED_KEYS)
                .map(UntrustedText::bounded)
                .toList();
        }

    }

    /**
     * The calls of a breaker's keyed children, summed since the endpoint was created, evicted
     * children included, as the meters count them under the breaker's name.
     *
     * @param calls calls that ran: successes, failures and ignored calls
     * @param successes successful calls
     * @param failures failed calls, timeouts included
     * @param rejections rejected calls
     */
    public record ChildrenDescriptor(long calls, long successes, long failures, long rejections) {
    }

}
