package dev.breaker.core;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Remembers what a breaker reported, in order. */
final class RecordingListener implements CircuitBreakerListener {

    final List<StateTransition> transitions = new CopyOnWriteArrayList<>();
    final List<CallOutcome> outcomes = new CopyOnWriteArrayList<>();
    final List<Long> durations = new CopyOnWriteArrayList<>();
    final List<Throwable> errors = new CopyOnWriteArrayList<>();

    @Override
    public void onStateTransition(StateTransition transition) {
        transitions.add(transition);
    }

    @Override
    public void onCallOutcome(CircuitBreaker breaker, CallOutcome outcome, long durationNanos, Throwable error) {
        outcomes.add(outcome);
        durations.add(durationNanos);
        errors.add(error);
    }

    List<CircuitState> states() {
        return transitions.stream().map(StateTransition::to).toList();
    }

    List<TransitionReason> reasons() {
        return transitions.stream().map(StateTransition::reason).toList();
    }

    StateTransition last() {
        return transitions.get(transitions.size() - 1);
    }
}
