package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.money.Money;
import java.nio.charset.StandardCharsets;
import org.axonframework.serialization.SimpleSerializedObject;
import org.junit.jupiter.api.Test;

/**
 * {@code movementId} came to the cash movements within revision 1, as a field that may be null, so the deposits and
 * withdrawals stored before it read as they are, as movements without an id, and need no upcaster.
 */
class CashMovementsBeforeMovementIdsTest {

    private static final String BEFORE = "{\"accountId\":{\"value\":\"a-1\"},"
            + "\"amount\":{\"minorUnits\":700,\"currency\":\"EUR\"},\"reference\":\"cash\","
            + "\"balanceAfter\":{\"minorUnits\":700,\"currency\":\"EUR\"}}";

    @Test
    void aDepositAndAWithdrawalStoredBeforeMovementIdsReadAsMovementsWithoutOne() {
        assertThat(this.<MoneyDeposited>stored("dev.ledger.api.account.MoneyDeposited", BEFORE))
                .isEqualTo(new MoneyDeposited(new AccountId("a-1"), null, eur(700), "cash", eur(700)));
        assertThat(this.<MoneyWithdrawn>stored("dev.ledger.api.account.MoneyWithdrawn", BEFORE))
                .isEqualTo(new MoneyWithdrawn(new AccountId("a-1"), null, eur(700), "cash", eur(700)));
    }

    @Test
    void aMovementStoredWithItsIdKeepsIt() {
        String with = BEFORE.replace("\"reference\"", "\"movementId\":{\"value\":\"m-1\"},\"reference\"");

        assertThat(this.<MoneyDeposited>stored("dev.ledger.api.account.MoneyDeposited", with).movementId())
                .isEqualTo(new MovementId("m-1"));
    }

    private <T> T stored(String type, String json) {
        return StoredEvents.SERIALIZER.deserialize(new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8),
                byte[].class, type, "1"));
    }

    private static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }
}
