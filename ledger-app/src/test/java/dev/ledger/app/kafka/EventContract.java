package dev.ledger.app.kafka;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import org.yaml.snakeyaml.Yaml;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The consumers' contract as published in {@code api-contracts}: the AsyncAPI document and the JSON Schema of
 * every message, read from the classpath as a consumer would read them from the jar.
 */
final class EventContract {

    static final String BASE = "asyncapi/v1/";

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final JsonNode document;
    /** The schemas' {@code $id}s name them; a reference by id is read from the jar, never fetched. */
    static final String SCHEMA_IDS = "https://ledger.dev/asyncapi/v1/schemas/";

    private final SchemaRegistry schemas = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(SCHEMA_IDS, "classpath:" + BASE + "schemas/")));
    private final Map<String, Schema> byEventName = new HashMap<>();

    EventContract() {
        try (InputStream yaml = resource(BASE + "ledger.asyncapi.yaml")) {
            document = JSON.valueToTree(new Yaml().load(yaml));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    JsonNode document() {
        return document;
    }

    /** The topic a channel of the document addresses, such as {@code ledger.accounts} for {@code accounts}. */
    String addressOf(String channel) {
        return document.path("channels").path(channel).path("address").asString();
    }

    /** The names of the messages the document puts on a channel. */
    Set<String> messagesOn(String channel) {
        return new TreeSet<>(document.path("channels").path(channel).path("messages").propertyNames());
    }

    /** The {@code axon-message-type} header the document gives for a message. */
    String axonTypeOf(String message) {
        return document.path("components").path("messages").path(message).path("x-axon-message-type").asString();
    }

    /** The payload schema of an event, by its simple name, such as {@code AccountDebited}. */
    Schema schemaOf(String eventName) {
        return byEventName.computeIfAbsent(eventName, name -> schemas.getSchema(
                SchemaLocation.of(SCHEMA_IDS + name + ".schema.json")));
    }

    /** The raw schema document of an event, to read its declared properties. */
    JsonNode schemaDocumentOf(String eventName) {
        try (InputStream schema = resource(BASE + "schemas/" + eventName + ".schema.json")) {
            return JSON.readTree(schema);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** What is wrong with {@code payload} as an {@code eventName}; empty when it conforms. */
    List<String> violations(String eventName, JsonNode payload) {
        return schemaOf(eventName).validate(payload).stream().map(Error::toString).toList();
    }

    private static InputStream resource(String path) {
        return Objects.requireNonNull(EventContract.class.getClassLoader().getResourceAsStream(path),
                () -> path + " is not on the classpath");
    }
}
