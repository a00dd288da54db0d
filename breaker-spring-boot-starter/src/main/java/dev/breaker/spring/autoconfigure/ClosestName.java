package dev.breaker.spring.autoconfigure;

import java.util.Collection;
import org.jspecify.annotations.Nullable;

/**
 * Finds the name a user most likely meant: the candidate at the smallest edit distance
 * (insertions, deletions and substitutions of single characters) from what was written.
 */
final class ClosestName {

    private ClosestName() {
    }

    /**
     * @param written the name as written
     * @param candidates the names that exist
     * @return the candidate closest to what was written, the first of equally close ones, or
     * {@code null} when there are no candidates
     */
    static @Nullable String to(String written, Collection<String> candidates) {
        String closest = null;
        int best = Integer.MAX_VALUE;
        for (String candidate : candidates) {
            int distance = distance(written, candidate);
            if (distance < best) {
                best = distance;
                closest = candidate;
            }
        }
        return closest;
    }

    private static int distance(String a, String b) {
        int[] previous = new int[b.length() + 1];
        int[] current = new int[b.length() + 1];
        for (int j = 0; j <= b.length(); j++) {
            previous[j] = j;
        }
        for (int i = 1; i <= a.length(); i++) {
            current[0] = i;
            for (int j = 1; j <= b.length(); j++) {
                int substitution = previous[j - 1] + ((a.charAt(i - 1) == b.charAt(j - 1)) ? 0 : 1);
                current[j] = Math.min(substitution, Math.min(previous[j], current[j - 1]) + 1);
            }
            int[] swap = previous;
            previous = current;
            current = swap;
        }
        return previous[b.length()];
    }
}
