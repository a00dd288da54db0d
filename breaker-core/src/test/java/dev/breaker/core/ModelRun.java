package dev.breaker.core;

import dev.breaker.core.ModelOp.Outcome;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Supplier;

/**
 * Runs one sequence of {@link ModelOp}s through a real {@link CircuitBreaker} on a
 * {@link ManualClock} and through a {@link ReferenceBreaker}, comparing them after every step.
 */
final class ModelRun {

    /** Compares the engine with the model after a step. */
    @FunctionalInterface
    interface Check {

        /** @return a description of what differs, or {@code null} when they agree */
        String compare(ReferenceBreaker model, CircuitBreaker engine, List<String> engineTransitions);
    }

    /** A sequence that went wrong: at which step, and how. */
    record Mismatch(int step, String message) {
    }

    /** A call kept in flight: the engine's ticket and the model's admission. */
    private record Pending(long ticket, ReferenceBreaker.Admitted admitted) {
    }

    private ModelRun() {
    }

    /**
     * @param config the configuration of both
     * @param jitterSeed seeds the jitter both draw from, in the same order, and the clock's start
     * @param ops the steps
     * @param check the comparison made after every step
     * @return the first mismatch, or {@code null}
     */
    static Mismatch run(CircuitBreakerConfig config, long jitterSeed, List<ModelOp> ops, Check check) {
        return run(config, jitterSeed, ops, check, true);
    }

    /**
     * @param config the configuration of both
     * @param jitterSeed seeds the jitter both draw from, in the same order, and the clock's start
     * @param ops the steps
     * @param check the comparison
     * @param everyStep whether to compare after every step, or only at {@link ModelOp.Type#READ} steps
     *     and at the end, so that nothing reads the engine between other steps
     * @return the first mismatch, or {@code null}
     */
    static Mismatch run(CircuitBreakerConfig config, long jitterSeed, List<ModelOp> ops, Check check,
            boolean everyStep) {
        ManualClock clock = new ManualClock(Instant.ofEpochMilli(Math.floorMod(jitterSeed, 10_000L)));
        List<String> transitions = new ArrayList<>();
        Random engineJitter = new Random(jitterSeed);
        CircuitBreaker engine = CircuitBreaker.builder("model").config(config).clock(clock)
                .random(engineJitter::nextDouble)
                .listener(new CircuitBreakerListener() {
                    @Override
                    public void onStateTransition(StateTransition t) {
                        transitions.add(t.from() + "->" + t.to() + "@" + t.at().toEpochMilli()
                                + (t.nextRetryAt() == null ? "" : " retry=" + t.nextRetryAt().toEpochMilli()));
                    }
                })
                .build();
        ReferenceBreaker model = new ReferenceBreaker(config, clock.millis(), new Random(jitterSeed));
        List<Pending> pending = new ArrayList<>();
        for (int i = 0; i < ops.size(); i++) {
            String problem;
            try {
                problem = apply(ops.get(i), clock, engine, model, pending);
            }
            catch (RuntimeException | Error ex) {
                problem = "the step threw " + ex;
            }
            if (problem == null && (everyStep || ops.get(i).type() == ModelOp.Type.READ || i == ops.size() - 1)) {
                problem = check.compare(model, engine, transitions);
            }
            if (problem != null) {
                return new Mismatch(i, problem);
            }
        }
        return null;
    }

