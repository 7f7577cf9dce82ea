package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.money.Money;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class AccountOpenedUpcasterTest {

    private static final String TYPE = "dev.ledger.api.account.AccountOpened";

    private final AccountOpenedUpcaster upcaster = new AccountOpenedUpcaster();

    @Test
    void aRevisionOneOpeningWithoutAnOverdraftBecomesRevisionTwoWithAZeroLimitInItsCurrency() {
        IntermediateEventRepresentation upcast = upcastOne(TYPE, "1",
                "{\"accountId\":{\"value\":\"legacy-1\"},\"owner\":\"alice\",\"currency\":\"JPY\"}");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        JsonNode limit = upcast.getData(JsonNode.class).getData().path("overdraftLimit");
        assertThat(limit.path("minorUnits").asLong()).isZero();
        assertThat(limit.path("currency").asText()).isEqualTo("JPY");
        assertThat(deserialize(upcast)).isEqualTo(new AccountOpened(new AccountId("legacy-1"), "alice",
                Money.currencyOf("JPY"), Money.of(0, "JPY")));
    }

    @Test
    void aRevisionOneOpeningThatAlreadyHasAnOverdraftKeepsIt() {
        IntermediateEventRepresentation upcast = upcastOne(TYPE, "1",
                "{\"accountId\":{\"value\":\"legacy-2\"},\"owner\":\"bob\",\"currency\":\"EUR\","
                        + "\"overdraftLimit\":{\"minorUnits\":5000,\"currency\":\"EUR\"}}");

        assertThat(upcast.getType().getRevision()).isEqualTo("2");
        assertThat(deserialize(upcast).overdraftLimit()).isEqualTo(Money.of(5_000, "EUR"));
    }

    @Test
    void aRevisionTwoOpeningAndOtherEventsPassUntouched() {
        String opened = "{\"accountId\":{\"value\":\"new-1\"},\"owner\":\"carol\",\"currency\":\"EUR\","
                + "\"overdraftLimit\":{\"minorUnits\":100,\"currency\":\"EUR\"}}";

        assertThat(upcastOne(TYPE, "2", opened).getType().getRevision()).isEqualTo("2");
        assertThat(upcastOne("dev.ledger.api.account.AccountFrozen", "1", "{\"accountId\":{\"value\":\"x\"}}")
                .getType().getRevision()).isEqualTo("1");
    }

    private IntermediateEventRepresentation upcastOne(String type, String revision, String json) {
        return StoredEvents.upcastOne(upcaster, type, revision, json);
    }

    private AccountOpened deserialize(IntermediateEventRepresentation event) {
        return StoredEvents.deserialize(event);
    }
}
