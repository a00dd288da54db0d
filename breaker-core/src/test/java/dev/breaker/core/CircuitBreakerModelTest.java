package dev.breaker.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.breaker.core.ModelOp.Outcome;
import dev.breaker.core.ModelOp.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Model-based property test: random configurations and random sequences of calls, in-flight
 * calls, time steps and operator actions run through {@link CircuitBreaker} and through
 * {@link ReferenceBreaker}, compared after every step, and run again compared only where the
 * sequence reads (so that reading cannot hide a difference). A failing sequence is shrunk to a
 * minimal one and reported with its configuration and seed.
 *
 * <p>{@code -Dbreaker.model.seed=N} repeats a run; {@code -Dbreaker.model.sequences=N} sets
 * how many sequences it tries (30,000 by default).
 */
class CircuitBreakerModelTest {

    private static final double[] RATES = {0.1, 0.2, 0.25, 0.3, 0.5, 0.6, 0.7, 0.75, 0.9, 1.0};

    /** One generated case. */
    record Scenario(long seed, CircuitBreakerConfig config, List<ModelOp> ops) {
    }

    @Test
    void engineAgreesWithTheReferenceModel() {
        long seed = Long.getLong("breaker.model.seed", System.nanoTime());
        int sequences = Integer.getInteger("breaker.model.sequences", 30_000);
        System.out.println("CircuitBreakerModelTest seed " + seed + " (repeat with -Dbreaker.model.seed=" + seed
                + "), " + sequences + " sequences");
        Random master = new Random(seed);
        long steps = 0;
        for (int i = 0; i < sequences; i++) {
            Scenario scenario = scenario(master.nextLong());
            steps += scenario.ops().size();
            checkOrShrink(scenario, ModelRun::compareAll, "seed " + seed + ", sequence " + i);
        }
        System.out.println("CircuitBreakerModelTest ran " + sequences + " sequences, " + steps + " steps");
    }

    @Test
    void shadowModeDecidesExactlyAsTheReferenceModelEnforcingAndRunsWhatItWouldReject() {
        long seed = Long.getLong("breaker.model.seed", System.nanoTime());
        int sequences = Integer.getInteger("breaker.model.sequences", 30_000) / 3;
        Random master = new Random(seed);
        for (int i = 0; i < sequences; i++) {
            Scenario enforcing = scenario(master.nextLong());
            Scenario shadow = new Scenario(enforcing.seed(),
                    enforcing.config().toBuilder().mode(BreakerMode.SHADOW).build(), enforcing.ops());
            checkOrShrink(shadow, ModelRun::compareAll, "shadow mode, seed " + seed + ", sequence " + i);
        }
    }

    @Test
    void shrinkerReducesAWrongPropertyToAMinimalCase() {
        // "fewer than three failures, ever" is wrong; with no trip possible a minimal
        // counterexample is three failing calls that take no time, none of which can go
        CircuitBreakerConfig config = CircuitBreakerConfig.builder().countWindow(100).minimumCalls(100)
                .backoffJitter(0).build();
        ModelRun.Check wrong = (model, engine, transitions) -> engine.stats().failures() >= 3 ? "three failures"
                : null;
        Random random = new Random(42);
        for (int attempt = 0; attempt < 1_000; attempt++) {
            List<ModelOp> ops = ops(random, config);
            if (ops.size() < 20 || ModelRun.run(config, 7, ops, wrong) == null) {
                continue;
            }
            List<ModelOp> shrunk = Shrinker.shrink(ops, candidate -> ModelRun.run(config, 7, candidate, wrong) != null);
            // three failures, each a failing call or a begin-end pair, taking no time
            assertThat(shrunk).as("shrunk from %s", Shrinker.describe(ops)).hasSizeBetween(3, 6)
                    .allSatisfy(op -> assertThat(op.millis()).isZero())
                    .allSatisfy(op -> assertThat(op.type()).isIn(Type.CALL, Type.BEGIN, Type.END))
                    .allSatisfy(op -> assertThat(op.type() == Type.CALL ? op.index() : 0).isZero())
                    .noneMatch(op -> op.outcome() == Outcome.SUCCESS);
            assertThat(ModelRun.run(config, 7, shrunk, wrong)).isNotNull();
            for (int i = 0; i < shrunk.size(); i++) {
                List<ModelOp> without = new ArrayList<>(shrunk);
                without.remove(i);
                assertThat(ModelRun.run(config, 7, without, wrong)).as("without step %d", i + 1).isNull();
            }
            return;
        }
        fail("no generated sequence broke the wrong property");
    }

