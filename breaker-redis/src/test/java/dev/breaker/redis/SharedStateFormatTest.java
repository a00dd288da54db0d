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
    void valueReadsBackWhatItWrote() {
        String value = SharedStateFormat.value(open);

        assertThat(value).isEqualTo("v1|OPEN|1700000030000|2|1700000000000");
        assertThat(SharedStateFormat.parseValue(value)).isEqualTo(open);
    }

    @Test
    void messageCarriesTheInstanceAndTheBreaker() {
        BreakerId id = new BreakerId("pay ment", "user:1");

        String message = SharedStateFormat.message("host a", id, open);

        assertThat(message).isEqualTo("host+a pay+ment:user%3A1 v1|OPEN|1700000030000|2|1700000000000");
        assertThat(SharedStateFormat.parseMessage(message))
                .isEqualTo(new SharedStateFormat.Message("host a", id, open));
    }

    @Test
    void valuesThisVersionDidNotWriteAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("OPEN"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v2|OPEN|1|0|1"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v1|SIDEWAYS|1|0|1"))
                .withMessageContaining("unknown state SIDEWAYS");
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v1|HALF_OPEN|1|0|1"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseValue("v1|OPEN|soon|0|1"));
        assertThatIllegalArgumentException().isThrownBy(() -> SharedStateFormat.parseMessage("a b"));
    }
}
