package dev.breaker.spring.aop;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/** A service that protected methods call, failing or answering as a test says, counting its calls. */
final class Downstream {

    private final AtomicInteger calls = new AtomicInteger();

    private volatile RuntimeException failure;

    private volatile int failuresLeft = Integer.MAX_VALUE;

    private volatile CompletableFuture<String> pending;

    /** Fails every call from now on with this exception. */
    void fail(RuntimeException failure) {
        this.failure = failure;
        this.failuresLeft = Integer.MAX_VALUE;
    }

    /** Fails the next {@code times} calls, then answers. */
    void failTimes(int times, RuntimeException failure) {
        this.failure = failure;
        this.failuresLeft = times;
    }

    void recover() {
        this.failure = null;
    }

    /** Answers asynchronous calls with this future, completed later by the test. */
    CompletableFuture<String> holdAnswers() {
        this.pending = new CompletableFuture<>();
        return this.pending;
    }

    String call(String what) {
        this.calls.incrementAndGet();
        RuntimeException current = this.failure;
        if (current != null && this.failuresLeft > 0) {
            this.failuresLeft--;
            throw current;
        }
        return "live " + what;
    }

    CompletableFuture<String> callAsync(String what) {
        CompletableFuture<String> held = this.pending;
        if (held != null) {
            this.calls.incrementAndGet();
            return held;
        }
        try {
            return CompletableFuture.completedFuture(call(what));
        }
        catch (RuntimeException ex) {
            return CompletableFuture.failedFuture(ex);
        }
    }

    int calls() {
        return this.calls.get();
    }
}
