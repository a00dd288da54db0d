package dev.breaker.sample.downstream;

/**
 * How one downstream service behaves: the fraction of calls that fail (spread evenly, so that
 * a rate of 0.5 fails every second call) and how long each call takes.
 *
 * @param failureRate the fraction of calls that answer 500, from 0 to 1
 * @param latencyMillis how long each call takes before it answers
 */
public record Behaviour(double failureRate, long latencyMillis) {

    /** A healthy, fast service. */
    public static final Behaviour HEALTHY = new Behaviour(0, 0);

    /** Checks the values. */
    public Behaviour {
        if (failureRate < 0 || failureRate > 1) {
            throw new IllegalArgumentException("failureRate must be between 0 and 1, was " + failureRate);
        }
        if (latencyMillis < 0) {
            throw new IllegalArgumentException("latencyMillis must not be negative, was " + latencyMillis);
        }
    }
}
