package dev.ledger.app.web.openapi;

import dev.ledger.app.web.openapi.DocumentedOperations.Documented;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.OpenAPI;
import io.swagger.v3.oas.models.Operation;
import io.swagger.v3.oas.models.PathItem;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.parameters.Parameter;
import io.swagger.v3.oas.models.responses.ApiResponse;
import io.swagger.v3.oas.models.responses.ApiResponses;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.springdoc.core.customizers.OpenApiCustomizer;

/**
 * Gives every operation of the document its name, tag, summary and the responses of {@link DocumentedOperations},
 * with problem+json for every failure, and examples that run as they are, in order, from Swagger UI as the demo
 * admin: open alice-eur and bob-eur, deposit, then transfer.
 */
class LedgerOperations implements OpenApiCustomizer {

    static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    /** Path and query parameters, by name, and a value that works with the request body examples. */
    private static final Map<String, Object> PARAMETER_EXAMPLES = Map.of(
            "accountId", "alice-eur",
            "transferId", "alice-rent-2026-12",
            "owner", "alice",
            "name", "account-view",
            "processingGroup", "account-view",
            "asOf", "2030-01-01T00:00:00Z",
            // The read side follows the event store: without a wait, a transfer read right after its request may
            // not be there yet, and the next example would answer 404.
            "waitSeconds", 5);

    /**
     * One key per operation: sent again as it is, a request replays its first answer, and a key that another
     * operation used would be refused as IDEMPOTENCY_KEY_REUSED.
     */
    private static final Map<String, String> IDEMPOTENCY_KEY_EXAMPLES = Map.of(
            "depositMoney", "alice-eur-deposit-1",
            "withdrawMoney", "alice-eur-withdrawal-1",
            "requestTransfer", "alice-rent-2026-12");

    /** Request bodies by operationId; more than one value gives Swagger UI a choice. */
    private static final Map<String, Map<String, Object>> BODY_EXAMPLES = Map.of(
            "openAccount", Map.of(
                    "alice", Map.of("owner", "alice", "currency", "EUR", "overdraftLimit", 0, "accountId", "alice-eur"),
                    "bob", Map.of("owner", "bob", "currency", "EUR", "overdraftLimit", 0, "accountId", "bob-eur")),
            "depositMoney", Map.of("cash in", Map.of("amount", 10000, "reference", "cash in at the counter")),
            "withdrawMoney", Map.of("cash out", Map.of("amount", 2500, "reference", "cash out at the counter")),
            "requestTransfer", Map.of("rent", Map.of("sourceAccountId", "alice-eur", "destinationAccountId", "bob-eur",
                    "amount", 2500, "currency", "EUR", "reference", "rent December", "transferId",
                    "alice-rent-2026-12")));

    /** The operations whose successes name the resource in a Location header; the admin ones answer 202 without. */
    private static final Set<String> LOCATION = Set.of("openAccount", "requestTransfer");

    private static final Map<Integer, String> SUCCESS = Map.of(
            200, "OK",
            201, "Created",
            202, "Accepted; the work goes on",
            204, "Done; no body");

    @Override
    public void customise(OpenAPI openApi) {
        Components components = openApi.getComponents() == null ? new Components() : openApi.getComponents();
        openApi.components(components);
        Problems problems = new Problems(components);
        openApi.getPaths().forEach((path, item) -> item.readOperationsMap()
                .forEach((method, operation) -> document(method, path, operation, problems)));
    }

    private static void document(PathItem.HttpMethod method, String path, Operation operation, Problems problems) {
        Documented documented = DocumentedOperations.of(method.name(), path).orElseGet(() -> DocumentedOperations
                .byDefault(method.name(), path, operation.getOperationId(), operation.getSummary()));
        operation.operationId(documented.operationId())
                .summary(documented.summary())
                .description(documented.description())
                .tags(null)
                .addTagsItem(documented.tag());
        if (operation.getParameters() != null) {
            operation.getParameters().forEach(parameter -> describe(parameter, documented.operationId()));
        }
        if (operation.getRequestBody() != null && BODY_EXAMPLES.containsKey(documented.operationId())) {
            operation.getRequestBody().getContent().values().forEach(media -> BODY_EXAMPLES
                    .get(documented.operationId())
                    .forEach((name, value) -> media.addExamples(name, new Example().value(value))));
        }
        operation.responses(responses(documented, operation, problems));
    }

    private static void describe(Parameter parameter, String operationId) {
        Object example = PARAMETER_EXAMPLES.get(parameter.getName());
        if (example != null) {
            parameter.example(example);
        }
        if (IDEMPOTENCY_KEY.equals(parameter.getName())) {
            parameter.example(IDEMPOTENCY_KEY_EXAMPLES.getOrDefault(operationId, operationId + "-1"));
            parameter.description("1 to 255 printable ASCII characters, scoped to the caller and kept for at least"
                    + " 24 hours. The same key with the same body replays the first answer; with another body it is"
                    + " refused with 422 IDEMPOTENCY_KEY_REUSED, and while the first is still running with 409. A"
                    + " request that failed without a refusal (503, 500, no answer) may have taken effect: sent again"
                    + " with the same key and body, it takes effect at most once.");
        }
    }

    /** Keeps the body springdoc found for the success answer, under each status the operation really answers. */
    private static ApiResponses responses(Documented documented, Operation operation, Problems problems) {
        // A handler returning ResponseEntity<?> gets a bare object under 200 next to its annotated 2xx: the named
        // schema wins.
        Content body = operation.getResponses() == null ? null : operation.getResponses().entrySet().stream()
                .filter(response -> response.getKey().startsWith("2") && response.getValue().getContent() != null
                        && !response.getValue().getContent().isEmpty())
                .map(response -> response.getValue().getContent())
                .min(Comparator.comparing(content -> content.values().stream()
                        .noneMatch(media -> media.getSchema() != null && media.getSchema().get$ref() != null)))
                .orElse(null);
        boolean idempotent = operation.getParameters() != null && operation.getParameters().stream()
                .anyMatch(parameter -> IDEMPOTENCY_KEY.equals(parameter.getName()));
        ApiResponses responses = new ApiResponses();
        for (int status : documented.successes()) {
            ApiResponse success = new ApiResponse().description(SUCCESS.getOrDefault(status, "Success"));
            if (status != 204 && body != null) {
                success.content(body);
            }
            if (LOCATION.contains(documented.operationId())) {
                success.addHeaderObject("Location", new Header().description("Where the resource can be read")
                        .schema(new StringSchema().format("uri-reference")));
            }
            if (idempotent) {
                success.addHeaderObject("Idempotent-Replayed", new Header()
                        .description("true when this is the stored answer to an earlier request with the same key")
                        .schema(new StringSchema()._enum(List.of("true"))));
            }
            responses.addApiResponse(String.valueOf(status), success);
        }
        Set<Integer> failures = documented.failures();
        failures.forEach(status -> responses.addApiResponse(String.valueOf(status), problems.referenceTo(status)));
        return responses;
    }
}
