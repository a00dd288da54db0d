package dev.breaker.benchmarks;

import static dev.breaker.benchmarks.Markdown.bytes;
import static dev.breaker.benchmarks.Markdown.format;
import static dev.breaker.benchmarks.Markdown.millions;
import static dev.breaker.benchmarks.Markdown.ns;
import static dev.breaker.benchmarks.Markdown.percentOver;
import static dev.breaker.benchmarks.Markdown.percentUnder;
import static dev.breaker.benchmarks.Markdown.ratio;

import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The report's targets, each with the figures of this run that decide it and a verdict, and a
 * note on what is missed. Every speed target is a ratio between two figures of the same run; where
 * the means miss and the best iterations meet it, the verdict says so.
 */
final class TargetTable {

    /** From this many cores on, the scaling target is taken at 16 threads; below, at 2. */
    static final int MANY_CORES = 16;

    private static final double CLOSED_LIMIT = 0.2;
    private static final double TWO_THREADS_GOAL = 2;
    private static final double OPEN_LIMIT = 0.01;
    private static final double KEYED_LOOKUP_LIMIT = 2;
    private static final double HEAP_LIMIT = 256;
    private static final long KEYED_HEAP_LIMIT = 256L * 1024 * 1024;

    private final Markdown md;
    private final Results results;
    private final int cores;
    private boolean hotPathMissed;
    private boolean keyedLookupMissed;
    private boolean heapMissed;

    TargetTable(Markdown md, Results results, int cores) {
        this.md = md;
        this.results = results;
        this.cores = cores;
    }

    /** @return the thread count the scaling target applies to on a machine of this many cores */
    static int scalingThreads(int cores) {
        return cores >= MANY_CORES ? 16 : 2;
    }

    void write() {
        md.line("## Targets");
        md.line("");
        md.line("| target | measured | verdict |");
        md.line("|---|---|---|");
        closedCall();
        scaling();
        twoThreadsAgainstPeer();
        zeroAllocation();
        openRejection();
        keyedLookup();
        heapPerBreaker("breaker-standalone", "built standalone (`CircuitBreaker.of`)");
        heapPerBreaker("breaker-registry", "named in a registry");
        heapAgainstPeer();
        keyedHeap();
        annotationPath();
        md.line("");
        if (cores < MANY_CORES) {
            md.line("Only " + cores + " cores were available, so the scaling target that applies is the one for a"
                    + " small machine: 2 threads at least 1.6x one thread's throughput. The target for 16 or more"
                    + " cores (16 threads at least 8x) was not measured, and the runs at "
                    + BenchmarkReport.THREADS.stream().filter(threads -> threads > cores).map(String::valueOf)
                        .collect(Collectors.joining(", "))
                    + " threads are oversubscribed: more threads than cores, each thread's share of a core shrinking"
                    + " as their number grows.");
            md.line("");
        }
        if (hotPathMissed || keyedLookupMissed) {
            speedNote();
        }
        if (heapMissed) {
            heapNote();
        }
    }

    private void closedCall() {
        Optional<Figure> ours = results.find("ClosedCall", "breaker");
        Optional<Figure> peer = results.find("ClosedCall", "resilience4j");
        if (ours.isEmpty() || peer.isEmpty()) {
            return;
        }
        double ratio = ours.get().nanos() / peer.get().nanos();
        double best = ours.get().best() / peer.get().best();
        hotPathMissed |= !speedTarget("CLOSED success, 1 thread: at most 0.2x Resilience4j's time",
                ns(ours.get()) + " vs " + ns(peer.get()) + " = " + ratio(ratio) + "; best iterations "
                        + format("%.1f vs %.1f ns = %s", ours.get().best(), peer.get().best(), ratio(best)),
                ratio <= CLOSED_LIMIT, best <= CLOSED_LIMIT, percentOver(ratio, CLOSED_LIMIT));
    }

