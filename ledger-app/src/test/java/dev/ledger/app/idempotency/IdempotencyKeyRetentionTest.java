package dev.ledger.app.idempotency;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.api.account.MovementId;
import dev.ledger.app.config.IdempotencySettings;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A key is found until the purge after its retention, and a cash movement retried under it is recognised only while
 * its account remembers it: the retention with the purge interval stays shorter, by an hour for the clocks.
 */
class IdempotencyKeyRetentionTest {

    private static final Duration HOURLY = Duration.ofHours(1);

    @Test
    void theShippedRetentionAndTheLongestAllowedStart() {
        assertThatCode(() -> retention(Duration.ofHours(48), HOURLY)).doesNotThrowAnyException();
        assertThatCode(() -> retention(MovementId.REMEMBERED_FOR.minusHours(2).minusMinutes(1), HOURLY))
                .doesNotThrowAnyException();
    }

    @Test
    void aRetentionThatOutlivesTheAccountsMemoryOfMovementsStopsTheStart() {
        assertThatThrownBy(() -> retention(MovementId.REMEMBERED_FOR, Duration.ofMinutes(1)))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("ledger.idempotency.retention");
        assertThatThrownBy(() -> retention(Duration.ofHours(48), MovementId.REMEMBERED_FOR))
                .hasMessageContaining("ledger.idempotency.purge-interval");
        assertThatThrownBy(() -> retention(MovementId.REMEMBERED_FOR.minusHours(2), HOURLY))
                .as("no hour left for the clocks").isInstanceOf(IllegalArgumentException.class);
    }

    private static IdempotencyKeyRetention retention(Duration retention, Duration purgeInterval) {
        return new IdempotencyKeyRetention(null, new IdempotencySettings(retention), purgeInterval);
    }
}
