package dev.breaker.redis;

/**
 * The Lua scripts that make each store operation one atomic round trip. Each touches the keys of
 * one breaker only, which share a hash tag, so it runs on one node of a Redis Cluster too.
 */
final class Scripts {

    /** What {@link #PUBLISH} answers when it stored and announced the state. */
    static final String STORED = "stored";

    /** What {@link #PUBLISH} answers, before the count, when an OPEN waits for the quorum. */
    static final String BELOW_QUORUM = "below-quorum:";

    /**
     * Shares a transition. KEYS: state key, trips key; ARGV: value, time to live in milliseconds,
     * channel, message, state name, changed-at time, open quorum, instance id, open wait in
     * milliseconds.
     *
     * <ul>
     * <li>CLOSED deletes the state and the trips, and is announced only if there was a state to
     * undo: closing a breaker that only this instance had open is no news to the others.</li>
     * <li>An OPEN that begins while the stored OPEN period still runs (another instance tripped
     * first) is neither stored nor announced: the script answers the stored value, which the
     * publisher adopts, so that every instance has one open-until time and one half-open round.</li>
     * <li>An OPEN adds the instance to the trips of the last open wait, and is stored and
     * announced only once the quorum of distinct instances tripped; until then the script answers
     * {@link #BELOW_QUORUM} and the count.</li>
     * <li>Anything else (a forced state) is stored and announced.</li>
     * </ul>
     */
    static final String PUBLISH = """
            local state = ARGV[5]
            if state == 'CLOSED' then
              if redis.call('DEL', KEYS[1]) == 1 then
                redis.call('DEL', KEYS[2])
                redis.call('PUBLISH', ARGV[3], ARGV[4])
              else
                redis.call('ZREM', KEYS[2], ARGV[8])
              end
              return 'stored'
            end
            if state == 'OPEN' then
              local now = tonumber(ARGV[6])
              local wait = tonumber(ARGV[9])
              redis.call('ZREMRANGEBYSCORE', KEYS[2], '-inf', now - wait)
              redis.call('ZADD', KEYS[2], now, ARGV[8])
              redis.call('PEXPIRE', KEYS[2], wait)
              local current = redis.call('GET', KEYS[1])
              if type(current) == 'string' then
                local stored, openUntil = string.match(current, '^v2|([%u_]+)|(%-?%d+)|')
                if stored == 'OPEN' and tonumber(openUntil) > now then
                  return current
                end
              end
              local tripped = redis.call('ZCARD', KEYS[2])
              if tripped < tonumber(ARGV[7]) then
                return 'below-quorum:' .. tripped
              end
            end
            redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])
            redis.call('PUBLISH', ARGV[3], ARGV[4])
            return 'stored'
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

    /**
     * Writes a probe key that lives one second, to tell whether Redis accepts the store's
     * scripted writes again after refusing them. KEYS: probe key.
     */
    static final String PROBE = """
            return redis.call('SET', KEYS[1], '1', 'PX', 1000)
            """;

    private Scripts() {
    }
}
