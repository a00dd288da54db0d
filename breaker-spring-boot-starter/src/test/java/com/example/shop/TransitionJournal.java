package com.example.shop;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.breaker.core.StateTransition;
import dev.breaker.spring.event.CircuitBreakerTransitionEvent;
import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;

/** Keeps the state transitions the application was told about, as an operator's page would. */
@Component
public class TransitionJournal {

    private final List<StateTransition> transitions = new CopyOnWriteArrayList<>();

    @EventListener
    void onTransition(CircuitBreakerTransitionEvent event) {
        this.transitions.add(event.getTransition());
    }

    /** @return the transitions so far, for example {@code inventory CLOSED -> OPEN} */
    public List<String> entries() {
        return this.transitions.stream().map(TransitionJournal::entry).toList();
    }

    /** @return the transitions so far, as the events carried them */
    public List<StateTransition> transitions() {
        return List.copyOf(this.transitions);
    }

    private static String entry(StateTransition transition) {
        String breaker = transition.breakerName() + ((transition.key() != null) ? "/" + transition.key() : "");
        return breaker + " " + transition.from() + " -> " + transition.to();
    }

}
