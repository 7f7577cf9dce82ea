package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.money.Money;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.eventhandling.EventData;
import org.axonframework.messaging.MetaData;
import org.axonframework.serialization.SerializedObject;
import org.axonframework.serialization.Serializer;
import org.axonframework.serialization.SimpleSerializedObject;
import org.axonframework.serialization.json.JacksonSerializer;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;
import org.junit.jupiter.api.Test;

class AccountOpenedUpcasterTest {

    private static final String TYPE = "dev.ledger.api.account.AccountOpened";

    // As the application's Axon serializer: fields, not getters, are the serialized state.
    private final Serializer serializer = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                    .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
            .build();
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
        List<IntermediateEventRepresentation> upcast = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(new StoredEvent(type, revision, json), serializer)))
                .toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    private AccountOpened deserialize(IntermediateEventRepresentation event) {
        return serializer.deserialize(event.getData());
    }

    /** A row of the event store as the storage engine hands it to the upcasters: JSON bytes. */
    private record StoredEvent(String payloadType, String revision, String json) implements EventData<byte[]> {

        @Override
        public String getEventIdentifier() {
            return "event-" + payloadType + "-" + revision;
        }

        @Override
        public Instant getTimestamp() {
            return Instant.parse("2025-01-02T03:04:05Z");
        }

        @Override
        public SerializedObject<byte[]> getMetaData() {
            return new SimpleSerializedObject<>("{}".getBytes(StandardCharsets.UTF_8), byte[].class,
                    MetaData.class.getName(), null);
        }

        @Override
        public SerializedObject<byte[]> getPayload() {
            return new SimpleSerializedObject<>(json.getBytes(StandardCharsets.UTF_8), byte[].class, payloadType,
                    revision);
        }
    }
}
