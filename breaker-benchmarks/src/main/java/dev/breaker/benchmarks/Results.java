package dev.breaker.benchmarks;

import java.util.List;
import java.util.Optional;

/** The figures of one run: the benchmarks' and the heap measurements'. */
record Results(List<Figure> figures, List<HeapRuns.Footprint> footprints) {

    /** @return the one-thread figure of a subject in a scenario */
    Optional<Figure> find(String scenario, String subject) {
        return find(scenario, subject, 1);
    }

    Optional<Figure> find(String scenario, String subject, int threads) {
        return figures.stream()
            .filter(f -> f.scenario().equals(scenario) && f.subject().equals(subject) && f.threads() == threads)
            .findFirst();
    }

    List<Figure> scenario(String scenario) {
        return figures.stream().filter(f -> f.scenario().equals(scenario)).toList();
    }

    Optional<HeapRuns.Footprint> footprint(String subject) {
        return footprints.stream().filter(f -> f.subject().equals(subject)).findFirst();
    }
}
