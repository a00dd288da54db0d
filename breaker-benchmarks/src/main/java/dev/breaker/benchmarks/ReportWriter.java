package dev.breaker.benchmarks;

import static dev.breaker.benchmarks.Markdown.bytes;
import static dev.breaker.benchmarks.Markdown.format;
import static dev.breaker.benchmarks.Markdown.millions;
import static dev.breaker.benchmarks.Markdown.ratio;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Writes {@code docs/benchmarks.md}: the figures before and after, the targets, the scaling over
 * threads, the cost per call, the heap per breaker, the machine and how to reproduce.
 */
final class ReportWriter {

    private static final List<String> SCENARIOS = List.of("ClosedCall", "OpenRejection", "FailureMix", "KeyedCall",
            "AnnotatedCall");
    private static final List<String> SUBJECTS = List.of("bare", "breakerLookup", "breaker", "resilience4j",
            "resilience4jLockFree", "failsafe");

    private final Machine machine;
    private final BenchmarkReport.RunSettings settings;
    private final Results results;
    private final Instant started;
    private final Duration took;
    private final String load;
    private final Versions versions = Versions.load();
    private final Markdown md = new Markdown();

    ReportWriter(Machine machine, BenchmarkReport.RunSettings settings, List<Figure> figures,
            List<HeapRuns.Footprint> footprints, Instant started, Duration took, String load) {
        this.machine = machine;
        this.settings = settings;
        this.results = new Results(figures, footprints);
        this.started = started;
        this.took = took;
        this.load = load;
    }

    void write(Path out) throws IOException {
        header();
        beforeAndAfter();
        new TargetTable(md, results, machine.processors()).write();
        scaling();
        perCall();
        heap();
        setup();
        reproduce();
        if (out.getParent() != null) {
            Files.createDirectories(out.getParent());
        }
        Files.writeString(out, md.toString(), StandardCharsets.UTF_8);
    }

    private void header() {
        md.line("# Benchmarks");
        md.line("");
        md.line("`breaker-core` " + versions.breaker() + " against Resilience4j " + versions.resilience4j()
                + " (`resilience4j-circuitbreaker`; `resilience4j-spring-boot4` for the annotation path, on Spring Boot "
                + versions.springBoot() + ") and Failsafe " + versions.failsafe()
                + ", measured in the same run with JMH " + versions.jmh() + ", each next to a bare call. Run on "
                + started.truncatedTo(ChronoUnit.SECONDS) + "; the whole run took " + took.toSeconds() + " s.");
        md.line("");
        md.line("These figures come from a small machine (" + machine.processors()
                + " cores; load average " + load + ") and short runs: a ratio between two libraries in the same"
                + " run means more than any single figure."
                + " The error is the half-width of JMH's 99.9% confidence interval.");
        md.line("");
        if (Machine.highestLoad(load) > machine.processors()) {
            md.line("The load average rose above the number of cores: other processes wanted more of the machine"
                    + " than it has during this run, and took cores from the benchmarks for part of it. Single"
                    + " figures vary from iteration to iteration (see the errors and the best iterations), and the"
                    + " thread-scaling figures most, since a run on two threads needs both cores at once.");
            md.line("");
        }
    }

    // ---------------------------------------------------------------- before and after

    private void beforeAndAfter() {
        md.line("## Before and after");
        md.line("");
        md.line("The figures published on " + Before.DATE + ", before the engine took the time of a CLOSED success"
                + " and an OPEN rejection from a coarse tick and striped its success count (a 2-core machine too,"
                + " load average about 3), beside this run's.");
        md.line("");
        md.line("| figure | before | now |");
        md.line("|---|---:|---:|");
        beforeAndAfter("CLOSED success, 1 thread, ns/op", format("%.1f", Before.CLOSED_CALL_NANOS),
                results.find("ClosedCall", "breaker").map(f -> format("%.1f", f.nanos())));
        beforeAndAfter("CLOSED success, 2 threads on one breaker, million calls/s",
                millions(Before.CLOSED_CALL_TWO_THREADS_MILLIONS),
                results.find("ClosedCall", "breaker", 2).map(f -> millions(f.millionsPerSecond())));
        beforeAndAfter("OPEN rejection, ns/op", format("%.1f", Before.OPEN_REJECTION_NANOS),
                results.find("OpenRejection", "breaker").map(f -> format("%.1f", f.nanos())));
        beforeAndAfter("Heap per breaker built standalone, B", format("%.0f", Before.HEAP_STANDALONE_BYTES),
                results.footprint("breaker-standalone").map(f -> format("%.0f", f.bytes())));
        beforeAndAfter("Heap per breaker named in a registry, B", format("%.0f", Before.HEAP_REGISTRY_BYTES),
                results.footprint("breaker-registry").map(f -> format("%.0f", f.bytes())));
        beforeAndAfter("Keyed call among 1,000,000: find and call, ns/op", format("%,.1f", Before.KEYED_CALL_NANOS),
                results.find("KeyedCall", "breaker").map(f -> format("%,.1f", f.nanos())));
        md.line("");
    }

