package dev.breaker.core;

/**
 * One step of a model-based test sequence, applied alike to a {@link CircuitBreaker} and to a
 * {@link ReferenceBreaker}.
 *
 * @param type what the step does
 * @param outcome how a call ends (for {@link Type#CALL} and {@link Type#END})
 * @param millis how long a call runs, or how far the clock moves
 * @param index which in-flight call an {@link Type#END} finishes (modulo the calls in flight); for a
 *     {@link Type#CALL}, which method runs it: get, run, call, execute or executeAsync (modulo 5)
 */
record ModelOp(Type type, Outcome outcome, long millis, int index) {

    /** What a step does. */
    enum Type {
        /** A call through {@code get}: admitted or rejected, runs {@code millis} on the clock, ends. */
        CALL,
        /** Asks for a permit by hand and keeps the call in flight. */
        BEGIN,
        /** Finishes a call kept in flight, by hand. */
        END,
        /** Moves the clock. */
        ADVANCE,
        RESET,
        FORCE_OPEN,
        FORCE_CLOSE,
        /** Reads the state; in a run that compares only where it reads, the one place it compares. */
        READ
    }

    /** How a call ends. */
    enum Outcome {
        SUCCESS,
        /** Throws {@link ModelFailure}, listed in record-exceptions when that list is set. */
        FAILURE,
        /** Throws {@link ModelIgnored}, listed in ignore-exceptions when that list is set. */
        IGNORED,
        /** Throws {@link ModelOther}, listed in neither list. */
        OTHER,
        /** Throws {@link ModelError}, an {@code Error}. */
        ERROR,
        /** Ran past the call timeout (by hand only). */
        TIMEOUT,
        /** Was cancelled (by hand only). */
        CANCELLED
    }

    static ModelOp call(Outcome outcome, long millis, int through) {
        return new ModelOp(Type.CALL, outcome, millis, through);
    }

    static ModelOp begin() {
        return new ModelOp(Type.BEGIN, null, 0, 0);
    }

    static ModelOp end(int index, Outcome outcome) {
        return new ModelOp(Type.END, outcome, 0, index);
    }

    static ModelOp advance(long millis) {
        return new ModelOp(Type.ADVANCE, null, millis, 0);
    }

    static ModelOp of(Type type) {
        return new ModelOp(type, null, 0, 0);
    }

    ModelOp withMillis(long newMillis) {
        return new ModelOp(type, outcome, newMillis, index);
    }

    ModelOp withIndex(int newIndex) {
        return new ModelOp(type, outcome, millis, newIndex);
    }

    @Override
    public String toString() {
        return switch (type) {
            case CALL -> "call " + outcome.name().toLowerCase() + " " + millis + "ms" + (index == 0 ? ""
                    : " through " + new String[] {"get", "run", "call", "execute", "executeAsync"}[index % 5]);
            case BEGIN -> "begin";
            case END -> "end #" + index + " " + outcome.name().toLowerCase();
            case ADVANCE -> "advance " + millis + "ms";
            case RESET -> "reset";
            case FORCE_OPEN -> "force-open";
            case FORCE_CLOSE -> "force-close";
            case READ -> "read";
        };
    }

    /** A failure that record-exceptions lists. */
    static final class ModelFailure extends RuntimeException {
        ModelFailure() {
            super("failure", null, false, false);
        }
    }

    /** An exception that ignore-exceptions lists. */
    static final class ModelIgnored extends RuntimeException {
        ModelIgnored() {
            super("ignored", null, false, false);
        }
    }

    /** An exception that neither list names. */
    static final class ModelOther extends RuntimeException {
        ModelOther() {
            super("other", null, false, false);
        }
    }

    /** An {@code Error}: always a failure. */
    static final class ModelError extends Error {
        ModelError() {
            super("error", null, false, false);
        }
    }
}
