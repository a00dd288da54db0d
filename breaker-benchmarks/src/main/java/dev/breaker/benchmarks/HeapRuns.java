package dev.breaker.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Runs {@link HeapFootprint} for each subject in a JVM of its own and collects the figures. */
final class HeapRuns {

    private static final Pattern FIGURES = Pattern.compile(
            "bytes-per-breaker=([0-9.]+) min=([0-9.]+) max=([0-9.]+)");

    /** One subject's figures: bytes per breaker (median of the rounds) and the spread. */
    record Footprint(String subject, int count, int rounds, double bytes, double min, double max) {

        double totalMegabytes() {
            return bytes * count / (1024.0 * 1024.0);
        }
    }

    private HeapRuns() {
    }

    static List<Footprint> run(boolean quick) throws IOException, InterruptedException {
        int plain = 100_000;
        int keyed = quick ? 100_000 : Keys.COUNT;
        int rounds = quick ? 1 : 3;
        List<Footprint> figures = new ArrayList<>();
        for (String subject : List.of("breaker-standalone", "breaker-registry", "resilience4j-standalone",
                "resilience4j-registry", "failsafe-standalone")) {
            figures.add(measure(subject, plain, rounds, "2g"));
        }
        figures.add(measure("breaker-keyed", keyed, quick ? 1 : 2, "2g"));
        figures.add(measure("failsafe-keyed", keyed, quick ? 1 : 2, "2g"));
        return figures;
    }

    private static Footprint measure(String subject, int count, int rounds, String maxHeap)
            throws IOException, InterruptedException {
        System.out.println("# Heap footprint: " + subject + " x " + count + ", rounds " + rounds);
        Process process = new ProcessBuilder(Machine.launcher(), "-XX:+UseSerialGC", "-Xmx" + maxHeap,
                "-cp", System.getProperty("java.class.path"),
                HeapFootprint.class.getName(), subject, String.valueOf(count), String.valueOf(rounds))
            .redirectErrorStream(true)
            .start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        Matcher matcher = FIGURES.matcher(out);
        if (exit != 0 || !matcher.find()) {
            throw new IllegalStateException("heap footprint of " + subject + " failed (exit " + exit + "):\n" + out);
        }
        System.out.println(matcher.group());
        return new Footprint(subject, count, rounds, Double.parseDouble(matcher.group(1)),
                Double.parseDouble(matcher.group(2)), Double.parseDouble(matcher.group(3)));
    }
}
