package dev.breaker.redis;

/** The Lua scripts that make each store operation one atomic round trip. */
final class Scripts {

    /**
     * Stores a state and announces it, in this order, so that a subscriber that reads the key
     * after the message never sees an older value. An OPEN state that begins while the stored OPEN
     * period still runs (another instance tripped the same breaker first) is neither stored nor
     * announced: the script returns the stored value, which the publisher adopts, so that every
     * instance ends up with one open-until time and one half-open round. KEYS: state key; ARGV:
     * value, time to live in milliseconds, channel, message, state name, changed-at time.
     * Returns nil when stored and announced.
     */
    static final String PUBLISH = """
            if ARGV[5] == 'OPEN' then
              local current = redis.call('GET', KEYS[1])
              if type(current) == 'string' then
                local state, openUntil = string.match(current, '^v1|([%u_]+)|(%-?%d+)|')
                if state == 'OPEN' and tonumber(openUntil) > tonumber(ARGV[6]) then
                  return current
                end
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return false
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
