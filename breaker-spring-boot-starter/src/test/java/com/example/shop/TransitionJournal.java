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

    private final List<String> entries = new CopyOnWriteArrayList<>();

    @EventListener
    void onTransition(CircuitBreakerTransitionEvent event) {
        StateTransition transition = event.getTransition();
        String breaker = transition.breakerName() + ((transition.key() != null) ? "/" + transition.key() : "");
        this.entries.add(breaker + " " + transition.from() + " -> " + transition.to());
    }

    /** @return the transitions so far, for example {@code inventory CLOSED -> OPEN} */
    public List<String> entries() {
        return List.copyOf(this.entries);
    }

}
