package dev.breaker.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads the figures back from the log of a run (what {@code run.sh} tees to
 * {@code target/benchmarks.log}), so that the report can be written again without measuring
 * again.
 */
record RunLog(List<Figure> figures, List<HeapRuns.Footprint> footprints, Instant started, Duration took,
        String load) {

    /** The line a run ends its log with, before the report is written. */
    static final String SUMMARY = "# Report: started=%s took=%d load=%s";

    private static final Pattern BENCHMARK = Pattern.compile("^# Benchmark: (\\S+)");
    private static final Pattern THREADS = Pattern.compile("^# Threads: (\\d+) thread");
    private static final Pattern ITERATION = Pattern.compile("^Iteration\\s+\\d+: ([0-9.]+) ns/op");
    private static final Pattern SCORE = Pattern.compile(
            "^(\\w+Benchmark\\.\\w+)\\s+avgt\\s+\\d+\\s+([0-9.]+)\\s+±\\s+([0-9.]+)\\s+ns/op");
    private static final Pattern SINGLE_SCORE = Pattern.compile("^(\\w+Benchmark\\.\\w+)\\s+avgt\\s+([0-9.]+)\\s+ns/op");
    private static final Pattern ALLOCATION = Pattern.compile(
            "^(\\w+Benchmark\\.\\w+):gc\\.alloc\\.rate\\.norm\\s+avgt\\s+(?:\\d+\\s+)?(≈\\s*10\\S+|[0-9.]+)");
    private static final Pattern HEAP = Pattern.compile("^# Heap footprint: (\\S+) x (\\d+), rounds (\\d+)");
    private static final Pattern HEAP_FIGURES = Pattern.compile(
            "bytes-per-breaker=([0-9.]+) min=([0-9.]+) max=([0-9.]+)");
    private static final Pattern END = Pattern.compile("^# Report: started=(\\S+) took=(\\d+) load=(.*)$");

    static RunLog read(Path log) throws IOException {
        Map<String, Integer> threadsOf = new LinkedHashMap<>();
        Map<Run, Double> best = new LinkedHashMap<>();
        Map<Run, double[]> scores = new LinkedHashMap<>();
        Map<Run, Double> allocation = new LinkedHashMap<>();
        List<HeapRuns.Footprint> footprints = new ArrayList<>();
        String benchmark = null;
        int threads = 1;
        String[] heap = null;
        Instant started = null;
        Duration took = Duration.ZERO;
        String load = "unknown";
        for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
            Matcher m;
            if ((m = BENCHMARK.matcher(line)).find()) {
                benchmark = shortName(m.group(1));
                threadsOf.put(benchmark, threads);
            }
            else if ((m = THREADS.matcher(line)).find()) {
                threads = Integer.parseInt(m.group(1));
            }
            else if ((m = ITERATION.matcher(line)).find() && benchmark != null) {
                best.merge(new Run(benchmark, threadsOf), Double.parseDouble(m.group(1)), Math::min);
            }
            else if ((m = SCORE.matcher(line)).find()) {
                scores.put(new Run(m.group(1), threadsOf),
                        new double[] {Double.parseDouble(m.group(2)), Double.parseDouble(m.group(3))});
            }
            else if ((m = SINGLE_SCORE.matcher(line)).find()) {
                scores.put(new Run(m.group(1), threadsOf), new double[] {Double.parseDouble(m.group(2)), Double.NaN});
            }
            else if ((m = ALLOCATION.matcher(line)).find()) {
                allocation.put(new Run(m.group(1), threadsOf),
                        m.group(2).startsWith("≈") ? 0 : Double.parseDouble(m.group(2)));
            }
            else if ((m = HEAP.matcher(line)).find()) {
                heap = new String[] {m.group(1), m.group(2), m.group(3)};
            }
            else if ((m = HEAP_FIGURES.matcher(line)).find() && heap != null) {
                footprints.add(new HeapRuns.Footprint(heap[0], Integer.parseInt(heap[1]), Integer.parseInt(heap[2]),
                        Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2)),
                        Double.parseDouble(m.group(3))));
                heap = null;
            }
            else if ((m = END.matcher(line)).find()) {
                started = Instant.parse(m.group(1));
                took = Duration.ofSeconds(Long.parseLong(m.group(2)));
                load = m.group(3);
            }
        }
        List<Figure> figures = new ArrayList<>();
        scores.forEach((run, score) -> figures.add(Figure.of(run.benchmark(), run.threads(), score[0], score[1],
                best.getOrDefault(run, Double.NaN), allocation.getOrDefault(run, Double.NaN))));
        return new RunLog(figures, footprints, started == null ? Instant.now() : started, took, load);
    }

    /**
     * One benchmark at one thread count. JMH prints a run's summary after all of its benchmarks,
     * and the summary does not name the thread count: a benchmark's summary line belongs to its
     * latest run, whose thread count its header gave.
     */
    private record Run(String benchmark, int threads) {

        Run(String benchmark, Map<String, Integer> threadsOf) {
            this(benchmark, threadsOf.getOrDefault(benchmark, 1));
        }
    }

    /** @return {@code ClosedCallBenchmark.breaker} from the fully qualified benchmark name */
    private static String shortName(String benchmark) {
        String type = benchmark.substring(0, benchmark.lastIndexOf('.'));
        return benchmark.substring(type.lastIndexOf('.') + 1);
    }
}
