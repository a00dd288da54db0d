package dev.breaker.sample;

import dev.breaker.core.ManualClock;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Runs the README walkthrough's command lines against the app, as a shell with curl, grep and
 * jq would, for the few forms the walkthrough uses: {@code curl} with {@code -s -X -H -d -o -w},
 * pipes into {@code grep [-E]} and {@code jq} (paths such as {@code .summary} or {@code .state},
 * and objects such as {@code {state, keys}}), {@code ; echo}, {@code > /dev/null},
 * {@code for i in 1 2 3; do ...; done}, and {@code sleep N}, which moves the app's clock.
 */
final class WalkthroughShell {

    private static final Pattern TOKEN = Pattern.compile("'([^']*)'|\"((?:[^\"\\\\]|\\\\.)*)\"|(\\S+)");

    private final Http http;

    private final ManualClock clock;

    private final ObjectMapper json = new ObjectMapper();

    WalkthroughShell(Http http, ManualClock clock) {
        this.http = http;
        this.clock = clock;
    }

    /**
     * @param line a command line, without the prompt
     * @return what it prints
     */
    String run(String line) {
        List<String> commands = splitOutsideQuotes(line, ';');
        StringBuilder out = new StringBuilder();
        for (Iterator<String> it = commands.iterator(); it.hasNext();) {
            String command = it.next().strip();
            if (command.startsWith("for ")) {
                int times = command.substring(command.indexOf(" in ") + 4).strip().split("\\s+").length;
                List<String> body = new ArrayList<>();
                for (String next = it.next().strip(); !next.equals("done"); next = it.next().strip()) {
                    body.add(next.startsWith("do ") ? next.substring(3) : next);
                }
                for (int i = 0; i < times; i++) {
                    body.forEach((each) -> out.append(pipeline(each)));
                }
            }
            else {
                out.append(pipeline(command));
            }
        }
        return out.toString();
    }

    private String pipeline(String command) {
        if (command.equals("echo")) {
            return "\n";
        }
        if (command.startsWith("sleep ")) {
            this.clock.advance(Duration.ofSeconds(Long.parseLong(command.substring(6).strip())));
            return "";
        }
        boolean discarded = command.endsWith("> /dev/null");
        List<String> stages = splitOutsideQuotes(discarded ? command.substring(0, command.length() - 11) : command, '|');
        String out = curl(tokens(stages.get(0)));
        for (String stage : stages.subList(1, stages.size())) {
            List<String> words = tokens(stage);
            out = switch (words.get(0)) {
                case "grep" -> grep(words.get(words.size() - 1), out);
                case "jq" -> jq(words.get(words.size() - 1), out);
                default -> throw new IllegalArgumentException("Unsupported command: " + stage);
            };
        }
        return discarded ? "" : out;
    }

    private String curl(List<String> words) {
        String method = null;
        String body = "";
        String format = null;
        boolean showBody = true;
        String url = null;
        Map<String, String> headers = new LinkedHashMap<>();
        for (int i = 1; i < words.size(); i++) {
            switch (words.get(i)) {
                case "-s" -> {
                }
                case "-X" -> method = words.get(++i);
                case "-H" -> {
                    String[] header = words.get(++i).split(":\\s*", 2);
                    headers.put(header[0], header[1]);
                }
                case "-d" -> body = words.get(++i);
                case "-o" -> showBody = !"/dev/null".equals(words.get(++i));
                case "-w" -> format = words.get(++i);
                default -> url = words.get(i);
            }
        }
        String path = url.substring(url.indexOf('/'));
        HttpResponse<String> response = this.http.send((method != null) ? method : body.isEmpty() ? "GET" : "POST",
                path, headers, body);
        return (showBody ? response.body() : "") + ((format != null) ? written(format, response) : "");
    }

    private static String written(String format, HttpResponse<String> response) {
        Matcher header = Pattern.compile("%header\\{([^}]+)}").matcher(format.replace("\\n", "\n"));
        String withHeaders = header.replaceAll((match) -> Matcher.quoteReplacement(
                response.headers().firstValue(match.group(1)).orElse("")));
        return withHeaders.replace("%{http_code}", String.valueOf(response.statusCode()));
    }

    private static String grep(String regex, String text) {
        Pattern pattern = Pattern.compile(regex);
        return text.lines().filter((line) -> pattern.matcher(line).find()).map((line) -> line + "\n")
            .collect(Collectors.joining());
    }

    private String jq(String filter, String text) {
        JsonNode input = this.json.readTree(text);
        JsonNode output;
        if (filter.startsWith("{")) {
            ObjectNode picked = this.json.createObjectNode();
            for (String field : filter.substring(1, filter.length() - 1).split(",")) {
                picked.set(field.strip(), input.get(field.strip()));
            }
            output = picked;
        }
        else {
            output = input;
            Matcher step = Pattern.compile("\\.\\[\"([^\"]+)\"]|\\.([A-Za-z][\\w-]*)").matcher(filter);
            while (step.find()) {
                output = output.get((step.group(1) != null) ? step.group(1) : step.group(2));
            }
        }
        return pretty(output, "") + "\n";
    }

    /** Prints JSON as jq does: two spaces per level, {@code "name": value}. */
    private static String pretty(JsonNode node, String indent) {
        String inner = indent + "  ";
        if (node.isObject() && !node.isEmpty()) {
            return node.properties().stream()
                .map((entry) -> inner + "\"" + entry.getKey() + "\": " + pretty(entry.getValue(), inner))
                .collect(Collectors.joining(",\n", "{\n", "\n" + indent + "}"));
        }
        if (node.isArray() && !node.isEmpty()) {
            List<String> items = new ArrayList<>();
            for (JsonNode item : node) {
                items.add(inner + pretty(item, inner));
            }
            return "[\n" + String.join(",\n", items) + "\n" + indent + "]";
        }
        return node.toString();
    }

    private static List<String> tokens(String command) {
        List<String> words = new ArrayList<>();
        Matcher token = TOKEN.matcher(command);
        while (token.find()) {
            words.add((token.group(1) != null) ? token.group(1)
                    : (token.group(2) != null) ? token.group(2).replace("\\\"", "\"") : token.group(3));
        }
        return words;
    }

    private static List<String> splitOutsideQuotes(String line, char separator) {
        List<String> parts = new ArrayList<>();
        StringBuilder part = new StringBuilder();
        char quote = 0;
        for (char c : line.toCharArray()) {
            if (quote == 0 && c == separator) {
                parts.add(part.toString());
                part.setLength(0);
                continue;
            }
            if (c == '\'' || c == '"') {
                quote = (quote == 0) ? c : (quote == c) ? 0 : quote;
            }
            part.append(c);
        }
        parts.add(part.toString());
        return parts;
    }
}
