package dev.ledger.app.web.openapi;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.app.web.ProblemResponses;
import io.swagger.v3.oas.models.Components;
import io.swagger.v3.oas.models.examples.Example;
import io.swagger.v3.oas.models.headers.Header;
import io.swagger.v3.oas.models.media.ArraySchema;
import io.swagger.v3.oas.models.media.Content;
import io.swagger.v3.oas.models.media.IntegerSchema;
import io.swagger.v3.oas.models.media.MediaType;
import io.swagger.v3.oas.models.media.ObjectSchema;
import io.swagger.v3.oas.models.media.Schema;
import io.swagger.v3.oas.models.media.StringSchema;
import io.swagger.v3.oas.models.responses.ApiResponse;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;

/**
 * The {@code Problem} schema of RFC 9457 bodies and one reusable response per failing status, added to the
 * document's components as operations come to refer to them, so none is left unused.
 */
final class Problems {

    static final String SCHEMA = "Problem";
    static final String PROBLEM_JSON = org.springframework.http.MediaType.APPLICATION_PROBLEM_JSON_VALUE;

    /** What each failing status means here, and the code its example shows. */
    private record Failure(String name, String description, String exampleCode, String exampleDetail,
                           List<String> webCodes) {

        Failure(String name, String description, String exampleCode, String exampleDetail, String... webCodes) {
            this(name, description, exampleCode, exampleDetail, List.of(webCodes));
        }
    }

    private static final Map<Integer, Failure> FAILURES = Map.ofEntries(
            Map.entry(400, new Failure("BadRequest", "The request is malformed or invalid: bad JSON, unknown"
                    + " fields, wrong types, a bad amount, currency or id, or a missing Idempotency-Key",
                    "VALIDATION_FAILED", "amount must be a whole number of minor units from 1 to 1000000000000000000",
                    "VALIDATION_FAILED", "IDEMPOTENCY_KEY_MISSING", "PROJECTION_NOT_FOUND",
                    "PROJECTION_NOT_REBUILDABLE")),
            Map.entry(401, new Failure("Unauthenticated", "No valid credentials", "UNAUTHENTICATED",
                    "Authentication is required: send valid credentials", "UNAUTHENTICATED")),
            Map.entry(403, new Failure("Forbidden", "The caller's role does not allow the request, or the request"
                    + " sets a property the caller may not set", "FORBIDDEN",
                    "The caller's role does not allow this request", "FORBIDDEN")),
            Map.entry(404, new Failure("NotFound", "The account or transfer does not exist, or is not the caller's",
                    LedgerErrorCode.ACCOUNT_NOT_FOUND.name(), "No account alice-eur", "NOT_FOUND")),
            Map.entry(409, new Failure("Conflict", "The id is taken, or a request with the same Idempotency-Key is"
                    + " still running", LedgerErrorCode.ACCOUNT_EXISTS.name(), "Account alice-eur exists",
                    "CONCURRENT_REQUEST")),
            Map.entry(413, new Failure("PayloadTooLarge", "The request body is over the limit", "PAYLOAD_TOO_LARGE",
                    "The request body is over the limit", "PAYLOAD_TOO_LARGE")),
            Map.entry(415, new Failure("UnsupportedMediaType", "The request body is not JSON",
                    "UNSUPPORTED_MEDIA_TYPE", "Unsupported Media Type", "UNSUPPORTED_MEDIA_TYPE")),
            Map.entry(422, new Failure("UnprocessableContent", "A business rule refuses the request, or its"
                    + " Idempotency-Key was used with another body", LedgerErrorCode.INSUFFICIENT_FUNDS.name(),
                    "Insufficient funds in alice-eur", "IDEMPOTENCY_KEY_REUSED")),
            Map.entry(500, new Failure("InternalError", "The ledger failed; nothing was acknowledged",
                    "INTERNAL_ERROR", "The ledger could not complete the request; nothing was acknowledged.",
                    "INTERNAL_ERROR")),
            Map.entry(503, new Failure("ServiceUnavailable", "The node that was to handle the request went away;"
                    + " send it again, with the same Idempotency-Key", "SERVICE_UNAVAILABLE",
                    "The ledger node that was to handle this request went away.", "SERVICE_UNAVAILABLE")));