    private static void checkOrShrink(Scenario scenario, ModelRun.Check check, String where) {
        // once compared after every step, once only where the sequence reads: reading must change nothing
        for (boolean everyStep : new boolean[] {true, false}) {
            long jitterSeed = scenario.seed();
            ModelRun.Mismatch mismatch = ModelRun.run(scenario.config(), jitterSeed, scenario.ops(), check, everyStep);
            if (mismatch == null) {
                continue;
            }
            List<ModelOp> shrunk = Shrinker.shrink(scenario.ops(),
                    ops -> ModelRun.run(scenario.config(), jitterSeed, ops, check, everyStep) != null);
            ModelRun.Mismatch last = ModelRun.run(scenario.config(), jitterSeed, shrunk, check, everyStep);
            fail("Engine and model disagree (" + where + ", sequence seed " + scenario.seed() + ", compared "
                    + (everyStep ? "after every step" : "only at reads and at the end") + ")\n  config: "
                    + describe(scenario.config()) + "\n  minimal sequence (" + shrunk.size() + " of "
                    + scenario.ops().size() + " steps):" + Shrinker.describe(shrunk)
                    + "\n  after step " + (last.step() + 1) + ":" + indent(last.message()));
        }
    }

    private static String indent(String message) {
        return message.startsWith("\n") ? message : "\n    " + message;
    }

    private static String describe(CircuitBreakerConfig c) {
        return (c.slidingWindowType() == SlidingWindowType.COUNT ? "count window " + c.slidingWindowSize()
                : "time window " + c.slidingWindowDuration().toMillis() + "ms")
                + ", failure-rate-threshold " + c.failureRateThreshold() + ", minimum-calls " + c.minimumCalls()
                + ", consecutive-failures-threshold " + c.consecutiveFailuresThreshold()
                + ", slow-call-duration " + (c.slowCallDuration() == null ? "off" : c.slowCallDuration().toMillis()
                        + "ms, slow-call-rate-threshold " + c.slowCallRateThreshold())
                + ", wait-in-open " + c.waitInOpen().toMillis() + "ms, backoff " + c.backoffMultiplier() + "x up to "
                + c.backoffMaxWait().toMillis() + "ms, jitter " + c.backoffJitter()
                + ", half-open " + c.halfOpenSuccessThreshold() + " of " + c.halfOpenPermittedCalls()
                + " within " + c.halfOpenMaxWait().toMillis() + "ms"
                + ", record " + c.recordExceptions().stream().map(Class::getSimpleName).toList()
                + ", ignore " + c.ignoreExceptions().stream().map(Class::getSimpleName).toList();
    }

    // ---------------------------------------------------------------- generation

    static Scenario scenario(long seed) {
        Random random = new Random(seed);
        CircuitBreakerConfig config = config(random);
        return new Scenario(seed, config, ops(random, config));
    }

    private static final long YEAR = Duration.ofDays(365).toMillis();

    static CircuitBreakerConfig config(Random r) {
        CircuitBreakerConfig.Builder b = CircuitBreakerConfig.builder();
        if (r.nextBoolean()) {
            int size = 1 + r.nextInt(r.nextInt(4) == 0 ? 40 : 20);
            b.countWindow(size).minimumCalls(1 + r.nextInt(size));
        }
        else {
            long period = pick(r, 1, 19, 20, 21, 100, 999, 1000, 1 + r.nextInt(3000));
            b.timeWindow(Duration.ofMillis(period)).minimumCalls(1 + r.nextInt(8));
        }
        b.failureRateThreshold(rate(r));
        b.consecutiveFailuresThreshold(r.nextBoolean() ? 0 : 1 + r.nextInt(5));
        if (r.nextBoolean()) {
            b.slowCallDuration(Duration.ofMillis(1 + r.nextInt(50))).slowCallRateThreshold(rate(r));
        }
        // now and then the extremes validation allows: 1ms and 365 days
        long wait = r.nextInt(10) == 0 ? pick(r, 1, YEAR) : 1 + r.nextInt(2000);
        long maxWait = r.nextInt(10) == 0 ? YEAR : Math.min(YEAR, wait * (1 + r.nextInt(10)) + r.nextInt(100));
        b.waitInOpen(Duration.ofMillis(wait))
                .backoffMultiplier(new double[] {1.0, 1.5, 2.0, 3.7, 1e6}[r.nextInt(5)])
                .backoffMaxWait(Duration.ofMillis(maxWait))
                .backoffJitter(r.nextInt(3) == 0 ? new double[] {0.1, 0.5, 1.0}[r.nextInt(3)] : 0);
        int permitted = 1 + r.nextInt(4);
        // the success threshold may exceed the permits: they bound the trials in flight, not their total
        b.halfOpenPermittedCalls(permitted).halfOpenSuccessThreshold(1 + r.nextInt(permitted + 3))
                .halfOpenMaxWait(Duration.ofMillis(r.nextInt(10) == 0 ? pick(r, 1, YEAR) : 1 + r.nextInt(3000)));
        switch (r.nextInt(3)) {
            case 0 -> b.recordExceptions(ModelOp.ModelFailure.class);
            case 1 -> b.recordExceptions(ModelOp.ModelFailure.class, ModelOp.ModelIgnored.class);
            default -> b.recordExceptions(List.of());
        }
        if (r.nextInt(3) > 0) {
            b.ignoreExceptions(ModelOp.ModelIgnored.class);
        }
        return b.build();
    }