    private void beforeAndAfter(String figure, String before, Optional<String> now) {
        md.line("| " + figure + " | " + before + " | " + now.orElse("not measured") + " |");
    }

    // ---------------------------------------------------------------- figures

    private void scaling() {
        List<Figure> rows = results.scenario("ClosedCall");
        if (rows.isEmpty()) {
            return;
        }
        List<Integer> threads = rows.stream().map(Figure::threads).distinct().sorted().toList();
        List<String> subjects = SUBJECTS.stream().filter(s -> rows.stream().anyMatch(f -> f.subject().equals(s)))
            .toList();
        md.line("## Scaling: threads on one CLOSED breaker");
        md.line("");
        md.line("Successful calls through one breaker shared by all threads (count window of 100, 50% threshold),"
                + " in millions of calls per second for all threads together: the thread count over the mean time"
                + " per call. The column after `breaker` is its throughput as a multiple of its own at 1 thread.");
        md.line("");
        scalingTable(threads, subjects, f -> millions(f.millionsPerSecond()), true);
        md.line("");
        List<Integer> oversubscribed = threads.stream().filter(count -> count > machine.processors()).toList();
        if (!oversubscribed.isEmpty()) {
            md.line("This machine has " + machine.processors() + " cores: the runs at "
                    + oversubscribed.stream().map(String::valueOf).collect(Collectors.joining(", "))
                    + " threads are oversubscribed (more threads than cores, which the operating system runs in"
                    + " turns), so they show what contention and preemption cost, not scaling.");
            md.line("");
        }
        md.line("Time per call and per thread, ns/op (mean ± error; per thread, so it grows with the threads once"
                + " they outnumber the cores):");
        md.line("");
        scalingTable(threads, subjects, f -> Double.isNaN(f.error()) ? format("%.1f", f.nanos())
                : format("%.1f ± %.1f", f.nanos(), f.error()), false);
        md.line("");
    }

    private void scalingTable(List<Integer> threads, List<String> subjects, Function<Figure, String> cell,
            boolean againstOneThread) {
        StringBuilder head = new StringBuilder("| threads |");
        StringBuilder rule = new StringBuilder("|---:|");
        for (String subject : subjects) {
            head.append(' ').append(name(subject)).append(" |");
            rule.append("---:|");
            if (againstOneThread && subject.equals("breaker")) {
                head.append(" **breaker** vs 1 thread |");
                rule.append("---:|");
            }
        }
        md.line(head.toString());
        md.line(rule.toString());
        Optional<Figure> one = results.find("ClosedCall", "breaker", 1);
        for (int count : threads) {
            StringBuilder row = new StringBuilder("| " + count + " |");
            for (String subject : subjects) {
                Optional<Figure> f = results.find("ClosedCall", subject, count);
                row.append(' ').append(f.map(cell).orElse("")).append(" |");
                if (againstOneThread && subject.equals("breaker")) {
                    row.append(' ').append(f.flatMap(many -> one.map(o -> ratio(many.millionsPerSecond()
                            / o.millionsPerSecond()))).orElse("")).append(" |");
                }
            }
            md.line(row.toString());
        }
    }

