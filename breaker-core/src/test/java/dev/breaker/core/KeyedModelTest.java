package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.breaker.core.ModelOp.Outcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The model test for keyed children: random sequences of keyed calls, time steps, sweeps and
 * operator actions on a named breaker with few slots, checked after every step against a
 * {@link ReferenceBreaker} per child and against the rules of keyed isolation:
 * <ul>
 * <li>a keyed call goes through the child of its key, or through the overflow child only while
 *     every slot holds a child that must be kept; never through the named breaker;
 * <li>no more than {@code keys.max-keys} children live at once;
 * <li>a child is forgotten only when it holds no traffic back (CLOSED, or past its retry time and
 *     then idle), a sweep forgets only idle ones, and a forgotten child never comes back;
 * <li>every live child agrees with its reference model on state and counts.
 * </ul>
 * Seed: {@code -Dbreaker.model.seed=N}; sequences: {@code -Dbreaker.model.keyedSequences=N}.
 */
class KeyedModelTest {

    private static final int KEYS = 10;

    @Test
    void keyedChildrenAgreeWithTheirModelsAndKeepIsolationWhateverKeysEvictionAndTimeDo() {
        long seed = Long.getLong("breaker.model.seed", System.nanoTime());
        int sequences = Integer.getInteger("breaker.model.keyedSequences", 3_000);
        Random seeds = new Random(seed);
        for (int sequence = 0; sequence < sequences; sequence++) {
            long sequenceSeed = seeds.nextLong();
            String problem = run(new Random(sequenceSeed));
            assertThat(problem).as("seed %d, sequence %d, sequence seed %d", seed, sequence, sequenceSeed).isNull();
        }
    }

    private static CircuitBreakerConfig config(Random r) {
        long wait = 1 + r.nextInt(5_000);
        return CircuitBreakerConfig.builder()
            .countWindow(1 + r.nextInt(5)).minimumCalls(1).failureRateThreshold(1.0)
            .consecutiveFailuresThreshold(1 + r.nextInt(3))
            .waitInOpen(Duration.ofMillis(wait)).backoffMaxWait(Duration.ofMillis(wait * 4)).backoffJitter(0)
            .halfOpenPermittedCalls(1).halfOpenSuccessThreshold(1 + r.nextInt(2))
            .halfOpenMaxWait(Duration.ofMillis(1 + r.nextInt(10_000)))
            .maxKeys(2 + r.nextInt(5)).keyIdleExpiry(Duration.ofMillis(1 + r.nextInt(10_000)))
            .build();
    }

    /** @return what went wrong, or {@code null} */
    private static String run(Random r) {
        CircuitBreakerConfig config = config(r);
        ManualClock clock = new ManualClock();
        CircuitBreaker parent = CircuitBreakerRegistry.builder().clock(clock).config("bot", config).build()
            .breaker("bot");
        long idle = config.keyIdleExpiry().toMillis();
        Map<CircuitBreaker, ReferenceBreaker> models = new IdentityHashMap<>();
        Set<CircuitBreaker> forgotten = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        int steps = 1 + r.nextInt(120);
        List<String> log = new ArrayList<>();
        for (int step = 0; step < steps; step++) {
            Set<CircuitBreaker> before = live(parent);
            int roll = r.nextInt(100);
            String key = "user-" + r.nextInt(KEYS);
            String op;
            boolean sweep = false;
            if (roll < 55) {
                boolean fails = r.nextInt(3) == 0;
                op = (fails ? "fail " : "succeed ") + key;
                CircuitBreaker child = parent.child(key);
                if (forgotten.contains(child)) {
                    return problem(log, op, "a forgotten child came back for " + key);
                }
                if (child == parent) {
                    return problem(log, op, "the call went through the named breaker");
                }
                if (CircuitBreaker.OVERFLOW_KEY.equals(child.key())) {
                    long now = clock.millis();
                    List<String> droppable = live(parent).stream()
                        .filter(c -> !holdsTraffic(models.get(c), c.lastAccessMillis, now, idle))
                        .map(CircuitBreaker::key).toList();
                    if (!droppable.isEmpty()) {
                        return problem(log, op, "new key shared the overflow child while " + droppable
                                + " could have made room");
                    }
                }
                else if (!key.equals(child.key())) {
                    return problem(log, op, "went through the child of " + child.key());
                }
                ReferenceBreaker model = models.computeIfAbsent(child,
                        c -> new ReferenceBreaker(config, clock.millis(), new Random(0)));
                boolean rejected = false;
                try {
                    child.get(() -> {
                        if (fails) {
                            throw new IllegalStateException("down");
                        }
                        return "ok";
                    });
                }
                catch (CircuitOpenException ex) {
                    rejected = true;
                }
                catch (IllegalStateException ex) {
                    // the failure itself
                }
                ReferenceBreaker.Admitted admitted = model.acquire();
                if (admitted != null) {
                    model.finish(admitted, fails ? Outcome.FAILURE : Outcome.SUCCESS, 0);
                }
                if (rejected != (admitted == null)) {
                    return problem(log, op, "engine " + (rejected ? "rejected" : "admitted") + ", model did not");
                }
            }
            else if (roll < 85) {
                long millis = pick(r, 1, idle - 1, idle, idle + 1, config.waitInOpen().toMillis(),
                        1 + r.nextInt(20_000));
                op = "advance " + millis;
                clock.advanceMillis(Math.max(1, millis));
                models.values().forEach(model -> model.advance(Math.max(1, millis)));
            }
            else if (roll < 93) {
                op = "sweep";
                sweep = true;
                parent.evictIdleChildren();
            }
            else {
                Map<String, CircuitBreaker> byKey = live(parent).stream()
                    .collect(Collectors.toMap(CircuitBreaker::key, c -> c));
                CircuitBreaker child = byKey.get(key);
                if (child == null) {
                    op = "no operator action on " + key;
                }
                else {
                    boolean open = r.nextBoolean();
                    op = (open ? "force-open " : "reset ") + key;
                    if (open) {
                        child.forceOpen();
                        models.get(child).forceOpen();
                    }
                    else {
                        child.reset();
                        models.get(child).reset();
                    }
                }
            }
            log.add(op);
            String problem = check(parent, before, forgotten, models, config, clock.millis(), sweep);
            if (problem != null) {
                return problem(log, op, problem);
            }
        }
        return null;
    }

