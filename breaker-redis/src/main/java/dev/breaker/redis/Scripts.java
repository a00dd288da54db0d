package dev.breaker.redis;

/** The Lua scripts that make each store operation one atomic round trip. */
final class Scripts {

    /**
     * Stores a state and announces it, in this order, so that a subscriber that reads the key
     * after the message never sees an older value. KEYS: state key; ARGV: value, time to live in
     * milliseconds, channel, message.
     */
    static final String PUBLISH = """
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 1
            """;

    /**
     * Takes a trial permit if fewer than the cap are out. KEYS: permit key; ARGV: cap, expiry in
     * milliseconds. Returns 1 when taken, 0 when all are out.
     */
    static final String ACQUIRE = """
            local taken = tonumber(redis.call('GET', KEYS[1]) or '0')
            if taken >= tonumber(ARGV[1]) then
              return 0
            end
            redis.call('INCR', KEYS[1])
            redis.call('PEXPIRE', KEYS[1], ARGV[2])
            return 1
            """;

    /**
     * Gives a trial permit back, never below zero and never creating an expired round again.
     * KEYS: permit key. Returns the permits out before the release.
     */
    static final String RELEASE = """
            local taken = tonumber(redis.call('GET', KEYS[1]) or '0')
            if taken > 0 then
              redis.call('DECR', KEYS[1])
            end
            return taken
            """;

    private Scripts() {
    }
}
