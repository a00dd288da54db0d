package dev.breaker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.breaker.core.store.BreakerId;
import java.nio.charset.StandardCharsets;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class RedisKeysTest {

    private final RedisKeys keys = new RedisKeys("breaker:");

    @Test
    void plainNamesAndKeysStayReadableAndEachBreakerHasOneHashTag() {
        BreakerId payment = new BreakerId("payment", null);

        assertThat(keys.stateKey(payment)).isEqualTo("breaker:{payment}");
        assertThat(keys.stateKey(new BreakerId("payment", "user-42"))).isEqualTo("breaker:{payment:user-42}");
        assertThat(keys.permitKey(payment, 1700000000000L)).isEqualTo("breaker:{payment}:permits:1700000000000");
        assertThat(keys.tripsKey(payment)).isEqualTo("breaker:{payment}:trips");
        assertThat(keys.channel()).isEqualTo("breaker:transitions");
    }

    @Test
    void namesAndKeysThatLookAlikeNeverShareARedisKey() {
        List<BreakerId> ids = List.of(new BreakerId("a:b", null), new BreakerId("a", "b"), new BreakerId("a", "b:"),
                new BreakerId("a:", "b"), new BreakerId("a", ""), new BreakerId("a", null),
                new BreakerId("a:permits:1", null), new BreakerId("a", ":permits:1"), new BreakerId("a b", null),
                new BreakerId("a+b", null), new BreakerId("a%20b", null), new BreakerId("a%0020b", null),
                new BreakerId("a}b", null), new BreakerId("user\uD800", null), new BreakerId("user?", null),
                new BreakerId("user\uDC00", null), new BreakerId("user\uFFFD", null));
        Set<String> stateKeys = new HashSet<>();
        Set<String> otherKeys = new HashSet<>();
        for (BreakerId id : ids) {
            stateKeys.add(keys.stateKey(id));
            otherKeys.add(keys.permitKey(id, 1));
            otherKeys.add(keys.tripsKey(id));
        }

        assertThat(stateKeys).hasSize(ids.size()).doesNotContainAnyElementsOf(otherKeys);
        assertThat(otherKeys).hasSize(2 * ids.size());
        assertThat(ids).allSatisfy(id -> assertThat(RedisKeys.parseIdPart(RedisKeys.idPart(id))).isEqualTo(id));
    }

    @Test
    void aLongKeyIsStoredUnderItsHashAndNoKeyIsLongerThanTheBound() {
        BreakerId longest = new BreakerId("payment", "k".repeat(10_000));
        BreakerId almost = new BreakerId("payment", "k".repeat(10_000 - 1));
        BreakerId fits = new BreakerId("p", "k".repeat(RedisKeys.MAX_ID_LENGTH - 2));

        String key = keys.stateKey(longest);

        assertThat(key).matches("breaker:\\{#[0-9a-f]{64}}");
        assertThat(key.getBytes(StandardCharsets.UTF_8).length).isLessThan(100);
        assertThat(keys.stateKey(almost)).isNotEqualTo(key);
        assertThat(keys.permitKey(longest, 1)).startsWith(key);
        assertThat(keys.stateKey(fits)).isEqualTo("breaker:{p:" + fits.key() + "}");
    }

    @Test
    void encodingReadsBackAnyString() {
        for (String text : List.of("", "plain-Name_1.0", "ümlaut ✓ 😀", "\uD800", "\uDFFF\uD800", "%0041", "{}:| ")) {
            assertThat(RedisKeys.decode(RedisKeys.encode(text))).isEqualTo(text);
        }
        assertThat(RedisKeys.encode("a b")).isEqualTo("a%0020b");
    }

    @Test
    void textThatIsNoEncodedIdIsRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart(""));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart(":key"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.parseIdPart("a:b:c"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.decode("a%00"));
        assertThatIllegalArgumentException().isThrownBy(() -> RedisKeys.decode("a b"));
    }

    @Test
    void aPrefixWithABraceIsRefusedBecauseItWouldMoveTheHashSlot() {
        assertThatIllegalArgumentException().isThrownBy(() -> new RedisKeys("breaker{x}:"))
                .withMessageContaining("keyPrefix must not contain '{' or '}'");
    }
}