    private void scaling() {
        int threads = scalingThreads(cores);
        double goal = cores >= MANY_CORES ? 8 : 1.6;
        Optional<Figure> one = results.find("ClosedCall", "breaker", 1);
        Optional<Figure> many = results.find("ClosedCall", "breaker", threads);
        if (one.isEmpty() || many.isEmpty()) {
            return;
        }
        double ratio = many.get().millionsPerSecond() / one.get().millionsPerSecond();
        double best = many.get().bestMillionsPerSecond() / one.get().bestMillionsPerSecond();
        String applies = cores >= MANY_CORES ? "the target for 16 or more cores; " + cores + " here"
                : "the target for a 2-core machine; " + cores + " cores here";
        hotPathMissed |= !speedTarget(threads + " threads on one CLOSED breaker: at least " + goal + "x its own 1-thread throughput ("
                + applies + ")",
                format("%s vs %s million calls/s = %s; best iterations %s vs %s = %s",
                        millions(many.get().millionsPerSecond()), millions(one.get().millionsPerSecond()),
                        ratio(ratio), millions(many.get().bestMillionsPerSecond()),
                        millions(one.get().bestMillionsPerSecond()), ratio(best)),
                ratio >= goal, best >= goal, percentUnder(ratio, goal));
    }

    private void twoThreadsAgainstPeer() {
        Optional<Figure> ours = results.find("ClosedCall", "breaker", 2);
        Optional<Figure> peer = results.find("ClosedCall", "resilience4j", 2);
        if (ours.isEmpty() || peer.isEmpty()) {
            return;
        }
        double ratio = peer.get().nanos() / ours.get().nanos();
        double best = peer.get().best() / ours.get().best();
        hotPathMissed |= !speedTarget("CLOSED success, 2 threads on one breaker: at least twice Resilience4j's throughput",
                format("%s vs %s million calls/s = %s; best iterations %s vs %s = %s",
                        millions(ours.get().millionsPerSecond()), millions(peer.get().millionsPerSecond()),
                        ratio(ratio), millions(ours.get().bestMillionsPerSecond()),
                        millions(peer.get().bestMillionsPerSecond()), ratio(best)),
                ratio >= TWO_THREADS_GOAL, best >= TWO_THREADS_GOAL, percentUnder(ratio, TWO_THREADS_GOAL));
    }

    private void zeroAllocation() {
        List<Figure> paths = results.figures().stream().filter(f -> f.subject().equals("breaker")
                && (f.scenario().equals("ClosedCall") || f.scenario().equals("OpenRejection"))).toList();
        if (paths.isEmpty()) {
            return;
        }
        double worst = paths.stream().mapToDouble(Figure::bytes).max().orElse(Double.NaN);
        target("0 B/op on the CLOSED success (every thread count) and the OPEN rejection",
                format("at most %.4f B/op (%d benchmarks)", worst, paths.size()), worst < 0.5,
                "allocates " + bytes(worst) + " B per call");
    }

    private void openRejection() {
        Optional<Figure> ours = results.find("OpenRejection", "breaker");
        Optional<Figure> cheaper = results.scenario("OpenRejection").stream()
            .filter(f -> f.subject().equals("resilience4j") || f.subject().equals("failsafe"))
            .min(Comparator.comparingDouble(Figure::nanos));
        if (ours.isEmpty() || cheaper.isEmpty()) {
            return;
        }
        double ratio = ours.get().nanos() / cheaper.get().nanos();
        double best = ours.get().best() / cheaper.get().best();
        hotPathMissed |= !speedTarget("OPEN rejection: at most 0.01x the cheaper peer's time",
                ns(ours.get()) + " vs " + ns(cheaper.get()) + " (" + ReportWriter.name(cheaper.get().subject())
                        + ") = " + ratio(ratio) + "; best iterations "
                        + format("%.1f vs %.1f ns = %s", ours.get().best(), cheaper.get().best(), ratio(best)),
                ratio <= OPEN_LIMIT, best <= OPEN_LIMIT, percentOver(ratio, OPEN_LIMIT));
    }