    private static String apply(ModelOp op, ManualClock clock, CircuitBreaker engine, ReferenceBreaker model,
            List<Pending> pending) {
        switch (op.type()) {
            case ADVANCE -> {
                clock.advanceMillis(op.millis());
                model.advance(op.millis());
            }
            case RESET -> {
                engine.reset();
                model.reset();
            }
            case FORCE_OPEN -> {
                engine.forceOpen();
                model.forceOpen();
            }
            case FORCE_CLOSE -> {
                engine.forceClose();
                model.forceClose();
            }
            case READ -> model.settle();
            case CALL -> {
                boolean rejected = false;
                long shadowBefore = engine.stats().shadowRejections();
                try {
                    through(engine, op.index(), () -> {
                        clock.advanceMillis(op.millis());
                        return complete(op.outcome());
                    });
                }
                catch (CircuitOpenException ex) {
                    rejected = true;
                }
                catch (ModelOp.ModelFailure | ModelOp.ModelIgnored | ModelOp.ModelOther | ModelOp.ModelError ex) {
                    // the call's own outcome
                }
                if (engine.stats().shadowRejections() > shadowBefore) {
                    // shadow mode ran a call it rejects: the model, enforcing, rejects it and sees the time pass
                    if (model.acquire() != null) {
                        return "engine rejected the call (in shadow), model admitted it";
                    }
                    model.advance(op.millis());
                    break;
                }
                ReferenceBreaker.Admitted admitted = model.acquire();
                if (admitted != null) {
                    model.now += op.millis();
                    model.finish(admitted, op.outcome(), op.millis() * 1_000_000L);
                }
                if (rejected != (admitted == null)) {
                    return "engine " + (rejected ? "rejected" : "admitted") + " the call, model "
                            + (admitted == null ? "rejected" : "admitted") + " it";
                }
            }
            case BEGIN -> {
                Long ticket;
                try {
                    ticket = engine.acquire();
                }
                catch (CircuitOpenException ex) {
                    ticket = null;
                }
                if (ticket != null && ticket < 0) {
                    // shadow mode runs a call it rejects: here it ends at once, counted as a shadow rejection
                    engine.record(ticket, CallOutcome.SUCCESS, 0, null);
                    ticket = null;
                }
                ReferenceBreaker.Admitted admitted = model.acquire();
                if ((ticket == null) != (admitted == null)) {
                    return "engine " + (ticket == null ? "rejected" : "admitted") + " the call, model "
                            + (admitted == null ? "rejected" : "admitted") + " it";
                }
                if (ticket != null) {
                    pending.add(new Pending(ticket, admitted));
                }
            }
            case END -> {
                if (!pending.isEmpty()) {
                    Pending call = pending.remove(op.index() % pending.size());
                    long nanos = (clock.millis() - call.admitted().startedAt()) * 1_000_000L;
                    switch (op.outcome()) {
                        case SUCCESS -> engine.record(call.ticket(), CallOutcome.SUCCESS, nanos, null);
                        case TIMEOUT -> engine.record(call.ticket(), CallOutcome.TIMEOUT, nanos, null);
                        case CANCELLED -> engine.record(call.ticket(), CallOutcome.IGNORED, nanos, null);
                        default -> engine.recordError(call.ticket(), nanos, error(op.outcome()));
                    }
                    model.finish(call.admitted(), op.outcome(), nanos);
                }
            }
        }
        return null;
    }

    /** Runs a call through one of the engine's methods; throws what the call threw, or the rejection. */
    private static void through(CircuitBreaker engine, int how, Supplier<Object> call) {
        switch (how % 5) {
            case 0 -> engine.get(call);
            case 1 -> engine.run(call::get);
            case 2 -> Unchecked.get(() -> engine.call(call::get));
            case 3 -> Unchecked.get(() -> engine.execute(call::get));
            default -> {
                CompletableFuture<Object> result = engine.executeAsync(() -> {
                    try {
                        return CompletableFuture.completedFuture(call.get());
                    }
                    catch (RuntimeException | Error ex) {
                        return CompletableFuture.failedFuture(ex);
                    }
                }).toCompletableFuture();
                if (!result.isDone()) {
                    throw new AssertionError("an asynchronous call that completed at once is still pending");
                }
                try {
                    result.join();
                }
                catch (CompletionException ex) {
                    throw Unchecked.sneaky(ex.getCause());
                }
            }
        }
    }

    private static Object complete(Outcome outcome) {
        if (outcome == Outcome.SUCCESS) {
            return "ok";
        }
        Throwable error = error(outcome);
        if (error instanceof Error e) {
            throw e;
        }
        throw (RuntimeException) error;
    }

