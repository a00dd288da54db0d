package dev.breaker.benchmarks;

import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.State;

/**
 * The 1,000,000 keys, made before anything is measured so that building a key string is not
 * part of a keyed call, and a thread's walk through them in an order that defeats the caches.
 */
public final class Keys {

    static final int COUNT = 1_000_000;

    private Keys() {
    }

    static String[] make(int count) {
        String[] keys = new String[count];
        for (int i = 0; i < count; i++) {
            keys[i] = "user-" + i;
        }
        return keys;
    }

    /** A thread's position in a pseudo-random walk through the keys (a xorshift sequence). */
    @State(Scope.Thread)
    public static class Cursor {

        private int x = 0x9E3779B9;

        int next() {
            x ^= x << 13;
            x ^= x >>> 17;
            x ^= x << 5;
            return (x & Integer.MAX_VALUE) % COUNT;
        }
    }
}
