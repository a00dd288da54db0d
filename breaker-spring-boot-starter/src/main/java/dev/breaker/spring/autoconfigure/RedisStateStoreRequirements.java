package dev.breaker.spring.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;
import org.springframework.util.ClassUtils;

/**
 * What {@code breaker.state-store.type=redis} needs on the class path, and the startup failure
 * that names what is missing when there is no state store.
 */
final class RedisStateStoreRequirements {

    private static final String[][] REQUIRED = {
        { "dev.breaker.redis.RedisStateStore", "breaker-redis (dev.breaker:breaker-redis)" },
        { "io.lettuce.core.RedisClient", "Lettuce (io.lettuce:lettuce-core)" },
        { "org.springframework.boot.data.redis.autoconfigure.DataRedisConnectionDetails",
            "Spring Boot's Redis support (org.springframework.boot:spring-boot-starter-data-redis)" } };

    private RedisStateStoreRequirements() {
    }

    /**
     * @param classLoader the application's class loader
     * @return the failure to start with when Redis is selected and no state store exists
     */
    static InvalidBreakerPropertyException noStateStore(@Nullable ClassLoader classLoader) {
        List<String> missing = new ArrayList<>();
        for (String[] requirement : REQUIRED) {
            if (!ClassUtils.isPresent(requirement[0], classLoader)) {
                missing.add(requirement[1]);
            }
        }
        String allowed = missing.isEmpty()
                ? "needs breaker-redis's state store, which BreakerRedisAutoConfiguration makes unless it is excluded, "
                        + "or a StateStore bean of your own"
                : "needs " + list(missing) + " on the class path; add "
                        + ((missing.size() == 1) ? "that dependency" : "those dependencies");
        return new InvalidBreakerPropertyException("breaker.state-store.type", null, "redis",
                allowed + ", or use 'memory' to keep state in this instance");
    }

    private static String list(List<String> items) {
        int last = items.size() - 1;
        return (last == 0) ? items.get(0) : String.join(", ", items.subList(0, last)) + " and " + items.get(last);
    }
}