    private void perCall() {
        md.line("## Cost per call");
        md.line("");
        md.line("Time per call on 1 thread: the mean over all measured iterations with its error, and the best"
                + " single iteration; allocation per call from `-prof gc` (`gc.alloc.rate.norm`); the mean time as"
                + " a multiple of Resilience4j's in the same scenario.");
        md.line("");
        for (String scenario : SCENARIOS) {
            List<Figure> rows = SUBJECTS.stream().map(subject -> results.find(scenario, subject))
                .flatMap(Optional::stream).toList();
            if (rows.isEmpty()) {
                continue;
            }
            md.line("### " + title(scenario));
            md.line("");
            md.line("| | ns/op | error | best iteration, ns/op | B/op | vs Resilience4j |");
            md.line("|---|---:|---:|---:|---:|---:|");
            Optional<Figure> peer = results.find(scenario, "resilience4j");
            for (Figure f : rows) {
                md.line("| " + name(f.subject()) + " | " + format("%.1f", f.nanos()) + " | "
                        + (Double.isNaN(f.error()) ? "n/a" : format("± %.1f", f.error())) + " | "
                        + format("%.1f", f.best()) + " | " + bytes(f.bytes())
                        + " | " + peer.map(p -> ratio(f.nanos() / p.nanos())).orElse("") + " |");
            }
            md.line("");
            if (!explain(scenario).isEmpty()) {
                md.line(explain(scenario));
                md.line("");
            }
        }
    }

    private void heap() {
        md.line("## Heap per breaker");
        md.line("");
        md.line("Used heap after a full collection (`System.gc()` with the serial collector, until it settles),"
                + " before and after making the breakers, divided by their number; median of the rounds, each in a"
                + " JVM of its own. Names and keys are made before the first reading and are not counted; the"
                + " registry or map entry that holds a breaker is.");
        md.line("");
        md.line("| subject | breakers | rounds | bytes per breaker | range | total |");
        md.line("|---|---:|---:|---:|---:|---:|");
        for (HeapRuns.Footprint f : results.footprints()) {
            md.line(format("| %s | %,d | %d | %.0f | %.0f-%.0f | %.1f MiB |", describe(f.subject()), f.count(),
                    f.rounds(), f.bytes(), f.min(), f.max(), f.totalMegabytes()));
        }
        md.line("");
        md.line("Resilience4j's keyed peer is its registry, one breaker per key by name: its figure per breaker is"
                + " the `resilience4j-registry` row, measured with 100,000 breakers because 1,000,000 of them take"
                + " about 5 GB of heap and a minute and a half to measure (the figure per breaker does not depend on"
                + " the count). Failsafe has no registry; its keyed peer is a `ConcurrentHashMap` of breakers.");
        md.line("");
    }

    private void setup() {
        md.line("## Setup");
        md.line("");
        md.line("Same configuration for all three: a count window of the last 100 calls, 50% failure rate to trip"
                + " once 10 calls are in it (Failsafe: 50 failures among the last 100 executions; it has no"
                + " minimum), an hour open, 3 half-open trial calls. Each library as it ships: Resilience4j with its"
                + " default synchronized window (its lock-free window is shown beside it) and stack traces on"
                + " rejections; Failsafe through a `FailsafeExecutor` built once and reused. The protected call"
                + " returns a constant; the failing call throws an exception made once, without a stack trace.");
        md.line("");
        md.line("- Machine: " + machine.processors() + " processors (`nproc`), " + machine.cpu() + ", "
                + machine.memory() + " of memory");
        md.line("- JVM (`java -version`):");
        md.line("");
        md.line("```");
        md.line(machine.javaVersion());
        md.line("```");
        md.line("");
        md.line("- Annotation path: one Spring Boot " + versions.springBoot() + " application per library in the"
                + " benchmark's JVM (`WebApplicationType.NONE`, only the auto-configurations named above), started"
                + " before and closed after each fork's measurement.");
        md.line("- JMH: " + settings.describe() + " per benchmark, `-prof gc`; the keyed benchmarks run with"
                + " `-Xmx8g`. The CLOSED success runs once per thread count (" + BenchmarkReport.THREADS.stream()
                    .map(String::valueOf).collect(Collectors.joining(", ")) + "), each run with all its threads on"
                + " one breaker. Heap measurement: `-XX:+UseSerialGC`.");
        md.line("");
    }

