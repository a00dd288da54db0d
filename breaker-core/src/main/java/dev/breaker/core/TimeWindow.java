package dev.breaker.core;

import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import org.jspecify.annotations.Nullable;

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
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        long total = 0;
        for (int i = 0; i < BUCKETS; i++) {
            Bucket bucket = live(i, epoch);
            if (bucket != null) {
                total += bucket.get(0);
            }
        }
        return total;
    }

    // Each bucket is read once, its failures and slow calls before its total: a call adds to the
    // total first, so the total covers the failures read before it, however many writers race.

    @Override
    WindowCounts counts(long nowMillis) {
        long[] sums = new long[3];
        read(nowMillis, sums);
        return new WindowCounts(sums[0], sums[1], sums[2]);
    }

    @Override
    int tripDue(long nowMillis, int minimumCalls, double failureThreshold, double slowThreshold) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        long total = 0;
        long failures = 0;
        long slow = 0;
        for (int i = 0; i < BUCKETS; i++) {
            Bucket bucket = live(i, epoch);
            if (bucket != null) {
                long bucketFailures = bucket.get(1);
                long bucketSlow = bucket.get(2);
                long bucketTotal = bucket.get(0);
                total += bucketTotal;
                failures += Math.min(bucketFailures, bucketTotal);
                slow += Math.min(bucketSlow, bucketTotal);
            }
        }
        return tripDue(total, failures, slow, minimumCalls, failureThreshold, slowThreshold);
    }

    private void read(long nowMillis, long[] sums) {
        long epoch = Math.floorDiv(nowMillis, bucketMillis);
        for (int i = 0; i < BUCKETS; i++) {
            Bucket bucket = live(i, epoch);
            if (bucket != null) {
                long bucketFailures = bucket.get(1);
                long bucketSlow = bucket.get(2);
                long bucketTotal = bucket.get(0);
                sums[0] += bucketTotal;
                sums[1] += Math.min(bucketFailures, bucketTotal);
                sums[2] += Math.min(bucketSlow, bucketTotal);
            }
        }
    }

    /** @return the bucket at an index if it lies inside the period ending in the given epoch, else null */
    private @Nullable Bucket live(int index, long epoch) {
        Bucket bucket = (Bucket) SLOTS.getVolatile(buckets, index);
        return bucket != null && bucket.epoch > epoch - BUCKETS && bucket.epoch <= epoch ? bucket : null;
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