    private static String check(CircuitBreaker parent, Set<CircuitBreaker> before, Set<CircuitBreaker> forgotten,
            Map<CircuitBreaker, ReferenceBreaker> models, CircuitBreakerConfig config, long now, boolean sweep) {
        long idle = config.keyIdleExpiry().toMillis();
        Set<CircuitBreaker> after = live(parent);
        if (after.size() > config.maxKeys()) {
            return after.size() + " children live, more than keys.max-keys " + config.maxKeys();
        }
        if (parent.stats().calls() != 0 || parent.stats().rejections() != 0) {
            return "the named breaker counted calls: " + parent.stats();
        }
        for (CircuitBreaker child : before) {
            if (!after.contains(child)) {
                if (holdsTraffic(models.get(child), child.lastAccessMillis, now, idle)) {
                    return "forgot " + child.key() + " while it holds traffic back: " + child;
                }
                if (sweep && now - child.lastAccessMillis < idle) {
                    return "a sweep forgot " + child.key() + ", which was not idle";
                }
                forgotten.add(child);
            }
        }
        List<CircuitBreaker> compared = new ArrayList<>(after);
        parent.overflowChild().ifPresent(compared::add);
        for (CircuitBreaker child : compared) {
            ReferenceBreaker model = models.get(child);
            if (model == null) {
                continue;
            }
            model.settle();
            CircuitBreakerStats stats = child.stats();
            if (stats.state() != model.state || stats.successes() != model.successes
                    || stats.failures() != model.failures || stats.rejections() != model.rejections) {
                return child.key() + ": engine " + stats.state() + " " + stats.successes() + "/" + stats.failures()
                        + "/" + stats.rejections() + ", model " + model.state + " " + model.successes + "/"
                        + model.failures + "/" + model.rejections;
            }
        }
        return null;
    }

    /**
     * The rule for keeping a child, applied to its model: FORCED_OPEN until released; OPEN and
     * HALF_OPEN until past the retry time and then idle for {@code keys.idle-expiry}.
     */
    private static boolean holdsTraffic(ReferenceBreaker model, long lastAccess, long now, long idle) {
        model.settle();
        long retryAt = switch (model.state) {
            case OPEN -> model.openUntil;
            case HALF_OPEN -> model.enteredAt;
            case FORCED_OPEN -> Long.MAX_VALUE;
            default -> Long.MIN_VALUE;
        };
        return retryAt != Long.MIN_VALUE && (now < retryAt || now - Math.max(lastAccess, retryAt) < idle);
    }

    private static Set<CircuitBreaker> live(CircuitBreaker parent) {
        Set<CircuitBreaker> live = java.util.Collections.newSetFromMap(new IdentityHashMap<>());
        live.addAll(parent.children());
        return live;
    }

    private static String problem(List<String> log, String op, String problem) {
        return problem + " at step " + (log.size() + 1) + " (" + op + ") after " + log;
    }

    private static long pick(Random r, long... values) {
        return values[r.nextInt(values.length)];
    }
}
