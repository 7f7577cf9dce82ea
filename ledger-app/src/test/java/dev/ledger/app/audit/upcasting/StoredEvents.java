package dev.ledger.app.audit.upcasting;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.annotation.JsonAutoDetect.Visibility;
import com.fasterxml.jackson.annotation.PropertyAccessor;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
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
import org.axonframework.serialization.upcasting.event.EventUpcaster;
import org.axonframework.serialization.upcasting.event.InitialEventRepresentation;
import org.axonframework.serialization.upcasting.event.IntermediateEventRepresentation;

/** Stored event rows as the storage engine hands them to upcasters, and the application's serializer. */
final class StoredEvents {

    // As the application's Axon serializer: fields, not getters, are the serialized state; instants are ISO-8601.
    static final Serializer SERIALIZER = JacksonSerializer.builder()
            .objectMapper(new ObjectMapper()
                    .registerModule(new JavaTimeModule())
                    .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                    .setVisibility(PropertyAccessor.ALL, Visibility.NONE)
                    .setVisibility(PropertyAccessor.FIELD, Visibility.ANY)
                    .setVisibility(PropertyAccessor.CREATOR, Visibility.ANY))
            .build();

    private StoredEvents() {
    }

    /** Upcasts one stored event of {@code type} and {@code revision} whose payload is {@code json}. */
    static IntermediateEventRepresentation upcastOne(EventUpcaster upcaster, String type, String revision,
                                                     String json) {
        List<IntermediateEventRepresentation> upcast = upcaster
                .upcast(Stream.of(new InitialEventRepresentation(new StoredEvent(type, revision, json), SERIALIZER)))
                .toList();
        assertThat(upcast).hasSize(1);
        return upcast.get(0);
    }

    static <T> T deserialize(IntermediateEventRepresentation event) {
        return SERIALIZER.deserialize(event.getData());
    }

    /** A row of the event store: JSON bytes. */
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
