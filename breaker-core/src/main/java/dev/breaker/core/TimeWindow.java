package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;

/**
 * The calls of the last period, lock-free, in {@value #BUCKETS} buckets that each cover
 * 1/{@value #BUCKETS} of the period. A bucket is replaced, not cleared, when its time comes
 * round again, so old calls roll off in O(1) and a late writer can only add to the bucket of
 * its own time. Counts are read by summing the buckets still inside the period.
 */
final class TimeWindow extends SlidingWindow {

    static final int BUCKETS = 20;

    private static final VarHandle SLOTS = MethodHandles.arrayElementVarHandle(Bucket[].class);

    private final long bucketMillis;
    private final Bucket[] buckets = new Bucket[BUCKETS];

    TimeWindow(long periodMillis) {
        this.bucketMillis = Math.max(1, (periodMillis + BUCKETS - 1) / BUCKETS);
    }

    @Override
    void record(boolean failure, boolean slow, long nowMillis) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        int index = (int) Math.floorMod(epoch, (long) BUCKETS);
        Bucket bucket = (Bucket) SLOTS.getVolatile(buckets, index);
        while (bucket == null || bucket.epoch < epoch) {
            Bucket fresh = new Bucket(epoch);
            if (SLOTS.compareAndSet(buckets, index, bucket, fresh)) {
                bucket = fresh;
                break;
            }
            bucket = (Bucket) SLOTS.getVolatile(buckets, index);
        }
        bucket.add(failure, slow);
    }

    @Override
    long total(long nowMillis) {
        return sum(nowMillis, 0);
    }

    @Override
    long failures(long nowMillis) {
        return sum(nowMillis, 1);
    }

    @Override
    long slowCalls(long nowMillis) {
        return sum(nowMillis, 2);
    }

    private long sum(long nowMillis, int field) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        long sum = 0;
        for (int i = 0; i < BUCKETS; i++) {
            Bucket bucket = (Bucket) SLOTS.getVolatile(buckets, i);
            if (bucket != null && bucket.epoch > epoch - BUCKETS && bucket.epoch <= epoch) {
                sum += bucket.get(field);
            }
        }
        return sum;
    }

    /** The calls of one slice of the period. */
    static final class Bucket {

        private static final VarHandle TOTAL;
        private static final VarHandle FAILURES;
        private static final VarHandle SLOW;

        static {
            try {
                MethodHandles.Lookup lookup = MethodHandles.lookup();
                TOTAL = lookup.findVarHandle(Bucket.class, "total", long.class);
                FAILURES = lookup.findVarHandle(Bucket.class, "failures", long.class);
                SLOW = lookup.findVarHandle(Bucket.class, "slow", long.class);
            }
            catch (ReflectiveOperationException ex) {
                throw new ExceptionInInitializerError(ex);
            }
        }

        final long epoch;
        private volatile long total;
        private volatile long failures;
        private volatile long slow;

        Bucket(long epoch) {
            this.epoch = epoch;
        }

        void add(boolean failure, boolean isSlow) {
            TOTAL.getAndAdd(this, 1L);
            if (failure) {
                FAILURES.getAndAdd(this, 1L);
            }
            if (isSlow) {
                SLOW.getAndAdd(this, 1L);
            }
        }

        long get(int field) {
            return switch (field) {
                case 0 -> total;
                case 1 -> failures;
                default -> slow;
            };
        }
    }
}
