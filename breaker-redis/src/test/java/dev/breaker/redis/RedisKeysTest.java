package dev.breaker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.breaker.core.store.BreakerId;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("breaker:");

    @Test
    void plainNamesAndKeysStayReadable() {
        assertThat(keys.stateKey(new BreakerId("payment", null))).isEqualTo("breaker:payment");
        assertThat(keys.stateKey(new BreakerId("payment", "user-42"))).isEqualTo("breaker:payment:user-42");
        assertThat(keys.permitKey(new BreakerId("payment", null), 1700000000000L))
                .isEqualTo("breaker:payment|permits|1700000000000");
        assertThat(keys.channel()).isEqualTo("breaker:transitions");
    }

    @Test
    void namesAndKeysThatLookAlikeNeverShareARedisKey() {
        List<BreakerId> ids = List.of(new BreakerId("a:b", null), new BreakerId("a", "b"), new BreakerId("a", "b:"),
                new BreakerId("a:", "b"), new BreakerId("a", ""), new BreakerId("a", null), new BreakerId("a|permits|1", null),
                new BreakerId("a", "|permits|1"), new BreakerId("a b", null), new BreakerId("a+b", null),
                new BreakerId("a%20b", null));
        Set<String> stateKeys = new HashSet<>();
        Set<String> permitKeys = new HashSet<>();
        for (BreakerId id : ids) {
            stateKeys.add(keys.stateKey(id));
            permitKeys.add(keys.permitKey(id, 1));
        }

        assertThat(stateKeys).hasSize(ids.size()).doesNotContainAnyElementsOf(permitKeys);
        assertThat(permitKeys).hasSize(ids.size());
        assertThat(ids).allSatisfy(id -> assertThat(RedisKeys.parseIdPart(RedisKeys.idPart(id))).isEqualTo(id));
    }

    @Test
    void textThatIsNoEncodedIdIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart(""));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart(":key"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart("a:b:c"));
    }
}
