package com.example.shop;

import java.util.concurrent.atomic.AtomicInteger;

/**
 * Stands in for a remote service: answers until switched to failing, and counts the calls that
 * reached it.
 */
public class StubDownstream {

    private final String name;

    private final AtomicInteger calls = new AtomicInteger();

    private volatile boolean failing;

    StubDownstream(String name) {
        this.name = name;
    }

    /** Fails every call from now on. */
    public void fail() {
        this.failing = true;
    }

    /** Answers every call from now on. */
    public void recover() {
        this.failing = false;
    }

    /** @return the calls that reached this downstream */
    public int calls() {
        return this.calls.get();
    }

    String call(String request) {
        this.calls.incrementAndGet();
        if (this.failing) {
            throw new DownstreamException(this.name + " did not answer " + request);
        }
        return request;
    }

}
