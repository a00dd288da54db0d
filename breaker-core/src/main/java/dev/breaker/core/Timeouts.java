package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.MethodType;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs synchronous calls under a timeout, and schedules timeouts of asynchronous ones. On Java
 * 21 and later a timed call runs on a virtual thread; before, on a cached pool of daemon threads.
 */
final class Timeouts {

    private static final ExecutorService RUNNER = createRunner();
    private static volatile ScheduledExecutorService scheduler;

    private Timeouts() {
    }

    /** What {@link #call} returns when the call ran past its timeout. */
    static final Object TIMED_OUT = new Object();

    /**
     * What {@link #call} returns when the caller was interrupted while it waited: the work is
     * interrupted and the caller's interrupt flag is set again.
     */
    static final Object CALLER_INTERRUPTED = new Object();

    /**
     * Runs the call on another thread and waits at most the timeout. On timeout the work is
     * interrupted and {@link #TIMED_OUT} is returned; if the caller is interrupted while it waits,
     * {@link #CALLER_INTERRUPTED}; whatever the call throws is rethrown.
     */
    static Object call(CheckedSupplier<?> call, Duration timeout) throws Throwable {
        Future<Object> future = RUNNER.submit(() -> {
            try {
                return call.get();
            }
            catch (Throwable ex) {
                throw new Thrown(ex);
            }
        });
        try {
            return future.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        catch (TimeoutException ex) {
            future.cancel(true);
            return TIMED_OUT;
        }
        catch (InterruptedException ex) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            return CALLER_INTERRUPTED;
        }
        catch (ExecutionException ex) {
            throw ex.getCause() instanceof Thrown thrown ? thrown.getCause() : ex.getCause();
        }
    }

    /** Carries whatever the call threw across the executor, unchanged. */
    private static final class Thrown extends Exception {

        private static final long serialVersionUID = 1L;

        Thrown(Throwable cause) {
            super(null, cause, false, false);
        }
    }

    static ScheduledExecutorService scheduler() {
        ScheduledExecutorService current = scheduler;
        if (current == null) {
            synchronized (Timeouts.class) {
                current = scheduler;
                if (current == null) {
                    ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("breaker-timeout"));
                    // a call that finishes in time cancels its timer: drop it then, not when it would have run
                    timers.setRemoveOnCancelPolicy(true);
                    current = timers;
                    scheduler = current;
                }
            }
        }
        return current;
    }

    private static ExecutorService createRunner() {
        try {
            return (ExecutorService) MethodHandles.publicLookup()
                .findStatic(Executors.class, "newVirtualThreadPerTaskExecutor", MethodType.methodType(ExecutorService.class))
                .invokeExact();
        }
        catch (NoSuchMethodException | IllegalAccessException ex) {
            return Executors.newCachedThreadPool(daemon("breaker-call"));
        }
        catch (Throwable ex) {
            throw new IllegalStateException("Cannot create the executor for timed calls", ex);
        }
    }

    /** @return how many timeouts are scheduled and not yet run */
    static int pendingTimers() {
        return ((ScheduledThreadPoolExecutor) scheduler()).getQueue().size();
    }

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
