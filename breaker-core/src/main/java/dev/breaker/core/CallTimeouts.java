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
import java.util.concurrent.locks.ReentrantLock;
import org.jspecify.annotations.Nullable;

/**
 * Runs synchronous calls under {@code call-timeout} and schedules the timeouts of asynchronous
 * ones. The executor and scheduler are either given (and then left to their owner to shut down)
 * or made on first need and shut down by {@link #close()}: on Java 21 and later a timed call
 * runs on a virtual thread, before on a cached pool of daemon threads.
 */
final class CallTimeouts implements AutoCloseable {

    /** What {@link #call} returns when the call ran past its timeout. */
    static final Object TIMED_OUT = new Object();

    /**
     * What {@link #call} returns when the caller was interrupted while it waited: the work is
     * interrupted and the caller's interrupt flag is set again.
     */
    static final Object CALLER_INTERRUPTED = new Object();

    private static final CallTimeouts SHARED = new CallTimeouts(null, null);

    private final ReentrantLock making = new ReentrantLock();
    private final boolean owned;
    private volatile @Nullable ExecutorService runner;
    private volatile @Nullable ScheduledExecutorService scheduler;

    private CallTimeouts(@Nullable ExecutorService runner, @Nullable ScheduledExecutorService scheduler) {
        this.owned = runner == null;
        this.runner = runner;
        this.scheduler = scheduler;
    }

    /** @return executors made on first need, shut down by {@link #close()} */
    static CallTimeouts owned() {
        return new CallTimeouts(null, null);
    }

    /** @return the given executors, which {@link #close()} leaves running */
    static CallTimeouts of(ExecutorService runner, ScheduledExecutorService scheduler) {
        return new CallTimeouts(runner, scheduler);
    }

    /** @return the executors of standalone breakers given none: daemon threads, made on first need, never closed */
    static CallTimeouts shared() {
        return SHARED;
    }

    /**
     * Runs the call on another thread and waits at most the timeout. On timeout the work is
     * interrupted and {@link #TIMED_OUT} is returned; if the caller is interrupted while it
     * waits, {@link #CALLER_INTERRUPTED}; whatever the call throws is rethrown.
     */
    @Nullable Object call(CheckedSupplier<?> call, Duration timeout) throws Throwable {
        Future<Object> future = runner().submit(() -> {
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

    private ExecutorService runner() {
        ExecutorService current = runner;
        if (current != null) {
            return current;
        }
        making.lock();
        try {
            if (runner == null) {
                runner = newRunner();
            }
            return runner;
        }
        finally {
            making.unlock();
        }
    }

    ScheduledExecutorService scheduler() {
        ScheduledExecutorService current = scheduler;
        if (current != null) {
            return current;
        }
        making.lock();
        try {
            if (scheduler == null) {
                ScheduledThreadPoolExecutor timers = new ScheduledThreadPoolExecutor(1, daemon("breaker-timeout"));
                // a call that finishes in time cancels its timer: drop it then, not when it would have run
                timers.setRemoveOnCancelPolicy(true);
                scheduler = timers;
            }
            return scheduler;
        }
        finally {
            making.unlock();
        }
    }

    /** Shuts down the executors made here; given ones stay with their owner, and the shared ones stay up. */
    @Override
    public void close() {
        if (!owned || this == SHARED) {
            return;
        }
        making.lock();
        try {
            if (runner != null) {
                runner.shutdownNow();
            }
            if (scheduler != null) {
                scheduler.shutdownNow();
            }
        }
        finally {
            making.unlock();
        }
    }

    private static ExecutorService newRunner() {
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

    private static ThreadFactory daemon(String prefix) {
        AtomicInteger count = new AtomicInteger();
        return runnable -> {
            Thread thread = new Thread(runnable, prefix + "-" + count.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        };
    }
}
