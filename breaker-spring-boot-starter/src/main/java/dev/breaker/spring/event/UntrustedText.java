package dev.breaker.spring.event;

/**
 * Text that callers chose, such as a breaker's key (a user id from a request) or a value sent
 * to the actuator endpoint, made safe to write to a log or to repeat in a response: cut to
 * {@value #MAX_LENGTH} characters with a note of its full length, and, for logs, with control
 * characters escaped so that it cannot forge a log line.
 */
public final class UntrustedText {

    /** The most characters of untrusted text that a log line or a response repeats. */
    public static final int MAX_LENGTH = 200;

    /**
     * The most characters of a transition's detail that a log line or a response repeats: a
     * sentence around untrusted pieces, such as an operator's name and reason, each of which may
     * be up to {@value #MAX_LENGTH} characters long.
     */
    public static final int MAX_DETAIL_LENGTH = 2 * MAX_LENGTH + 100;

    private UntrustedText() {
    }

    /**
     * @param text untrusted text
     * @return the text, cut to {@value #MAX_LENGTH} characters with a note of its length
     */
    public static String bounded(String text) {
        return bounded(text, MAX_LENGTH);
    }

    private static String bounded(String text, int maxLength) {
        if (text.length() <= maxLength) {
            return text;
        }
        return text.substring(0, maxLength) + "... (" + text.length() + " characters)";
    }

    /**
     * @param text untrusted text
     * @return the text {@link #bounded(String) bounded}, on one line: backslashes and control
     * characters escaped as in Java ({@code \n}, {@code \u001b}), line and paragraph separators
     * too
     */
    public static String forLog(String text) {
        return forLog(text, MAX_LENGTH);
    }

    /**
     * @param text untrusted text
     * @param maxLength the most characters repeated
     * @return the text cut to {@code maxLength} characters with a note of its length, on one
     * line as {@link #forLog(String)} writes it
     */
    public static String forLog(String text, int maxLength) {
        String bounded = bounded(text, maxLength);
        StringBuilder escaped = new StringBuilder(bounded.length());
        for (int i = 0; i < bounded.length(); i++) {
            char c = bounded.charAt(i);
            switch (c) {
                case '\\' -> escaped.append("\\\\");
                case '\n' -> escaped.append("\\n");
                case '\r' -> escaped.append("\\r");
                case '\t' -> escaped.append("\\t");
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        escaped.append(String.format("\\u%04x", (int) c));
                    }
                    else {
                        escaped.append(c);
                    }
                }
            }
        }
        return escaped.toString();
    }
}
