package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The last N recorded calls, lock-free.
 *
 * <p>A cursor hands each call a sequence number and so a slot; a slot holds two bits (failed,
 * slow), 32 slots to a {@code long}. Swapping a slot returns the outcome it replaces, and the
 * difference goes into one packed aggregate of failures (low 32 bits) and slow calls (high 32
 * bits). Because every value swapped in is swapped out exactly once, the aggregate always equals
 * what the slots hold once the writers have finished, however many race. A success that replaces
 * a success changes no slot, and a success into a full window of plain successes writes nothing
 * at all: the steady CLOSED path on many threads shares no written cache line.
 */
final class CountWindow extends SlidingWindow {

    private static final VarHandle CURSOR;
    private static final VarHandle AGGREGATE;
    private static final VarHandle WORDS = MethodHandles.arrayElementVarHandle(long[].class);

    static {
        try {
            MethodHandles.Lookup lookup = MethodHandles.lookup();
            CURSOR = lookup.findVarHandle(CountWindow.class, "cursor", long.class);
            AGGREGATE = lookup.findVarHandle(CountWindow.class, "aggregate", long.class);
        }
        catch (ReflectiveOperationException ex) {
            throw new ExceptionInInitializerError(ex);
        }
    }

    private final int size;
    private final long[] words;
    @SuppressWarnings("unused") // through CURSOR
    private volatile long cursor;
    @SuppressWarnings("unused") // through AGGREGATE
    private volatile long aggregate;

    CountWindow(int size) {
        this.size = size;
        this.words = new long[(size + 31) >>> 5];
    }

    @Override
    void record(boolean failure, boolean slow, long nowMillis) {
        int bits = (failure ? 1 : 0) | (slow ? 2 : 0);
        if (bits == 0 && (long) AGGREGATE.getVolatile(this) == 0 && (long) CURSOR.getVolatile(this) >= size) {
            return; // a full window of plain successes is the same whichever success rolls off: nothing to write
        }
        long seq = (long) CURSOR.getAndAdd(this, 1L);
        int old = swap((int) (seq % size), bits);
        if (old != bits) {
            AGGREGATE.getAndAdd(this, encode(bits) - encode(old));
        }
    }

    private int swap(int slot, int bits) {
        int word = slot >>> 5;
        int shift = (slot & 31) << 1;
        for (;;) {
            long current = (long) WORDS.getVolatile(words, word);
            int old = (int) (current >>> shift) & 3;
            if (old == bits) {
                return old;
            }
            long next = (current & ~(3L << shift)) | ((long) bits << shift);
            if (WORDS.compareAndSet(words, word, current, next)) {
                return old;
            }
        }
    }

    private static long encode(int bits) {
        return (bits & 1) + ((long) (bits >>> 1) << 32);
    }

    // Read the aggregate before the cursor: it holds only calls that took their slots before, so
    // failures read this way never exceed the total read with them.

    @Override
    WindowCounts counts(long nowMillis) {
        long packed = (long) AGGREGATE.getVolatile(this);
        long total = total(nowMillis);
        return new WindowCounts(total, Math.min(total, failuresOf(packed)), Math.min(total, slowOf(packed)));
    }

    @Override
    int tripDue(long nowMillis, int minimumCalls, double failureThreshold, double slowThreshold) {
        long packed = (long) AGGREGATE.getVolatile(this);
        long total = total(nowMillis);
        return tripDue(total, Math.min(total, failuresOf(packed)), Math.min(total, slowOf(packed)), minimumCalls,
                failureThreshold, slowThreshold);
    }

    private static long failuresOf(long packed) {
        return Math.max(0, (int) packed);
    }

    private static long slowOf(long packed) {
        return Math.max(0, (packed - (int) packed) >> 32);
    }

    @Override
    long total(long nowMillis) {
        return Math.min((long) CURSOR.getVolatile(this), size);
    }
}
