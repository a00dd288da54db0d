package dev.breaker.core;

import static org.assertj.core.api.Assertions.fail;

import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Runs a body on several threads that start together on a latch, and waits for them with a
 * bound: a thread that throws or a run that does not finish in time fails the test.
 */
final class Racers {

    /** The work of one thread. */
    @FunctionalInterface
    interface Body {
        void run(int thread) throws Exception;
    }

    private Racers() {
    }

    static void race(int threads, long timeoutSeconds, Body body) {
        CountDownLatch ready = new CountDownLatch(threads);
        CountDownLatch start = new CountDownLatch(1);
        CountDownLatch done = new CountDownLatch(threads);
        Queue<Throwable> errors = new ConcurrentLinkedQueue<>();
        Thread[] workers = new Thread[threads];
        for (int t = 0; t < threads; t++) {
            int index = t;
            workers[t] = new Thread(() -> {
                try {
                    ready.countDown();
                    if (!start.await(timeoutSeconds, TimeUnit.SECONDS)) {
                        throw new IllegalStateException("never started");
                    }
                    body.run(index);
                }
                catch (Throwable ex) {
                    errors.add(ex);
                }
                finally {
                    done.countDown();
                }
            }, "racer-" + t);
            workers[t].setDaemon(true);
            workers[t].start();
        }
        try {
            if (!ready.await(timeoutSeconds, TimeUnit.SECONDS)) {
                fail("the racers did not get ready within " + timeoutSeconds + "s");
            }
            start.countDown();
            if (!done.await(timeoutSeconds, TimeUnit.SECONDS)) {
                for (Thread worker : workers) {
                    worker.interrupt();
                }
                fail("the racers did not finish within " + timeoutSeconds + "s");
            }
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            fail("interrupted");
        }
        if (!errors.isEmpty()) {
            AssertionError failure = new AssertionError(errors.size() + " racer(s) failed", errors.peek());
            errors.stream().skip(1).forEach(failure::addSuppressed);
            throw failure;
        }
    }
}
