package dev.breaker.spring.actuate.health;

import dev.breaker.core.store.StateStore;
import dev.breaker.redis.RedisStateStore;
import java.util.LinkedHashMap;
import java.util.Map;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * The health details of a state store shared across instances: its type and whether it is
 * {@code available} or {@code degraded}, and why it is degraded (Redis unreachable, or refusing
 * commands and with what error). A store that lives in this instance has none.
 */
final class StateStoreDetails {

    private static final boolean REDIS_PRESENT = ClassUtils.isPresent("dev.breaker.redis.RedisStateStore",
            StateStoreDetails.class.getClassLoader());

    private StateStoreDetails() {
    }

    static @Nullable Map<String, Object> of(StateStore store) {
        return REDIS_PRESENT ? Redis.of(store) : null;
    }

    private static Map<String, Object> details(String type, @Nullable String degradedReason) {
        Map<String, Object> details = new LinkedHashMap<>();
        details.put("type", type);
        details.put("status", (degradedReason != null) ? "degraded" : "available");
        if (degradedReason != null) {
            details.put("reason", degradedReason);
        }
        return details;
    }

    /** Loaded only when breaker-redis is on the class path. */
    private static final class Redis {

        static @Nullable Map<String, Object> of(StateStore store) {
            return (store instanceof RedisStateStore redis) ? details("redis", redis.degradedReason()) : null;
        }
    }
}
