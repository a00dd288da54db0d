package dev.breaker.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.breaker.core.CircuitState;
import dev.breaker.core.store.BreakerId;
import dev.breaker.core.store.SharedState;
import org.junit.jupiter.api.Test;

class SharedStateFormatTest {

    private final SharedState open = new SharedState(CircuitState.OPEN, 1_700_000_030_000L, 2, 1_700_000_000_000L);

    @Test
    void valueReadsBackWhatItWroteWithTheFullBreakerId() {
        BreakerId id = new BreakerId("payment", "k".repeat(500));

        String value = SharedStateFormat.value(id, open);

        assertThat(value).isEqualTo("v2|OPEN|1700000030000|2|1700000000000|payment:" + "k".repeat(500) + "|~|~");
        assertThat(SharedStateFormat.parseValue(value)).isEqualTo(new SharedStateFormat.Stored(id, open));
    }

    @Test
    void messageCarriesTheInstanceAndTheBreaker() {
        BreakerId id = new BreakerId("pay ment", "user:1");

        String message = SharedStateFormat.message("host a", id, open);

        assertThat(message).isEqualTo("host%0020a v2|OPEN|1700000030000|2|1700000000000|pay%0020ment:user%003a1|~|~");
        assertThat(SharedStateFormat.parseMessage(message))
                .isEqualTo(new SharedStateFormat.Message("host a", id, open));
    }

    @Test
    void anOperatorsOverrideCarriesItsEndReasonAndNameEvenWithBarsAndTildes() {
        BreakerId id = new BreakerId("payment", null);
        SharedState forced = new SharedState(CircuitState.FORCED_OPEN, 1_700_000_600_000L, 0, 1_700_000_000_000L,
                "maintenance | window ~2h", "alice");
        assertThat(SharedStateFormat.parseValue(SharedStateFormat.value(id, forced)))
                .isEqualTo(new SharedStateFormat.Stored(id, forced));
        assertThat(SharedStateFormat.parseValue("v2|FORCED_OPEN|-1|0|1700000000000|payment").state().reason())
                .as("a value without them, as written before").isNull();
    }

    @Test
    void valuesThisVersionDidNotWriteAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("OPEN"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v1|OPEN|1|0|1"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v2|SIDEWAYS|1|0|1|a"))
                .withMessageContaining("unknown state SIDEWAYS");
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v2|HALF_OPEN|1|0|1|a"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v2|OPEN|soon|0|1|a"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v2|OPEN|1|0|1|a b"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseMessage("a b"));
    }
}