    private void keyedLookup() {
        Optional<Figure> ours = results.find("KeyedCall", "breakerLookup");
        Optional<Figure> bare = results.find("KeyedCall", "bare");
        if (ours.isEmpty() || bare.isEmpty()) {
            return;
        }
        double ratio = ours.get().nanos() / bare.get().nanos();
        double best = ours.get().best() / bare.get().best();
        keyedLookupMissed = !speedTarget("Finding one keyed child among 1,000,000: at most 2x a bare `ConcurrentHashMap` lookup of the"
                + " same keys", ns(ours.get()) + " vs " + ns(bare.get()) + " = " + ratio(ratio) + "; best iterations "
                        + format("%.1f vs %.1f ns = %s", ours.get().best(), bare.get().best(), ratio(best)),
                ratio <= KEYED_LOOKUP_LIMIT, best <= KEYED_LOOKUP_LIMIT, percentOver(ratio, KEYED_LOOKUP_LIMIT));
    }

    private void heapPerBreaker(String subject, String how) {
        Optional<HeapRuns.Footprint> ours = results.footprint(subject);
        if (ours.isEmpty()) {
            return;
        }
        double over = ours.get().bytes() - HEAP_LIMIT;
        heapMissed |= over > 0;
        target("Heap per breaker " + how + ": at most 256 B", format("%.0f B", ours.get().bytes()), over <= 0,
                format("%.0f B (%.0f%%) over 256 B", over, 100 * over / HEAP_LIMIT));
    }

    private void heapAgainstPeer() {
        Optional<HeapRuns.Footprint> failsafe = results.footprint("failsafe-standalone");
        Optional<HeapRuns.Footprint> leanest = results.footprints().stream()
            .filter(f -> f.subject().equals("breaker-standalone") || f.subject().equals("breaker-registry"))
            .min(Comparator.comparingDouble(HeapRuns.Footprint::bytes));
        if (failsafe.isEmpty() || leanest.isEmpty()) {
            return;
        }
        double over = leanest.get().bytes() - failsafe.get().bytes();
        heapMissed |= over > 0;
        target("Heap per breaker no more than the leaner peer's (Failsafe's)",
                format("%.0f B (%s) vs %.0f B", leanest.get().bytes(), leanest.get().subject(),
                        failsafe.get().bytes()), over <= 0,
                format("%.0f B (%.0f%%) too many per breaker", over, 100 * over / failsafe.get().bytes()));
    }

    private void keyedHeap() {
        Optional<HeapRuns.Footprint> keyed = results.footprint("breaker-keyed");
        if (keyed.isEmpty()) {
            return;
        }
        double total = keyed.get().bytes() * Keys.COUNT;
        heapMissed |= total > KEYED_HEAP_LIMIT;
        target("1,000,000 keyed children in at most 256 MB of heap",
                format("%.0f B per child x 1,000,000 = %.0f MiB (%.0f MB)", keyed.get().bytes(),
                        total / (1024 * 1024), total / 1e6), total <= KEYED_HEAP_LIMIT,
                format("%.0f MiB (%.0f%%) over 256 MiB; a child must fit in %d B", (total - KEYED_HEAP_LIMIT)
                        / (1024 * 1024), 100 * (total - KEYED_HEAP_LIMIT) / KEYED_HEAP_LIMIT,
                        KEYED_HEAP_LIMIT / Keys.COUNT));
    }

    private void annotationPath() {
        Optional<Figure> ours = results.find("AnnotatedCall", "breaker");
        Optional<Figure> peer = results.find("AnnotatedCall", "resilience4j");
        if (ours.isEmpty() || peer.isEmpty()) {
            return;
        }
        double ratio = ours.get().nanos() / peer.get().nanos();
        md.line("| Annotation path, 1 thread: a call through a Spring proxy, `@CircuitProtected` against"
                + " Resilience4j's `@CircuitBreaker` (no numeric target) | " + ns(ours.get()) + ", "
                + bytes(ours.get().bytes()) + " B/op vs " + ns(peer.get()) + ", " + bytes(peer.get().bytes())
                + " B/op = " + ratio(ratio) + "; best iterations "
                + format("%.1f vs %.1f ns = %s", ours.get().best(), peer.get().best(),
                        ratio(ours.get().best() / peer.get().best()))
                + " | no target: " + ratio(ratio) + " Resilience4j's time |");
    }

