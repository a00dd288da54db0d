package dev.breaker.sample;

import java.util.Set;
import java.util.TreeSet;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The metric names and label names a PromQL query refers to, read well enough for the queries of
 * a dashboard: string literals, range durations and {@code $variables} are no names; a word
 * before {@code (} is a function or an aggregation; the words inside {@code by (...)},
 * {@code without (...)}, {@code on (...)} and {@code ignoring (...)} and before a matcher
 * inside braces are labels; every other word is a metric, except PromQL's keywords.
 */
final class PromQlNames {

    private static final Pattern STRING = Pattern.compile("\"(?:[^\"\\\\]|\\\\.)*\"|'(?:[^'\\\\]|\\\\.)*'");

    private static final Pattern RANGE = Pattern.compile("\\[[^\\]]*\\]");

    private static final Pattern VARIABLE = Pattern.compile("\\$\\w+");

    private static final Pattern MATCHERS = Pattern.compile("\\{([^}]*)\\}");

    private static final Pattern MATCHER_LABEL = Pattern.compile("([a-zA-Z_]\\w*)\\s*(?:=~|!~|!=|=)");

    private static final Pattern GROUPING = Pattern.compile(
            "\\b(?:by|without|on|ignoring|group_left|group_right)\\s*\\(([^)]*)\\)");

    private static final Pattern WORD = Pattern.compile("\\b[a-zA-Z_:][a-zA-Z0-9_:]*+(?!\\s*\\()");

    private static final Set<String> KEYWORDS = Set.of("and", "or", "unless", "bool", "offset", "by", "without", "on",
            "ignoring", "group_left", "group_right", "inf", "nan");

    private final Set<String> metrics = new TreeSet<>();

    private final Set<String> labels = new TreeSet<>();

    PromQlNames(String query) {
        String rest = VARIABLE.matcher(RANGE.matcher(STRING.matcher(query).replaceAll(" ")).replaceAll(" "))
            .replaceAll(" ");
        rest = collect(MATCHERS, rest, (matchers) -> collectAll(MATCHER_LABEL, matchers));
        rest = collect(GROUPING, rest, (list) -> {
            for (String label : list.split(",")) {
                if (!label.isBlank()) {
                    this.labels.add(label.trim());
                }
            }
        });
        Matcher word = WORD.matcher(rest);
        while (word.find()) {
            boolean number = word.start() > 0 && Character.isDigit(rest.charAt(word.start() - 1));
            if (!number && !KEYWORDS.contains(word.group().toLowerCase())) {
                this.metrics.add(word.group());
            }
        }
    }

    Set<String> metrics() {
        return this.metrics;
    }

    Set<String> labels() {
        return this.labels;
    }

    private void collectAll(Pattern pattern, String text) {
        Matcher matcher = pattern.matcher(text);
        while (matcher.find()) {
            this.labels.add(matcher.group(1));
        }
    }

    private static String collect(Pattern pattern, String text, Consumer<String> inside) {
        Matcher matcher = pattern.matcher(text);
        StringBuilder rest = new StringBuilder();
        while (matcher.find()) {
            inside.accept(matcher.group(1));
            matcher.appendReplacement(rest, " ");
        }
        matcher.appendTail(rest);
        return rest.toString();
    }
}
