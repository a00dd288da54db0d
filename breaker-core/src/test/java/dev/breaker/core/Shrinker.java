package dev.breaker.core;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;

/**
 * Shrinks a failing sequence of {@link ModelOp}s: drops chunks of halving size, then single
 * steps, merges adjacent time steps, then makes times and indexes simpler, for as long as the
 * sequence still fails.
 */
final class Shrinker {

    private Shrinker() {
    }

    /**
     * @param ops a sequence that fails
     * @param fails whether a sequence still fails
     * @return a sequence that still fails and from which no single simplification keeps it failing
     */
    static List<ModelOp> shrink(List<ModelOp> ops, Predicate<List<ModelOp>> fails) {
        List<ModelOp> current = List.copyOf(ops);
        boolean progress = true;
        while (progress) {
            progress = false;
            for (int chunk = Math.max(1, current.size() / 2); chunk >= 1; chunk /= 2) {
                int start = 0;
                while (start + chunk <= current.size()) {
                    List<ModelOp> candidate = new ArrayList<>(current.subList(0, start));
                    candidate.addAll(current.subList(start + chunk, current.size()));
                    if (fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    }
                    else {
                        start += chunk;
                    }
                }
            }
            for (int i = 0; i + 1 < current.size(); i++) {
                ModelOp first = current.get(i);
                ModelOp second = current.get(i + 1);
                if (first.type() == ModelOp.Type.ADVANCE && second.type() == ModelOp.Type.ADVANCE) {
                    List<ModelOp> candidate = new ArrayList<>(current.subList(0, i));
                    candidate.add(ModelOp.advance(first.millis() + second.millis()));
                    candidate.addAll(current.subList(i + 2, current.size()));
                    if (fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                    }
                }
            }
            for (int i = 0; i < current.size(); i++) {
                for (ModelOp simpler : simpler(current.get(i))) {
                    List<ModelOp> candidate = new ArrayList<>(current);
                    candidate.set(i, simpler);
                    if (fails.test(candidate)) {
                        current = candidate;
                        progress = true;
                        break;
                    }
                }
            }
        }
        return current;
    }

    /** Simpler forms of one step, simplest first. */
    private static List<ModelOp> simpler(ModelOp op) {
        List<ModelOp> forms = new ArrayList<>();
        long millis = op.millis();
        if (millis > 0) {
            forms.add(op.withMillis(op.type() == ModelOp.Type.ADVANCE ? 1 : 0));
            if (millis / 2 > 1) {
                forms.add(op.withMillis(millis / 2));
            }
            if (millis > 1) {
                forms.add(op.withMillis(millis - 1));
            }
        }
        if (op.index() > 0) {
            forms.add(op.withIndex(0));
        }
        forms.remove(op);
        return forms;
    }

    /** @return the steps numbered one a line */
    static String describe(List<ModelOp> ops) {
        StringBuilder text = new StringBuilder();
        for (int i = 0; i < ops.size(); i++) {
            text.append("\n  ").append(i + 1).append(". ").append(ops.get(i));
        }
        return text.toString();
    }
}
