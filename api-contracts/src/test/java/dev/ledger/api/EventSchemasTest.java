package dev.ledger.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The AsyncAPI payload schemas as a consumer's validator reads them: each names itself by an {@code $id}, so that a
 * relative {@code $ref} such as {@code common.schema.json#/definitions/Money} resolves by id, without the files
 * beside it; every reference points at something that exists; and the sample events of {@code samples.json}, which
 * the ajv check reads too, conform or, where broken on purpose, do not.
 */
class EventSchemasTest {

    private static final String ID_BASE = "https://ledger.dev/asyncapi/v1/schemas/";
    private static final String SCHEMAS = "asyncapi/v1/schemas/";
    private static final JsonMapper JSON = JsonMapper.builder().build();

    /** Resolves the ids to the jar's copies: the ids name the schemas, nothing is fetched from them. */
    private final SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_7,
            builder -> builder.schemaIdResolvers(ids -> ids.mapPrefix(ID_BASE, "classpath:" + SCHEMAS)));

    static Stream<String> schemaFiles() throws IOException, URISyntaxException {
        Path directory = Path.of(EventSchemasTest.class.getClassLoader().getResource(SCHEMAS).toURI());
        try (Stream<Path> files = Files.list(directory)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.endsWith(".schema.json"))
                    .sorted()
                    .toList()
                    .stream();
        }
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everySchemaIsNamedByAnIdEndingInItsFileName(String file) {
        assertThat(document(file).path("$id").asString()).isEqualTo(ID_BASE + file);
    }

    @ParameterizedTest
    @MethodSource("schemaFiles")
    void everyReferenceResolvesByIdToADefinitionThatExists(String file) {
        List<String> references = new ArrayList<>();
        collectReferences(document(file), references);

        for (String reference : references) {
            URI target = URI.create(ID_BASE + file).resolve(reference);
            assertThat(target.toString()).as(reference).startsWith(ID_BASE);
            String targetFile = target.getPath().substring(target.getPath().lastIndexOf('/') + 1);
            JsonNode definition = document(targetFile).at(target.getFragment() == null ? "" : target.getFragment());
            assertThat(definition.isMissingNode()).as(file + ": " + reference).isFalse();
        }
    }

    @Test
    void everyEventHasSamplesThatConformAndBrokenOnesThatDoNot() throws URISyntaxException, IOException {
        JsonNode events = JSON.readTree(EventSchemasTest.class.getClassLoader()
                .getResourceAsStream("asyncapi/v1/samples.json")).path("events");
        assertThat(schemaFiles().filter(file -> !file.equals("common.schema.json"))
                .map(file -> file.replace(".schema.json", "")))
                .allMatch(events::has);

        for (Map.Entry<String, JsonNode> event : events.properties()) {
            Schema schema = registry.getSchema(SchemaLocation.of(ID_BASE + event.getKey() + ".schema.json"));
            for (JsonNode valid : event.getValue().path("valid")) {
                assertThat(schema.validate(valid)).as(event.getKey() + " " + valid).isEmpty();
            }
            for (JsonNode invalid : event.getValue().path("invalid")) {
                assertThat(schema.validate(invalid)).as(event.getKey() + " " + invalid).isNotEmpty();
            }
        }
    }

    private static void collectReferences(JsonNode node, List<String> references) {
        if (node.has("$ref")) {
            references.add(node.path("$ref").asString());
        }
        node.values().forEach(child -> collectReferences(child, references));
    }

    private static JsonNode document(String file) {
        return JSON.readTree(EventSchemasTest.class.getClassLoader().getResourceAsStream(SCHEMAS + file));
    }
}
