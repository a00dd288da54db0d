package dev.breaker.spring.actuate.endpoint;

import java.security.Principal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import com.fasterxml.jackson.annotation.JsonInclude;
import org.jspecify.annotations.Nullable;

import dev.breaker.core.BreakerMode;
import dev.breaker.core.BreakerOverride;
import dev.breaker.core.CircuitBreaker;
import dev.breaker.core.CircuitBreakerRegistry;
import dev.breaker.core.CircuitBreakerStats;
import dev.breaker.core.CircuitState;
import dev.breaker.core.StateTransition;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.OpenQuorum;
import dev.breaker.core.store.StateStore;
import dev.breaker.spring.event.UntrustedText;

import org.springframework.boot.actuate.endpoint.InvalidEndpointRequestException;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.SecurityContext;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * {@link Endpoint @Endpoint} that shows the circuit breakers of a {@link CircuitBreakerRegistry}
 * and lets operators reset, force open or force close them, for a while or until released, saying
 * why; the authenticated principal is recorded as who did it. Asking about a breaker or key that
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
            breakers.put(breaker.name(), new BreakerDescriptor(breaker));
        }
        return new CircuitBreakersDescriptor(new SummaryDescriptor(breakers), breakers);
    }

    /**
     * Return one named breaker in detail: its statistics, override, latest transitions,
     * effective configuration and keyed children.
     * @param name the breaker's name
     * @return the breaker, or {@code null} if there is no breaker of that name
     */
    @ReadOperation
    public @Nullable BreakerDetailDescriptor breaker(@Selector String name) {
        return this.registry.find(name).map(this::detail).orElse(null);
    }

    /**
     * Return one keyed child of a named breaker in detail.
     * @param name the breaker's name
     * @param key the child's key
     * @return the child, or {@code null} if there is no such breaker or key
     */
    @ReadOperation
    public @Nullable BreakerDetailDescriptor child(@Selector String name, @Selector String key) {
        return this.registry.find(name, key).map(this::detail).orElse(null);
    }

    /**
     * Apply an action to a named breaker.
     * @param name the breaker's name
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @param duration how long a force lasts, from {@code 1s} to {@code 7d}; until released when absent
     * @param reason why, at most 200 characters
     * @param securityContext who asks
     * @return the breaker after the action, or {@code null} if there is no breaker of that name
     * @throws InvalidEndpointRequestException if the breaker exists and a field is missing or not allowed
     */
    @WriteOperation
    public @Nullable BreakerDetailDescriptor operate(@Selector String name, @Nullable String action,
            @Nullable String duration, @Nullable String reason, SecurityContext securityContext) {
        return this.registry.find(name)
            .map((breaker) -> apply(BreakerOperation.of(action, duration, reason, nameOf(securityContext)), breaker))
            .orElse(null);
    }

    /**
     * Apply an action to a keyed child of a named breaker.
     * @param name the breaker's name
     * @param key the child's key
     * @param action {@code reset}, {@code force-open} or {@code force-close}
     * @param duration how long a force lasts, from {@code 1s} to {@code 7d}; until released when absent
     * @param reason why, at most 200 characters
     * @param securityContext who asks
     * @return the child after the action, or {@code null} if there is no such breaker or key
     * @throws InvalidEndpointRequestException if the breaker exists and a field is missing or not allowed
     */
    @WriteOperation
    public @Nullable BreakerDetailDescriptor operateChild(@Selector String name, @Selector String key,
            @Nullable String action, @Nullable String duration, @Nullable String reason,
            SecurityContext securityContext) {
        return this.registry.find(name, key)
            .map((child) -> apply(BreakerOperation.of(action, duration, reason, nameOf(securityContext)), child))
            .orElse(null);
    }

    private BreakerDetailDescriptor apply(BreakerOperation operation, CircuitBreaker breaker) {
        operation.applyTo(breaker);
        return detail(breaker);
    }

    private BreakerDetailDescriptor detail(CircuitBreaker breaker) {
        return new BreakerDetailDescriptor(breaker,
                (breaker.key() == null) ? this.childrenTotals.of(breaker.name()) : null, this.registry.stateStore());
    }

    private static @Nullable String nameOf(SecurityContext securityContext) {
        Principal principal = securityContext.getPrincipal();
        return (principal != null) ? principal.getName() : null;
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

        private final BreakerMode mode;

        BreakerDescriptor(CircuitBreaker breaker) {
            this.stats = breaker.stats();
            this.mode = breaker.config().mode();
        }

        /** @return the state, for example {@code OPEN} */
        public String getState() {
            return this.stats.state().name();
        }

        /** @return {@code enforce}, or {@code shadow} for a breaker that runs every call and counts what it would reject */
        public String getMode() {
            return this.mode.name().toLowerCase(Locale.ROOT);
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

        /** @return lifetime calls that a breaker in shadow mode ran although it would have rejected them */
        public long getShadowRejections() {
            return this.stats.shadowRejections();
        }

    }

    /**
     * A named breaker or a keyed child in detail: its statistics, the operator's override, its
     * latest transitions, its effective configuration, for a named breaker with keyed children
     * their count, the keys that are open or half-open and their calls summed, and with a state
     * store that has an open quorum how far the breaker is from opening for every instance. The
     * breaker's own statistics count only calls made without a key.
     */
    public static final class BreakerDetailDescriptor extends BreakerDescriptor {

        private final @Nullable OverrideDescriptor override;

        private final List<TransitionDescriptor> lastTransitions;

        private final Map<String, @Nullable Object> config;

        private final @Nullable Instant windowReset;

        private final @Nullable KeysDescriptor keys;

        private final @Nullable ChildrenDescriptor children;

        private final @Nullable OpenQuorum shared;

        BreakerDetailDescriptor(CircuitBreaker breaker, @Nullable ChildrenDescriptor children, StateStore store) {
            super(breaker);
            this.override = breaker.override().map(OverrideDescriptor::new).orElse(null);
            this.lastTransitions = breaker.lastTransitions().stream().map(TransitionDescriptor::new).toList();
            this.config = new LinkedHashMap<>(breaker.config().toMap());
            this.windowReset = breaker.windowResetAt();
            this.keys = (breaker.childCount() > 0 || breaker.overflowChild().isPresent()) ? new KeysDescriptor(breaker)
                    : null;
            this.children = children;
            this.shared = (breaker.key() == null) ? store.openQuorum(new BreakerId(breaker.name(), null)) : null;
        }

        /** @return the operator's override the breaker is under, or {@code null} */
        @JsonInclude(JsonInclude.Include.ALWAYS)
        public @Nullable OverrideDescriptor getOverride() {
            return this.override;
        }

        /** @return the latest transitions, at most 20, newest first: why the breaker is in its state, and since when */
        public List<TransitionDescriptor> getLastTransitions() {
            return this.lastTransitions;
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
                    breaker.overflowChild().map(BreakerDescriptor::new).orElse(null));
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

    /**
     * An operator's override of a breaker.
     *
     * @param action {@code force-open} or {@code force-close}
     * @param reason why, as the operator said it, or {@code null}
     * @param by who, the authenticated principal's name, or {@code null}
     * @param at when it began (ISO-8601)
     * @param until when it ends by itself (ISO-8601), or {@code null} when only an operator ends it
     */
    public record OverrideDescriptor(String action, @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String reason,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String by, String at,
            @JsonInclude(JsonInclude.Include.ALWAYS) @Nullable String until) {

        OverrideDescriptor(BreakerOverride override) {
            this(((override.state() == CircuitState.FORCED_OPEN) ? BreakerAction.FORCE_OPEN : BreakerAction.FORCE_CLOSE)
                .value(), override.reason(), override.by(), override.at().toString(), format(override.until()));
        }

    }

    /**
     * A change of a breaker's state. The detail names what the reason measured, or the
     * operator's actor and reason, escaped and bounded as in the log.
     *
     * @param from the state left
     * @param to the state entered
     * @param reason why, such as {@code FAILURE_RATE} or {@code RETRY_AFTER}
     * @param detail the sentence the log line has, such as "failure rate 100% >= 50% over 4 calls"
     * @param at when (ISO-8601)
     */
    public record TransitionDescriptor(String from, String to, String reason, String detail, String at) {

        TransitionDescriptor(StateTransition transition) {
            this(transition.from().name(), transition.to().name(), transition.reason().name(),
                    UntrustedText.forLog(transition.detail(), UntrustedText.MAX_DETAIL_LENGTH),
                    transition.at().toString());
        }

    }

}