    private static Throwable error(Outcome outcome) {
        return switch (outcome) {
            case FAILURE -> new ModelOp.ModelFailure();
            case IGNORED -> new ModelOp.ModelIgnored();
            case OTHER -> new ModelOp.ModelOther();
            case ERROR -> new ModelOp.ModelError();
            default -> throw new IllegalArgumentException("not thrown: " + outcome);
        };
    }

    /** The full comparison: state, retry time, window, rates, lifetime counts and transitions. */
    static String compareAll(ReferenceBreaker model, CircuitBreaker engine, List<String> engineTransitions) {
        CircuitBreakerStats s = engine.stats();
        long[] w = model.windowCounts();
        Long modelRetryAt = model.state == CircuitState.OPEN ? model.openUntil : null;
        Map<String, Object[]> fields = new LinkedHashMap<>();
        fields.put("state()", pair(engine.state(), model.state));
        fields.put("stats.state", pair(s.state(), model.state));
        fields.put("nextRetryAt()", pair(millis(engine.nextRetryAt()), modelRetryAt));
        fields.put("retryAfter()", pair(engine.retryAfter().toMillis(),
                modelRetryAt == null ? 0L : modelRetryAt - model.now));
        fields.put("stats.nextRetryAt", pair(millis(s.nextRetryAt()), modelRetryAt));
        fields.put("stats.retryAfter", pair(s.retryAfter().toMillis(),
                modelRetryAt == null ? 0L : modelRetryAt - model.now));
        fields.put("windowCalls", pair(s.windowCalls(), w[0]));
        fields.put("windowFailures", pair(s.windowFailures(), w[1]));
        fields.put("windowSlowCalls", pair(s.windowSlowCalls(), w[2]));
        fields.put("failureRate", pair(s.failureRate(), w[0] == 0 ? 0.0 : (double) w[1] / w[0]));
        fields.put("slowCallRate", pair(s.slowCallRate(), w[0] == 0 ? 0.0 : (double) w[2] / w[0]));
        fields.put("healthScore", pair(s.healthScore(), w[0] == 0 ? 1.0 : (double) (w[0] - w[1]) / w[0]));
        fields.put("calls", pair(s.calls(), model.successes + model.failures + model.ignored));
        fields.put("successes", pair(s.successes(), model.successes));
        fields.put("failures", pair(s.failures(), model.failures));
        fields.put("ignored", pair(s.ignored(), model.ignored));
        // in shadow mode the engine runs what the model, enforcing, rejects: the same count, named apart
        fields.put("rejections", pair(s.rejections() + s.shadowRejections(), model.rejections));
        fields.put("timeouts", pair(s.timeouts(), model.timeouts));
        fields.put("slowCalls", pair(s.slowCalls(), model.slowCalls));
        fields.put("consecutiveFailures", pair(s.consecutiveFailures(), model.consecutiveFailures));
        fields.put("consecutiveSuccesses", pair(s.consecutiveSuccesses(), model.consecutiveSuccesses));
        fields.put("lastFailureAt", pair(millis(s.lastFailureAt()), model.lastFailureAt));
        fields.put("lastSuccessAt", pair(millis(s.lastSuccessAt()), model.lastSuccessAt));
        fields.put("opens", pair(s.opens(), model.opens));
        fields.put("successfulRecoveries", pair(s.successfulRecoveries(), model.successfulRecoveries));
        fields.put("failedRecoveries", pair(s.failedRecoveries(), model.failedRecoveries));
        fields.put("timeInOpen", pair(s.timeInOpen().toMillis(), model.timeInOpenNow()));
        fields.put("transitions", pair(engineTransitions, model.transitions));
        StringBuilder diff = new StringBuilder();
        fields.forEach((name, values) -> {
            if (!Objects.equals(values[0], values[1])) {
                diff.append("\n    ").append(name).append(": engine ").append(values[0]).append(", model ")
                        .append(values[1]);
            }
        });
        return diff.isEmpty() ? null : diff.toString();
    }

    private static Object[] pair(Object engine, Object model) {
        return new Object[] {engine, model};
    }

    private static Long millis(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }
}
