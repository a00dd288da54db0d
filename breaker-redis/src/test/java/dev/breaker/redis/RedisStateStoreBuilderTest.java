package dev.breaker.redis;

import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;

import io.lettuce.core.RedisURI;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RedisStateStoreBuilderTest {

    private final RedisStateStore.Builder builder = RedisStateStore.builder(RedisURI.create("redis://127.0.0.1:1"));

    @Test
    void durationsMustBePositive() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder.ttl(Duration.ZERO))
                .withMessage("ttl must be at least 1ms, was PT0S");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.commandTimeout(Duration.ofMillis(-5)))
                .withMessageStartingWith("commandTimeout must be at least 1ms");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.permitExpiry(Duration.ofNanos(10)))
                .withMessageStartingWith("permitExpiry must be at least 1ms");
    }

    @Test
    void quorumMustBeAtLeastOneAndThePrefixFreeOfBraces() {
        assertThatIllegalArgumentException().isThrownBy(() -> builder.openQuorum(0))
                .withMessage("openQuorum must be at least 1, was 0");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.reconcileInterval(Duration.ZERO))
                .withMessageStartingWith("reconcileInterval must be at least 1ms");
        assertThatIllegalArgumentException().isThrownBy(() -> builder.keyPrefix("{breaker}:"))
                .withMessageContaining("must not contain '{' or '}'");
    }

    @Test
    void prefixAndClientAreRequired() {
        assertThatNullPointerException().isThrownBy(() -> builder.keyPrefix(null));
        assertThatNullPointerException().isThrownBy(() -> RedisStateStore.builder((RedisURI) null));
    }
}
