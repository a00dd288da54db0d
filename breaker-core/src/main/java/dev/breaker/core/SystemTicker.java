package dev.breaker.core;

import java.util.concurrent.locks.LockSupport;

/**
 * The system clock's coarse reading: one daemon thread refreshes {@link #now} every half
 * millisecond. It starts when the class is first used, that is when a breaker on the system
 * clock first reads its tick.
 */
final class SystemTicker {

    private static final long PERIOD_NANOS = 500_000;

    static volatile long now = System.currentTimeMillis();

    static {
        Thread thread = new Thread(SystemTicker::run, "breaker-clock-tick");
        thread.setDaemon(true);
        thread.start();
    }

    private SystemTicker() {
    }

    private static void run() {
        for (;;) {
            LockSupport.parkNanos(PERIOD_NANOS);
            now = System.currentTimeMillis();
        }
    }
}