    /** @return whether the target is met on the means */
    private boolean speedTarget(String what, String measured, boolean met, boolean metOnBest, String miss) {
        if (met || !metOnBest) {
            target(what, measured, met, miss);
        }
        else {
            md.line("| " + what + " | " + measured + " | **missed** on the means (" + miss + "), **met** on the best"
                    + " iterations: within this run's noise |");
        }
        return met;
    }

    private void target(String what, String measured, boolean met, String miss) {
        md.line("| " + what + " | " + measured + " | " + (met ? "**met**" : "**missed**: " + miss) + " |");
    }

    private void speedNote() {
        md.line("### Why a speed target is missed");
        md.line("");
        md.line("On a shared machine an iteration during which another process holds the core reads slow, and"
                + " such iterations fall unevenly on the libraries; the best iteration of each is the least"
                + " disturbed reading. Where a target is met on the best iterations but missed on the means, the"
                + " gap is within this run's noise: run again on a quiet machine before reading more into it.");
        md.line("");
        if (hotPathMissed) {
            md.line("What a CLOSED success costs in `breaker`: a read of the state; the clock's tick (a field that"
                    + " one daemon thread refreshes every half millisecond, not a clock read), written to"
                    + " `lastSuccessAt` only when it has moved; the lifetime count of successes (one compare-and-set"
                    + " while uncontended, a `LongAdder` whose cells give each thread a cache line of its own from the"
                    + " first collision on); and the count window, which a success into a full window of plain"
                    + " successes only reads. An OPEN rejection reads the state and the tick and throws the period's"
                    + " one stackless exception. On a machine with as many threads as cores the ticker thread's"
                    + " wake-ups also take a share of a core. Two threads can only double one thread's throughput"
                    + " while each has a core to itself: a thread that loses its core during an iteration counts"
                    + " the time it waits as its own, so on a machine that others keep busy the scaling ratio"
                    + " says more about the load than about what the threads share.");
            md.line("");
        }
        if (keyedLookupMissed) {
            md.line("What finding a keyed child does beyond the bare lookup: the named breaker's own lookup (one"
                    + " entry of a small map, always in the cache), then the child's entry in a `ConcurrentHashMap`"
                    + " of 1,000,000, as the bare lookup does; then `KeyedChildren.get` reads the child's last-access"
                    + " time, which keeps idle children evictable, and writes it at most once a second. In a short"
                    + " trial a lookup that skips the access time (`findChild`) cost about the same, so the gap is"
                    + " not there. What differs is where the entries lie: the bare map's nodes were made one after"
                    + " the other and sit packed together, while the child map's sit among the children themselves,"
                    + " about 240 B each, so a walk over random keys spreads over several times more memory and"
                    + " misses the caches and the address translation more often. That explanation is not measured"
                    + " apart here.");
            md.line("");
        }
    }

    private void heapNote() {
        md.line("### Why a heap target is missed");
        md.line("");
        md.line("Where a breaker's bytes go (64-bit HotSpot, compressed references): the `CircuitBreaker` object"
                + " (its lifetime counts as plain fields; the striped success counter, the rare counters and its"
                + " own listeners are made only when needed), its `ClosedState`, the state's `CountWindow` and the"
                + " window's bits (`long[4]` for 100 calls), plus the map node and table slot that hold it. Breakers"
                + " of one configuration in a registry share their wiring (configuration, clock, listeners, shared"
                + " state); a breaker built standalone has that wiring to itself.");
        md.line("");
        md.line("What would shrink it further without adding to the CLOSED path's cost: fold the count window"
                + " into the CLOSED state object (one object header and its padding, about 24 B per breaker),"
                + " which also saves one of the cache misses a keyed call pays.");
        md.line("");
    }
}
