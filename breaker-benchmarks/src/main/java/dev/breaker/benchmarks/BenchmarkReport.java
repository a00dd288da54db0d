package dev.breaker.benchmarks;

import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;

/**
 * Runs every benchmark and the heap measurements, then writes the report.
 *
 * <p>Usage: {@code java -jar benchmarks.jar [--quick] [--out docs/benchmarks.md] [--from-log <file>]}.
 * {@code --quick} runs each benchmark for one second after one second of warm-up, to check that
 * everything works; its figures are not worth publishing. {@code --from-log} measures nothing and
 * writes the report again from the log of an earlier run.
 */
public final class BenchmarkReport {

    /** The thread counts {@link ClosedCallBenchmark} runs at, all threads sharing one breaker. */
    static final List<Integer> THREADS = List.of(1, 2, 4, 8, 16);

    private static final String PACKAGE = BenchmarkReport.class.getPackageName().replace(".", "\\.");
    private static final String ALL = PACKAGE + "\\.\\w+Benchmark\\.";
    private static final String CLOSED_CALL = PACKAGE + "\\." + ClosedCallBenchmark.class.getSimpleName() + "\\.";

    private BenchmarkReport() {
    }

    /**
     * Runs it all.
     * @param args {@code --quick}, {@code --out <file>}, {@code --from-log <file>}
     * @throws Exception if a benchmark or a measurement fails
     */
    public static void main(String[] args) throws Exception {
        boolean quick = false;
        Path out = Path.of("docs", "benchmarks.md");
        Path fromLog = null;
        for (int i = 0; i < args.length; i++) {
            if ("--quick".equals(args[i])) {
                quick = true;
            }
            else if ("--out".equals(args[i]) && i + 1 < args.length) {
                out = Path.of(args[++i]);
            }
            else if ("--from-log".equals(args[i]) && i + 1 < args.length) {
                fromLog = Path.of(args[++i]);
            }
            else {
                throw new IllegalArgumentException("usage: [--quick] [--out <file>] [--from-log <file>], not " + args[i]);
            }
        }
        Machine machine = Machine.describe();
        if (fromLog != null) {
            RunLog log = RunLog.read(fromLog);
            RunSettings settings = log.figures().stream().anyMatch(f -> !Double.isNaN(f.error())) ? RunSettings.FULL
                    : RunSettings.QUICK;
            new ReportWriter(machine, settings, log.figures(), log.footprints(), log.started(), log.took(), log.load())
                .write(out);
            System.out.println("Wrote " + out.toAbsolutePath() + " from " + fromLog);
            return;
        }
        Instant started = Instant.now();
        String loadBefore = Machine.loadAverage();
        List<HeapRuns.Footprint> footprints = HeapRuns.run(quick);
        RunSettings settings = quick ? RunSettings.QUICK : RunSettings.FULL;
        List<Figure> figures = new ArrayList<>();
        for (int threads : THREADS) {
            figures.addAll(run(options(settings).include(CLOSED_CALL).threads(threads)));
        }
        figures.addAll(run(options(settings).include(ALL).exclude(CLOSED_CALL)));
        Duration took = Duration.between(started, Instant.now());
        String load = loadBefore + " at the start, " + Machine.loadAverage() + " at the end";
        System.out.println(String.format(RunLog.SUMMARY, started, took.toSeconds(), load));
        new ReportWriter(machine, settings, figures, footprints, started, took, load).write(out);
        System.out.println("Wrote " + out.toAbsolutePath() + " in " + took.toSeconds() + "s");
    }

    private static List<Figure> run(ChainedOptionsBuilder options) throws RunnerException {
        Collection<RunResult> results = new Runner(options.build()).run();
        return results.stream().map(Figure::of).toList();
    }

    private static ChainedOptionsBuilder options(RunSettings settings) {
        return new OptionsBuilder()
            .forks(settings.forks())
            .warmupIterations(settings.warmupIterations())
            .warmupTime(TimeValue.seconds(1))
            .measurementIterations(settings.iterations())
            .measurementTime(TimeValue.seconds(1))
            .addProfiler(GCProfiler.class)
            .shouldFailOnError(true);
    }

    /** How long each benchmark runs. */
    record RunSettings(int forks, int warmupIterations, int iterations) {

        static final RunSettings FULL = new RunSettings(2, 2, 4);
        static final RunSettings QUICK = new RunSettings(1, 1, 1);

        String describe() {
            return forks + " forks x (" + warmupIterations + " warm-up + " + iterations
                    + " measured iterations of 1 s)";
        }
    }
}