    private void reproduce() {
        md.line("## How to reproduce");
        md.line("");
        md.line("```");
        md.line("breaker-benchmarks/run.sh            # builds breaker-core, the starter and this module, runs it all,");
        md.line("                                     # writes this file");
        md.line("breaker-benchmarks/run.sh --quick    # one second per benchmark: checks that everything runs");
        md.line("java -jar breaker-benchmarks/target/benchmarks.jar --from-log breaker-benchmarks/target/benchmarks.log");
        md.line("                                     # writes this file again from the last run's log, measuring nothing");
        md.line("```");
        md.line("");
        md.line("`run.sh` uses the `java` on the `PATH` (set `JAVA_HOME` to pick another). A single benchmark with"
                + " JMH's own options: `java -cp breaker-benchmarks/target/benchmarks.jar org.openjdk.jmh.Main"
                + " ClosedCallBenchmark -t 4 -prof gc`. `mvn -B verify` only compiles and packages the module; it never"
                + " runs a benchmark.");
    }

    // ---------------------------------------------------------------- helpers

    private static String title(String scenario) {
        return switch (scenario) {
            case "ClosedCall" -> "Successful call through a CLOSED breaker, 1 thread";
            case "OpenRejection" -> "Rejection by an OPEN breaker";
            case "FailureMix" -> "10% failures, breaker stays CLOSED";
            case "KeyedCall" -> "Keyed call: find the breaker of 1 of 1,000,000 keys, and call through it";
            case "AnnotatedCall" -> "Annotation path: a successful call through a Spring proxy, 1 thread";
            default -> scenario;
        };
    }

    private static String explain(String scenario) {
        return switch (scenario) {
            case "OpenRejection" -> "The caller catches the rejection. The bare row throws and catches an"
                    + " exception made once: the floor of any rejection. Both peers build a new exception with a"
                    + " stack trace for every rejection; `breaker` throws one stackless exception per OPEN period.";
            case "FailureMix" -> "Every tenth call throws; the caller catches it. Each breaker is checked to be"
                    + " still CLOSED at the end.";
            case "KeyedCall" -> "Every key's breaker exists before the measurement; keys are walked in a"
                    + " pseudo-random order, so most lookups miss the CPU caches. Lookup only: bare, a"
                    + " `ConcurrentHashMap` lookup of a result by key; `breaker`, lookup only:"
                    + " `registry.breaker(name).child(key)`. Lookup and a call through the breaker found: `breaker`,"
                    + " the same lookup; Resilience4j, `registry.circuitBreaker(key)`; Failsafe, a"
                    + " `ConcurrentHashMap` of executors.";
            case "AnnotatedCall" -> "The same bean method, annotated `@CircuitProtected(name = \"bench\")` or"
                    + " Resilience4j's `@CircuitBreaker(name = \"bench\")`, called through the class-based proxy Spring"
                    + " makes for it; bare: the method on a plain object, no proxy. Each bean comes from a Spring"
                    + " application of its own, without web server or actuator: Spring Boot's AOP auto-configuration"
                    + " and the library's circuit-breaker auto-configuration, the breaker configured through the"
                    + " library's properties. Both rows include Spring AOP's own work per call (a method invocation"
                    + " object per call). `@CircuitProtected` is applied by an advisor whose pointcut Spring decides once"
                    + " per method, and a method interceptor that looks the resolved method up without allocating;"
                    + " Resilience4j's `@CircuitBreaker` goes through an AspectJ-style aspect (a join point per call),"
                    + " and its starter also records every call as an event in a buffer of the last 100 per breaker,"
                    + " as it does by default.";
            default -> "";
        };
    }

    static String name(String subject) {
        return switch (subject) {
            case "bare" -> "bare call";
            case "breakerLookup" -> "**breaker**, lookup only";
            case "breaker" -> "**breaker**";
            case "resilience4j" -> "Resilience4j";
            case "resilience4jLockFree" -> "Resilience4j, lock-free window";
            case "failsafe" -> "Failsafe";
            default -> subject;
        };
    }

    private static String describe(String subject) {
        return switch (subject) {
            case "breaker-standalone" -> "**breaker**, `CircuitBreaker.of`";
            case "breaker-registry" -> "**breaker**, named in a registry";
            case "breaker-keyed" -> "**breaker**, keyed child";
            case "resilience4j-standalone" -> "Resilience4j, `CircuitBreaker.of`";
            case "resilience4j-registry" -> "Resilience4j, named in its registry";
            case "failsafe-standalone" -> "Failsafe, built breaker";
            case "failsafe-keyed" -> "Failsafe, breaker in a `ConcurrentHashMap` by key";
            default -> subject;
        };
    }
}