    private final Components components;

    Problems(Components components) {
        this.components = components;
        components.addSchemas(SCHEMA, schema());
    }

    /** A reference to the reusable response for {@code status}, which is added to the components on first use. */
    ApiResponse referenceTo(int status) {
        Failure failure = FAILURES.get(status);
        if (failure == null) {
            throw new IllegalStateException("No problem response for status " + status);
        }
        if (components.getResponses() == null || !components.getResponses().containsKey(failure.name())) {
            components.addResponses(failure.name(), response(status, failure));
        }
        return new ApiResponse().$ref("#/components/responses/" + failure.name());
    }

    private static ApiResponse response(int status, Failure failure) {
        ProblemDetail example = ProblemResponses.problem(HttpStatus.valueOf(status), failure.exampleCode(),
                failure.exampleDetail());
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("type", example.getType().toString());
        value.put("title", example.getTitle());
        value.put("status", example.getStatus());
        value.put("detail", example.getDetail());
        value.put("code", failure.exampleCode());
        if (status == 400) {
            value.put("errors", List.of(Map.of("in", "body", "field", "amount", "reason",
                    "must be a whole number of minor units from 1 to 1000000000000000000")));
        }
        ApiResponse response = new ApiResponse()
                .description(failure.description() + ". Codes: " + codesAt(status))
                .content(new Content().addMediaType(PROBLEM_JSON, new MediaType()
                        .schema(new Schema<>().$ref("#/components/schemas/" + SCHEMA))
                        .addExamples(failure.exampleCode(), new Example().value(value))));
        if (status == 401) {
            response.addHeaderObject("WWW-Authenticate", new Header().description("The scheme to authenticate with")
                    .schema(new StringSchema()));
        }
        if (status == 503) {
            response.addHeaderObject("Retry-After", new Header().description("Seconds to wait before sending again")
                    .schema(new IntegerSchema()));
        }
        return response;
    }

    /** The web layer's codes for this status, then the business rules' as ProblemResponses maps them. */
    private static String codesAt(int status) {
        return Stream.concat(FAILURES.get(status).webCodes().stream(), Arrays.stream(LedgerErrorCode.values())
                        .filter(code -> ProblemResponses.of(new LedgerRuleViolation(code, code.name())).getStatus()
                                == status)
                        .map(Enum::name))
                .collect(Collectors.joining(", "));
    }

    private static Schema<?> schema() {
        Schema<?> location = new ObjectSchema()
                .addProperty("in", new StringSchema()._enum(List.of("body", "query", "path", "header"))
                        .description("Where the input is"))
                .addProperty("field", new StringSchema().description("The field, parameter or header, by name"))
                .addProperty("reason", new StringSchema().description("What is wrong with it"));
        location.required(List.of("in", "field", "reason"));
        Schema<?> problem = new ObjectSchema()
                .description("An RFC 9457 problem: every 4xx and 5xx answer of the ledger")
                .addProperty("type", new StringSchema().format("uri-reference")
                        .description("Identifies the kind of problem, such as urn:ledger:problem:account-not-found"))
                .addProperty("title", new StringSchema().description("The status's reason phrase"))
                .addProperty("status", new IntegerSchema().description("The HTTP status"))
                .addProperty("detail", new StringSchema().description("What went wrong with this request"))
                .addProperty("instance", new StringSchema().format("uri-reference")
                        .description("The request the problem is about, when known"))
                .addProperty("code", new StringSchema()._enum(ProblemCodes.all())
                        .description("A stable upper-snake identifier; a published code never changes"))
                .addProperty("errors", new ArraySchema().items(location)
                        .description("The inputs at fault, on a 400 about specific input"));
        problem.required(List.of("type", "title", "status", "detail", "code"));
        return problem;
    }
}
