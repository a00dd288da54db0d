package dev.breaker.core;

/**
 * One period of a breaker in one state. A breaker holds exactly one, replaced as a whole by a
 * compare-and-set on every transition, so a transition happens once however many threads race
 * to make it. The generation numbers the periods: a call remembers the generation that admitted
 * it, and an outcome whose period has ended counts in the statistics but changes no state.
 */
abstract sealed class BreakerState permits ClosedState, OpenState, HalfOpenState, ForcedOpenState, ForcedClosedState {

    final long generation;

    BreakerState(long generation) {
        this.generation = generation;
    }

    /** @return the window counts this state shows */
    abstract WindowCounts counts(long nowMillis);
}
