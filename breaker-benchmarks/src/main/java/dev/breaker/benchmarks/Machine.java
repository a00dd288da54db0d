package dev.breaker.benchmarks;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/** What the figures were measured on: processors, CPU model, memory and the JVM. */
record Machine(int processors, String cpu, String memory, String javaVersion) {

    private static final Pattern LOAD_AVERAGES = Pattern.compile("([0-9.]+) [0-9.]+ [0-9.]+");

    static Machine describe() {
        return new Machine(Runtime.getRuntime().availableProcessors(), cpuModel(), totalMemory(),
                javaVersion(launcher()));
    }

    /** @return the java launcher of the running JVM, which the child JVMs use too */
    static String launcher() {
        return Path.of(System.getProperty("java.home"), "bin", "java").toString();
    }

    /** @return the 1, 5 and 15 minute load averages, which say how busy the machine was */
    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg"), StandardCharsets.UTF_8).trim().split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        }
        catch (IOException | RuntimeException ex) {
            return "unknown";
        }
    }

    /**
     * @param loads text holding load averages as {@link #loadAverage()} writes them
     * @return the highest one-minute load average in it, or 0 when there is none
     */
    static double highestLoad(String loads) {
        Matcher matcher = LOAD_AVERAGES.matcher(loads);
        double highest = 0;
        while (matcher.find()) {
            highest = Math.max(highest, Double.parseDouble(matcher.group(1)));
        }
        return highest;
    }

    private static String cpuModel() {
        String model = firstValue(Path.of("/proc/cpuinfo"), "model name");
        return (model != null) ? model : "unknown";
    }

    private static String totalMemory() {
        String total = firstValue(Path.of("/proc/meminfo"), "MemTotal");
        if (total == null) {
            return "unknown";
        }
        long kib = Long.parseLong(total.replace("kB", "").trim());
        return (kib / (1024 * 1024)) + " GiB";
    }

    /** @return the value of the first line of a file that starts with the field, or null */
    private static @Nullable String firstValue(Path file, String field) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            for (String line : lines) {
                if (line.startsWith(field)) {
                    return line.substring(line.indexOf(':') + 1).trim();
                }
            }
        }
        catch (IOException ex) {
            // not Linux: say unknown
        }
        return null;
    }

    private static String javaVersion(String java) {
        try {
            Process process = new ProcessBuilder(java, "-version").redirectErrorStream(true).start();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            process.waitFor(30, TimeUnit.SECONDS);
            return out;
        }
        catch (IOException ex) {
            return System.getProperty("java.vm.name") + " " + System.getProperty("java.version");
        }
        catch (InterruptedException ex) {
            Thread.currentThread().interrupt();
            return System.getProperty("java.version");
        }
    }
}
