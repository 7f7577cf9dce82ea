package dev.ledger.app.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.LedgerClient.Response;
import dev.ledger.app.TestIdentities;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.function.Supplier;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The OpenAPI document says what the ledger does: every operation is named, tagged and summarised, has its
 * success and its problem+json failures, and no status that real requests get is missing from it. It also writes
 * the document to target/openapi.json, which CI lints with Spectral and Redocly.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class OpenApiDocumentTest {

    private static final Set<String> METHODS = Set.of("get", "put", "post", "delete", "patch", "head", "options");
    private static final String KEY = "Idempotency-Key";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    LedgerClient admin;
    JsonNode document;

    @BeforeAll
    void fetchTheDocument() throws IOException {
        admin = new LedgerClient(port, environment);
        Response served = admin.withAuthorization(null).get("/v3/api-docs");
        assertThat(served.status()).as(served.raw()).isEqualTo(200);
        document = served.json();
        Files.createDirectories(Path.of("target"));
        Files.writeString(Path.of("target", "openapi.json"), document.toPrettyString());
    }

    @Test
    void namesTheLedgerAndTheContractVersion() {
        assertThat(document.path("info").path("title").asString()).isEqualTo(OpenApiConfiguration.TITLE);
        assertThat(document.path("info").path("version").asString()).isEqualTo(OpenApiConfiguration.API_VERSION);
        assertThat(document.path("info").path("description").asString()).isNotBlank();
    }

    /** HTTP Basic where the demo users are on (the embedded default), JWT bearer tokens where they are off. */
    @Test
    void documentsTheOneSchemeThisLedgerAccepts() {
        boolean demoUsers = TestIdentities.demoUsersOn(environment);
        String scheme = demoUsers ? OpenApiConfiguration.BASIC : OpenApiConfiguration.BEARER;
        JsonNode schemes = document.path("components").path("securitySchemes");
        assertThat(schemes.propertyNames()).containsExactly(scheme);
        assertThat(schemes.path(scheme).path("scheme").asString()).isEqualTo(demoUsers ? "basic" : "bearer");
        assertThat(document.path("security").get(0).has(scheme)).isTrue();
    }

    @Test
    void showsNoCallerParameterBecauseTheCallerComesFromTheCredentials() {
        operations().forEach((route, operation) -> operation.path("parameters").forEach(parameter ->
                assertThat(parameter.path("name").asString()).as(route).isNotEqualToIgnoringCase("caller")));
        assertThat(document.path("components").path("schemas").has("Caller")).isFalse();
    }

    /** Whoever adds a route adds it to DocumentedOperations, which the defaults only stand in for meanwhile. */
    @Test
    void documentsEveryOperationFromTheTableWithNothingLeftOver() {
        SoftAssertions softly = new SoftAssertions();
        Set<String> ids = new HashSet<>();
        operations().forEach((route, operation) -> {
            String[] methodAndPath = route.split(" ", 2);
            softly.assertThat(DocumentedOperations.of(methodAndPath[0], methodAndPath[1]))
                    .as("%s has no entry in DocumentedOperations", route).isPresent();
            String id = operation.path("operationId").asString();
            softly.assertThat(ids.add(id)).as("operationId %s of %s is unique", id, route).isTrue();
            softly.assertThat(operation.path("summary").asString()).as(route).isNotBlank();
            softly.assertThat(operation.path("tags").size()).as(route).isEqualTo(1);
            softly.assertThat(responseCodes(operation)).as(route).anyMatch(code -> code.startsWith("2"));
            softly.assertThat(responseCodes(operation)).as(route).anyMatch(code -> code.startsWith("4"));
            responseCodes(operation).stream().filter(code -> code.charAt(0) >= '4').forEach(code ->
                    softly.assertThat(problemSchemaOf(operation.path("responses").path(code)))
                            .as("%s %s", route, code).isEqualTo("#/components/schemas/Problem"));
        });
        DocumentedOperations.all().forEach(documented ->
                softly.assertThat(operations()).as("the document").containsKey(documented.route()));
        softly.assertAll();
    }

    /** Until someone adds them to the table, operations from other branches still get a tag and problem+json. */
    @Test
    void documentsAnOperationMissingFromTheTableByItsMethodsDefaults() {
        DocumentedOperations.Documented listing = DocumentedOperations.byDefault("GET", "/api/transfers",
                "listTransfers", null);
        assertThat(listing.operationId()).isEqualTo("listTransfers");
        assertThat(listing.tag()).isEqualTo(DocumentedOperations.TRANSFERS);
        assertThat(listing.summary()).isEqualTo("GET /api/transfers");
        assertThat(listing.successes()).containsExactly(200);
        assertThat(listing.failures()).contains(400, 401, 403, 404, 500);
    }

    @Test
    void listsEveryCodeInTheProblemSchema() {
        JsonNode codes = document.path("components").path("schemas").path("Problem").path("properties")
                .path("code").path("enum");
        List<String> listed = new ArrayList<>();
        codes.forEach(code -> listed.add(code.asString()));
        assertThat(listed).containsAll(ProblemCodes.all())
                .contains("INSUFFICIENT_FUNDS", "VALIDATION_FAILED", "UNAUTHENTICATED", "CONCURRENT_REQUEST");
    }

    /** Real requests, successes and failures: each status they get must be one the document lists. */
    @Test
    void documentsEveryStatusThatRealRequestsGet() {
        String alices = "alice-" + suffix();
        String bobs = "bob-" + suffix();
        String empty = "alice-" + suffix();
        LedgerClient alice = admin.as("alice");
        LedgerClient auditor = admin.as("auditor");
        Map<String, JsonNode> byId = new HashMap<>();
        operations().values().forEach(operation -> byId.put(operation.path("operationId").asString(), operation));

        List<Observed> observed = new ArrayList<>();
        observe(observed, "openAccount", 201, () -> alice.post("/api/accounts", open(alices, "alice")));
        observe(observed, "openAccount", 201, () -> admin.post("/api/accounts", open(bobs, "bob")));
        observe(observed, "openAccount", 201, () -> admin.post("/api/accounts", open(empty, "alice")));
        observe(observed, "openAccount", 409, () -> admin.post("/api/accounts", open(alices, "alice")));
        observe(observed, "openAccount", 400, () -> admin.post("/api/accounts", "{"));
        observe(observed, "openAccount", 403, () -> alice.post("/api/accounts", open("bob-" + suffix(), "bob")));
        observe(observed, "openAccount", 401, () -> admin.withAuthorization(null).post("/api/accounts",
                open("alice-" + suffix(), "alice")));
        observe(observed, "openAccount", 415, () -> admin.send(HttpRequest.newBuilder(uri("/api/accounts"))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("alice"))));
        observe(observed, "depositMoney", 200, () -> admin.post(cash(alices, "deposits"), "{\"amount\":10000}"));
        observe(observed, "depositMoney", 400, () -> admin.post(cash(alices, "deposits"), "{\"amount\":0}"));
        observe(observed, "depositMoney", 403, () -> alice.post(cash(alices, "deposits"), "{\"amount\":1}"));
        observe(observed, "depositMoney", 404, () -> admin.post(cash("nobody-" + suffix(), "deposits"),
                "{\"amount\":1}"));
        observe(observed, "withdrawMoney", 200, () -> admin.post(cash(alices, "withdrawals"), "{\"amount\":100}",
                KEY, suffix()));
        observe(observed, "withdrawMoney", 422, () -> admin.post(cash(alices, "withdrawals"),
                "{\"amount\":99999999}"));
        observe(observed, "freezeAccount", 204, () -> admin.post("/api/accounts/" + bobs + "/freeze", ""));
        observe(observed, "depositMoney", 422, () -> admin.post(cash(bobs, "deposits"), "{\"amount\":1}"));
        observe(observed, "unfreezeAccount", 204, () -> admin.post("/api/accounts/" + bobs + "/unfreeze", ""));
        observe(observed, "closeAccount", 422, () -> admin.post("/api/accounts/" + alices + "/close", ""));
        observe(observed, "closeAccount", 204, () -> admin.post("/api/accounts/" + empty + "/close", ""));
        observe(observed, "findAccount", 200, () -> alice.get("/api/accounts/" + alices));
        observe(observed, "findAccount", 404, () -> admin.as("bob").get("/api/accounts/" + alices));
        observe(observed, "findAccount", 400, () -> admin.get("/api/accounts/not%20an%20id"));
        observe(observed, "listAccounts", 200, () -> alice.get("/api/accounts"));
        observe(observed, "listAccounts", 200, () -> admin.as("teller").get("/api/accounts"));
        observe(observed, "listAccounts", 400, () -> admin.as("teller").get("/api/accounts?status=SLEEPING"));
        observe(observed, "listTransfers", 200, () -> alice.get("/api/transfers"));
        observe(observed, "listTransfers", 400, () -> alice.get("/api/transfers?cursor=not-a-cursor"));
        observe(observed, "listTransfers", 404, () -> admin.as("bob").get("/api/transfers?accountId=" + alices));
        observe(observed, "listAccountTransactions", 200, () -> alice.get("/api/accounts/" + alices
                + "/transactions"));
        observe(observed, "listAccountTransactions", 400, () -> alice.get("/api/accounts/" + alices
                + "/transactions?size=0"));

        String transferKey = suffix();
        String transferId = "t-" + suffix();
        String transfer = transfer(alices, bobs, transferId);
        observe(observed, "requestTransfer", 202, () -> alice.post("/api/transfers", transfer, KEY, transferKey));
        observe(observed, "requestTransfer", 422, () -> alice.post("/api/transfers",
                transfer(alices, bobs, "t-" + suffix()), KEY, transferKey));
        observe(observed, "requestTransfer", 400, () -> alice.post("/api/transfers", transfer(alices, bobs, null)));
        observe(observed, "requestTransfer", 422, () -> alice.post("/api/transfers", transfer(alices, alices, null),
                KEY, suffix()));
        observe(observed, "requestTransfer", 404, () -> admin.as("bob").post("/api/transfers",
                transfer(alices, bobs, null), KEY, suffix()));
        observe(observed, "requestTransfer", 403, () -> auditor.post("/api/transfers", transfer(alices, bobs, null),
                KEY, suffix()));
        observe(observed, "findTransfer", 200, () -> alice.get("/api/transfers/" + transferId + "?waitSeconds=10"));
        observe(observed, "findTransfer", 404, () -> alice.get("/api/transfers/t-" + suffix()));
        observe(observed, "findTransfer", 400, () -> alice.get("/api/transfers/" + transferId + "?waitSeconds=-1"));

        String authorized = "t-" + suffix();
        observe(observed, "requestTransfer", 200, () -> alice.post("/api/transfers?waitSeconds=10",
                transfer(alices, bobs, authorized).replace("}", ",\"capture\":\"MANUAL\"}"), KEY, suffix()));
        String voided = "t-" + suffix();
        observe(observed, "requestTransfer", 200, () -> alice.post("/api/transfers?waitSeconds=10",
                transfer(alices, bobs, voided).replace("}", ",\"capture\":\"MANUAL\"}"), KEY, suffix()));
        observe(observed, "captureTransfer", 422, () -> alice.post("/api/transfers/" + authorized + "/capture",
                "{\"amount\":999999,\"currency\":\"EUR\"}", KEY, suffix()));
        observe(observed, "captureTransfer", 200, () -> alice.post("/api/transfers/" + authorized
                + "/capture?waitSeconds=10", "", KEY, suffix()));
        observe(observed, "captureTransfer", 409, () -> alice.post("/api/transfers/" + authorized + "/capture", "",
                KEY, suffix()));
        observe(observed, "captureTransfer", 404, () -> alice.post("/api/transfers/t-" + suffix() + "/capture", "",
                KEY, suffix()));
        observe(observed, "captureTransfer", 400, () -> alice.post("/api/transfers/" + authorized + "/capture",
                "{\"amount\":0,\"currency\":\"EUR\"}", KEY, suffix()));
        observe(observed, "voidTransfer", 202, () -> alice.post("/api/transfers/" + voided + "/void", "", KEY,
                suffix()));
        observe(observed, "voidTransfer", 409, () -> alice.post("/api/transfers/" + authorized + "/void", "", KEY,
                suffix()));
        observe(observed, "voidTransfer", 403, () -> auditor.post("/api/transfers/" + voided + "/void", "", KEY,
                suffix()));

        observe(observed, "readAccountHistory", 200, () -> auditor.get("/api/accounts/" + alices + "/history"));
        observe(observed, "readAccountHistory", 404, () -> admin.as("bob").get("/api/accounts/" + alices
                + "/history"));
        observe(observed, "readBalanceAsOf", 200, () -> auditor.get("/api/accounts/" + alices + "/balance"));
        observe(observed, "readBalanceAsOf", 400, () -> auditor.get("/api/accounts/" + alices
                + "/balance?asOf=yesterday"));
        observe(observed, "verifyBooks", 200, () -> auditor.get("/api/audit/verify"));
        observe(observed, "verifyBooks", 403, () -> alice.get("/api/audit/verify"));
        observe(observed, "checkBooks", 200, () -> auditor.get("/api/audit/books"));
        observe(observed, "checkBooks", 403, () -> alice.get("/api/audit/books"));
        observe(observed, "listProjections", 200, () -> admin.get("/api/admin/projections"));
        observe(observed, "listProjections", 403, () -> auditor.get("/api/admin/projections"));
        observe(observed, "rebuildProjection", 400, () -> admin.post("/api/admin/projections/transfer-saga/rebuild",
                ""));
        observe(observed, "listDeadLetters", 200, () -> admin.get("/api/admin/dead-letters"));
        observe(observed, "retryDeadLetters", 400, () -> admin.post("/api/admin/dead-letters/nothing/retry", ""));
        observe(observed, "listReviews", 200, () -> admin.get("/api/admin/reviews"));
        observe(observed, "listReviews", 403, () -> alice.get("/api/admin/reviews"));
        observe(observed, "findReview", 409, () -> admin.get("/api/admin/reviews/" + transferId));
        observe(observed, "findReview", 404, () -> admin.get("/api/admin/reviews/t-" + suffix()));
        observe(observed, "resolveReview", 409, () -> admin.post("/api/admin/reviews/" + transferId
                + "/resolutions", "{\"action\":\"fail\",\"reason\":\"nothing moved\"}"));
        observe(observed, "resolveReview", 400, () -> admin.post("/api/admin/reviews/" + transferId
                + "/resolutions", "{\"action\":\"undo\",\"reason\":\"nothing moved\"}"));
        observe(observed, "approveResolution", 409, () -> admin.post("/api/admin/reviews/" + transferId
                + "/resolutions/r-1/approve", ""));

        SoftAssertions softly = new SoftAssertions();
        Set<String> driven = new TreeSet<>();
        for (Observed seen : observed) {
            driven.add(seen.operationId());
            JsonNode operation = byId.get(seen.operationId());
            softly.assertThat(operation).as("operation %s", seen.operationId()).isNotNull();
            softly.assertThat(seen.response().status()).as("%s, expected by this test: %s", seen.operationId(),
                    seen.response().raw()).isEqualTo(seen.expected());
            if (operation != null) {
                softly.assertThat(responseCodes(operation)).as("statuses documented for %s", seen.operationId())
                        .contains(String.valueOf(seen.response().status()));
            }
            if (seen.response().status() >= 400) {
                softly.assertThat(seen.response().contentType()).as(seen.operationId())
                        .startsWith(Problems.PROBLEM_JSON);
                softly.assertThat(ProblemCodes.all()).as("the Problem schema's codes, for %s", seen.operationId())
                        .contains(seen.response().code());
            }
        }
        softly.assertThat(driven).as("operations driven").hasSizeGreaterThanOrEqualTo(DocumentedOperations.all().size()
                - 1); // rebuildProjection's 202 would replay a read model under the other tests' feet
        softly.assertAll();
    }

    /**
     * What Swagger UI sends when a user tries the operations out in this order as the demo admin, with every
     * example as the document gives it: each answers with success.
     */
    @Test
    void itsExamplesWorkWhenSentInOrder() {
        Map<String, String> routes = new HashMap<>();
        operations().forEach((route, operation) -> routes.put(operation.path("operationId").asString(), route));
        SoftAssertions softly = new SoftAssertions();
        int sent = 0;
        for (String operationId : List.of("openAccount", "depositMoney", "withdrawMoney", "requestTransfer",
                "findTransfer", "findAccount", "listAccounts", "listAccountTransactions", "readAccountHistory",
                "readBalanceAsOf")) {
            List<Response> responses = sendExamplesOf(routes.get(operationId));
            sent += responses.size();
            for (Response response : responses) {
                softly.assertThat(response.status()).as("%s: %s", operationId, response.raw()).isBetween(200, 299);
            }
        }
        softly.assertThat(sent).as("requests sent: two openings, one per other operation").isEqualTo(11);
        softly.assertAll();
    }

    /** One request per body example (one without a body), with the path, query and header examples filled in. */
    private List<Response> sendExamplesOf(String route) {
        JsonNode operation = operations().get(route);
        String[] methodAndPath = route.split(" ", 2);
        String path = methodAndPath[1];
        List<String> query = new ArrayList<>();
        List<String> headers = new ArrayList<>();
        for (JsonNode parameter : operation.path("parameters")) {
            if (!parameter.has("example")) {
                continue;
            }
            String name = parameter.path("name").asString();
            String value = parameter.path("example").asString();
            switch (parameter.path("in").asString()) {
                case "path" -> path = path.replace("{" + name + "}", value);
                case "query" -> query.add(name + "=" + value);
                case "header" -> headers.addAll(List.of(name, value));
                default -> throw new IllegalStateException("parameter in " + parameter.path("in"));
            }
        }
        String target = path + (query.isEmpty() ? "" : "?" + String.join("&", query));
        if (!"POST".equals(methodAndPath[0])) {
            return List.of(admin.get(target));
        }
        JsonNode examples = operation.path("requestBody").path("content").path("application/json").path("examples");
        List<Response> responses = new ArrayList<>();
        examples.forEach(example -> responses.add(admin.post(target, example.path("value").toString(),
                headers.toArray(String[]::new))));
        return responses.isEmpty() ? List.of(admin.post(target, "", headers.toArray(String[]::new))) : responses;
    }

    private record Observed(String operationId, int expected, Response response) {
    }

    private static void observe(List<Observed> observed, String operationId, int expected, Supplier<Response> call) {
        observed.add(new Observed(operationId, expected, call.get()));
    }

    private Map<String, JsonNode> operations() {
        Map<String, JsonNode> operations = new TreeMap<>();
        document.path("paths").properties().forEach(path -> path.getValue().properties().forEach(method -> {
            if (METHODS.contains(method.getKey())) {
                operations.put(DocumentedOperations.route(method.getKey(), path.getKey()), method.getValue());
            }
        }));
        return operations;
    }

    private static Set<String> responseCodes(JsonNode operation) {
        Set<String> codes = new TreeSet<>();
        operation.path("responses").propertyNames().forEach(codes::add);
        return codes;
    }

    /** The schema a failure's problem+json body refers to, following the reusable response it points at. */
    private String problemSchemaOf(JsonNode response) {
        JsonNode resolved = response;
        if (response.has("$ref")) {
            String name = response.path("$ref").asString().substring("#/components/responses/".length());
            resolved = document.path("components").path("responses").path(name);
        }
        return resolved.path("content").path(Problems.PROBLEM_JSON).path("schema").path("$ref").asString();
    }

    private URI uri(String path) {
        return URI.create("http://localhost:" + port + path);
    }

    private static String open(String accountId, String owner) {
        return "{\"owner\":\"" + owner + "\",\"currency\":\"EUR\",\"accountId\":\"" + accountId + "\"}";
    }

    private static String cash(String accountId, String movement) {
        return "/api/accounts/" + accountId + "/" + movement;
    }

    private static String transfer(String source, String destination, String transferId) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                + "\",\"amount\":100,\"currency\":\"EUR\"" + (transferId == null ? "" : ",\"transferId\":\""
                + transferId + "\"") + "}";
    }

    private static String suffix() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 12);
    }
}