    private static double rate(Random r) {
        return r.nextInt(4) == 0 ? (1 + r.nextInt(100)) / 100.0 : RATES[r.nextInt(RATES.length)];
    }

    static List<ModelOp> ops(Random r, CircuitBreakerConfig c) {
        int n = 1 + r.nextInt(r.nextBoolean() ? 30 : 100);
        List<ModelOp> ops = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            int roll = r.nextInt(100);
            if (roll < 40) {
                ops.add(ModelOp.call(callOutcome(r), duration(r, c), r.nextInt(5)));
            }
            else if (roll < 52) {
                for (int k = r.nextInt(3) == 0 ? 2 + r.nextInt(4) : 1; k > 0; k--) {
                    ops.add(ModelOp.begin()); // now and then a burst, to fill the half-open permits
                }
            }
            else if (roll < 64) {
                Outcome outcome = r.nextInt(5) == 0 ? (r.nextBoolean() ? Outcome.TIMEOUT : Outcome.CANCELLED)
                        : callOutcome(r);
                ops.add(ModelOp.end(r.nextInt(4), outcome));
            }
            else if (roll < 92) {
                ops.add(ModelOp.advance(timeStep(r, c)));
            }
            else if (roll < 97) {
                ops.add(ModelOp.of(Type.READ));
            }
            else {
                ops.add(ModelOp.of(new Type[] {Type.RESET, Type.FORCE_OPEN, Type.FORCE_CLOSE}[r.nextInt(3)]));
            }
        }
        return ops;
    }

    private static Outcome callOutcome(Random r) {
        int roll = r.nextInt(100);
        return roll < 45 ? Outcome.SUCCESS : roll < 75 ? Outcome.FAILURE : roll < 85 ? Outcome.IGNORED
                : roll < 95 ? Outcome.OTHER : Outcome.ERROR;
    }

    private static long duration(Random r, CircuitBreakerConfig c) {
        if (r.nextInt(10) < 6) {
            return 0;
        }
        long slow = c.slowCallDuration() == null ? 10 : c.slowCallDuration().toMillis();
        long halfOpen = c.halfOpenMaxWait().toMillis();
        return Math.max(0, pick(r, slow - 1, slow, slow + 1, slow + 5, halfOpen - 1, halfOpen, 1 + r.nextInt(20)));
    }

    private static long timeStep(Random r, CircuitBreakerConfig c) {
        long bucket = c.slidingWindowType() == SlidingWindowType.TIME
                ? Math.max(1, (c.slidingWindowDuration().toMillis() + 19) / 20) : 1 + r.nextInt(10);
        long period = c.slidingWindowType() == SlidingWindowType.TIME ? c.slidingWindowDuration().toMillis()
                : 1 + r.nextInt(100);
        long wait = c.waitInOpen().toMillis();
        long halfOpen = c.halfOpenMaxWait().toMillis();
        return Math.max(1, pick(r, 1, bucket - 1, bucket, bucket + 1, period, period + bucket, wait - 1, wait,
                wait + 1, halfOpen - 1, halfOpen, halfOpen + 1, c.backoffMaxWait().toMillis(),
                1 + r.nextInt((int) Math.min(Integer.MAX_VALUE - 1, 2 * wait)), 1 + r.nextInt(50), 2 * YEAR));
    }

    private static long pick(Random r, long... values) {
        return values[r.nextInt(values.length)];
    }
}
