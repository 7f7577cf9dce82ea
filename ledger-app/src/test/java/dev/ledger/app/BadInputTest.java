package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.ledger.LedgerApplication;
import dev.ledger.app.web.ProblemResponses;
import java.io.IOException;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * Bad input on every endpoint gets a 4xx problem+json with its stable code, never a 5xx. Each row names the
 * request and the exact status and code the contract promises.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BadInputTest {

    private static final String EUR = "bad-input-eur";
    private static final String USD = "bad-input-usd";
    private static final String KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(BadInputTest.class);
    private static final AtomicLong SLOWEST_MILLIS = new AtomicLong();
    private static final AtomicLong REJECTED = new AtomicLong();

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    LedgerClient ledger;

    @BeforeAll
    void openTwoAccounts() {
        ledger = new LedgerClient(port, environment);
        ledger.post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"" + EUR + "\"}");
        ledger.post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"USD\",\"accountId\":\"" + USD + "\"}");
        ledger.deposit(EUR, 1_000);
        ledger.post("/api/transfers", transferWithId("bad-input-t1"), KEY, "k-first-use-of-id");
    }

    /** A figure for the log, not an assertion: timing claims belong in the benchmark. */
    @AfterAll
    static void reportTheSlowestRejection() {
        log.info("HOSTILE: {} bad requests rejected with their contract code, none with a 5xx; slowest {} ms",
                REJECTED.get(), SLOWEST_MILLIS.get());
    }

    static Stream<Arguments> badRequests() {
        String transfers = "/api/transfers";
        String deposits = "/api/accounts/" + EUR + "/deposits";
        String withdrawals = "/api/accounts/" + EUR + "/withdrawals";
        return Stream.of(
                // opening accounts
                post("/api/accounts", "{", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\"} trailing", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"colour\":\"red\"}", 400,
                        "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"owner\":\"bob\",\"currency\":\"EUR\"}", 400,
                        "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"eur\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"ZZZ\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"XAU\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"currency\":\"EUR\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"overdraftLimit\":-1}", 400,
                        "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"a b\"}", 400,
                        "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"" + "x".repeat(65)
                        + "\"}", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"" + EUR + "\"}", 409,
                        "ACCOUNT_EXISTS"),
                post("/api/accounts", "[]", 400, "VALIDATION_FAILED"),
                post("/api/accounts", "", 400, "VALIDATION_FAILED"),
                // cash in and out
                post(deposits, "{\"amount\":0}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":-5}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":1.5}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":\"100\"}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":1e1000000000}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":99999999999999999999999}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":true}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":null}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100,\"currency\":\"USD\"}", 422, "CURRENCY_MISMATCH"),
                post("/api/accounts/nobody/deposits", "{\"amount\":100}", 404, "ACCOUNT_NOT_FOUND"),
                post("/api/accounts/bad%20id/deposits", "{\"amount\":100}", 400, "VALIDATION_FAILED"),
                post(withdrawals, "{\"amount\":1000000}", 422, "INSUFFICIENT_FUNDS"),
                post(withdrawals, "{\"amount\":100", 400, "VALIDATION_FAILED"),
                // account state changes
                post("/api/accounts/nobody/freeze", "", 404, "ACCOUNT_NOT_FOUND"),
                post("/api/accounts/nobody/unfreeze", "", 404, "ACCOUNT_NOT_FOUND"),
                post("/api/accounts/nobody/close", "", 404, "ACCOUNT_NOT_FOUND"),
                post("/api/accounts/" + EUR + "/close", "", 422, "ACCOUNT_NOT_EMPTY"),
                // transfers
                post(transfers, transfer(EUR, USD, "1", "EUR"), 0, "IDEMPOTENCY_KEY_MISSING"),
                post(transfers, transfer(EUR, EUR, "1", "EUR"), 422, "SAME_ACCOUNT", KEY, "k-same"),
                post(transfers, transfer(EUR, USD, "1", "USD"), 422, "CURRENCY_MISMATCH", KEY, "k-currency"),
                post(transfers, transfer(EUR, USD, "0", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-zero"),
                post(transfers, transfer(EUR, USD, "-1", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-negative"),
                post(transfers, transfer(EUR, USD, "\"1\"", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-string"),
                post(transfers, transfer("nobody", USD, "1", "EUR"), 404, "ACCOUNT_NOT_FOUND", KEY, "k-missing"),
                post(transfers, transfer("bad id", USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-bad-id"),
                post(transfers, transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY, "x".repeat(256)),
                post(transfers, "{\"sourceAccountId\":\"" + EUR + "\"}", 400, "VALIDATION_FAILED", KEY, "k-partial"),
                post(transfers, transferWithId("bad-input-t1"), 409, "TRANSFER_EXISTS", KEY, "k-taken-id"),
                post(transfers + "?waitSeconds=31", transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY,
                        "k-wait-long"),
                post(transfers + "?waitSeconds=-1", transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY,
                        "k-wait-negative"),
                post(transfers + "?waitSeconds=soon", transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY,
                        "k-wait-word"),
                post(transfers + "?waitSeconds=5", transfer("nobody", USD, "1", "EUR"), 404, "ACCOUNT_NOT_FOUND", KEY,
                        "k-wait-missing"),
                // reads
                get("/api/accounts/nobody", 404, "ACCOUNT_NOT_FOUND"),
                get("/api/accounts/bad%20id", 400, "VALIDATION_FAILED"),
                get("/api/accounts/nobody/transactions", 404, "ACCOUNT_NOT_FOUND"),
                get("/api/accounts/" + EUR + "/transactions?size=0", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?size=100000", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?page=-1", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?page=x", 400, "VALIDATION_FAILED"),
                get("/api/accounts?limit=0", 400, "VALIDATION_FAILED"),
                get("/api/accounts?status=open", 400, "VALIDATION_FAILED"),
                get("/api/transfers?cursor=bm90LWEtY3Vyc29y", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?cursor=YQ", 400, "VALIDATION_FAILED"),
                get("/api/transfers/nobody", 404, "TRANSFER_NOT_FOUND"),
                get("/api/transfers/nobody?waitSeconds=1", 404, "TRANSFER_NOT_FOUND"),
                get("/api/transfers/nobody?waitSeconds=31", 400, "VALIDATION_FAILED"),
                get("/api/transfers/nobody?waitSeconds=abc", 400, "VALIDATION_FAILED"),
                get("/api/no-such-thing", 404, "NOT_FOUND"));
    }

    /** Hostile shapes: what a fuzzer or an attacker sends rather than a confused client. */
    static Stream<Arguments> hostileRequests() {
        String accounts = "/api/accounts";
        String transfers = "/api/transfers";
        String deposits = "/api/accounts/" + EUR + "/deposits";
        String deepNesting = "[".repeat(5_000) + "]".repeat(5_000);
        return Stream.of(
                // malformed and truncated JSON
                post(deposits, "{\"amount\":", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\" 100}", 400, "VALIDATION_FAILED"),
                post(deposits, "{amount:100}", 400, "VALIDATION_FAILED"),
                post(deposits, "{'amount':100}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100,}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100}}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100}{\"amount\":100}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100} // comment", 400, "VALIDATION_FAILED"),
                post(deposits, "null", 400, "VALIDATION_FAILED"),
                post(deposits, "100", 400, "VALIDATION_FAILED"),
                post(deposits, "\"amount\"", 400, "VALIDATION_FAILED"),
                post(deposits, "\u0000", 400, "VALIDATION_FAILED"),
                post(deposits, deepNesting, 400, "VALIDATION_FAILED"),
                post(transfers, "{\"sourceAccountId\":\"" + EUR + "\",\"sourceAccountId\":\"" + USD + "\","
                        + "\"destinationAccountId\":\"" + USD + "\",\"amount\":1,\"currency\":\"EUR\"}", 400,
                        "VALIDATION_FAILED", KEY, "k-dup-key"),
                post(transfers, transfer(EUR, USD, "1", "EUR") + " garbage", 400, "VALIDATION_FAILED", KEY, "k-garbage"),
                post(transfers, transfer(EUR, USD, "1", "EUR").replace("}", ",\"admin\":true}"), 400,
                        "VALIDATION_FAILED", KEY, "k-unknown-field"),
                // wrong types and numbers out of range
                post(deposits, "{\"amount\":[100]}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":{\"value\":100}}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":1e308}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":-1e1000000000}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":9223372036854775807}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":9223372036854775808}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":-9223372036854775808}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":1000000000000000001}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":-0}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":10.0}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":0.01}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":\"1e3\"}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":NaN}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":Infinity}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":0x10}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100,\"reference\":42}", 400, "VALIDATION_FAILED"),
                post(deposits, "{\"amount\":100,\"reference\":\"" + "r".repeat(141) + "\"}", 400,
                        "VALIDATION_FAILED"),
                post(transfers, transfer(EUR, USD, "1.5", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-fraction"),
                post(transfers, transfer(EUR, USD, "1e2", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-exponent"),
                post(transfers, transfer(EUR, USD, "null", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-null-amount"),
                // currencies
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"\"}", 400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EURO\"}", 400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"978\"}", 400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":978}", 400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":null}", 400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"XXX\"}", 400, "VALIDATION_FAILED"),
                post(transfers, transfer(EUR, USD, "1", "eur"), 400, "VALIDATION_FAILED", KEY, "k-lower"),
                post(transfers, transfer(EUR, USD, "1", "XAU"), 400, "VALIDATION_FAILED", KEY, "k-gold"),
                // ids and keys
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"\"}", 400,
                        "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"../etc\"}", 400,
                        "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"caf\u00e9\"}", 400,
                        "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"a;drop table x\"}",
                        400, "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":7}", 400,
                        "VALIDATION_FAILED"),
                post(accounts, "{\"owner\":\"<script>\",\"currency\":\"EUR\"}", 400, "VALIDATION_FAILED"),
                post(transfers, transferWithId("t 1"), 400, "VALIDATION_FAILED", KEY, "k-space-id"),
                post(transfers, transferWithId("x".repeat(65)), 400, "VALIDATION_FAILED", KEY, "k-long-id"),
                post(transfers, transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY, "k".repeat(1_000)),
                post(transfers, transfer(EUR, USD, "1", "EUR"), 400, "VALIDATION_FAILED", KEY, "tab\tinside"),
                post(transfers, transfer(EUR, USD, "1", "EUR"), 400, "IDEMPOTENCY_KEY_MISSING", KEY, ""),
                post(transfers, transfer(EUR, "a/b", "1", "EUR"), 400, "VALIDATION_FAILED", KEY, "k-slash"),
                // paths
                get("/api/accounts/" + "x".repeat(65), 400, "VALIDATION_FAILED"),
                get("/api/transfers/" + "x".repeat(65), 400, "VALIDATION_FAILED"),
                get("/api/transfers/%20", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?size=-5", 400, "VALIDATION_FAILED"),
                get("/api/accounts/" + EUR + "/transactions?page=99999999999", 400, "VALIDATION_FAILED"));
    }

    @ParameterizedTest(name = "{0} {1} {2} -> {4} {5}")
    @MethodSource({"badRequests", "hostileRequests"})
    void isRejectedWithItsContractStatusAndCode(String method, String path, String body, String[] headers,
                                                int status, String code) {
        long started = System.nanoTime();
        LedgerClient.Response response = "GET".equals(method) ? ledger.get(path) : ledger.post(path, body, headers);
        SLOWEST_MILLIS.accumulateAndGet((System.nanoTime() - started) / 1_000_000, Math::max);
        REJECTED.incrementAndGet();

        assertThat(response.status()).as(response.raw()).isEqualTo(status == 0 ? 400 : status);
        assertThat(response.contentType()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo(code);
        assertThat(response.raw()).doesNotContain("Exception", "at dev.", "at org.");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("wrongShapes")
    void isRefusedBeforeItsContentIsRead(String label, HttpRequest.Builder request, int status, String code) {
        LedgerClient.Response response = ledger.send(request);

        assertThat(response.status()).as(response.raw()).isEqualTo(status);
        assertThat(response.code()).isEqualTo(code);
    }

    Stream<Arguments> wrongShapes() {
        URI accounts = URI.create("http://localhost:" + port + "/api/accounts");
        return Stream.of(
                Arguments.of("text/plain body", HttpRequest.newBuilder(accounts).header("Content-Type", "text/plain")
                        .POST(HttpRequest.BodyPublishers.ofString("owner=alice")), 415, "UNSUPPORTED_MEDIA_TYPE"),
                Arguments.of("oversized body", HttpRequest.newBuilder(accounts)
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"owner\":\"" + "a".repeat(20_000) + "\"}")),
                        413, "PAYLOAD_TOO_LARGE"),
                Arguments.of("DELETE on accounts", HttpRequest.newBuilder(accounts).DELETE(), 405,
                        "METHOD_NOT_ALLOWED"));
    }

    /** Each row: a bad request, and where the problem's {@code errors} item says the fault is and why. */
    static Stream<Arguments> offendingPieces() {
        String deposits = "/api/accounts/" + EUR + "/deposits";
        return Stream.of(
                post("/api/accounts", "{\"owner\":\"alice\"}", "body", "currency", "currency is missing"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"eur\"}", "body", "currency",
                        "upper-case ISO-4217"),
                post("/api/accounts", "{\"currency\":\"EUR\"}", "body", "owner", "owner is missing"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"ZZZ\"}", "body", "currency",
                        "not an ISO-4217 code"),
                post("/api/accounts", "{\"owner\":\"alice\",\"owner\":\"bob\",\"currency\":\"EUR\"}", "body", "owner",
                        "appears more than once"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"colour\":\"red\"}", "body",
                        "colour", "not a field"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"a b\"}", "body",
                        "accountId", "must match"),
                post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\",\"overdraftLimit\":-1}", "body",
                        "overdraftLimit", "between 0 and"),
                post(deposits, "{\"amount\":\"100\"}", "body", "amount", "amount must be a whole number"),
                post(deposits, "{\"amount\":0}", "body", "amount", "from 1 to"),
                post(deposits, "{}", "body", "amount", "amount is missing"),
                post(deposits, "{\"amount\":99999999999999999999999}", "body", "amount", "out of range"),
                post(deposits, "{\"amount\":100,\"reference\":\"" + "r".repeat(141) + "\"}", "body", "reference",
                        "at most 140"),
                post(deposits, "{\"amount\":", "body", "", "not valid JSON"),
                post("/api/transfers", "{\"sourceAccountId\":\"" + EUR + "\",\"amount\":1,\"currency\":\"EUR\"}", "body",
                        "destinationAccountId", "destinationAccountId is missing", KEY, "k-no-destination"),
                post("/api/transfers", transfer(EUR, USD, "1", "XAU"), "body", "currency", "no defined minor unit", KEY,
                        "k-xau"),
                post("/api/transfers", transfer(EUR, USD, "1", "EUR"), "header", KEY, "is missing"),
                post("/api/transfers", transfer(EUR, USD, "1", "EUR"), "header", KEY, "printable ASCII", KEY,
                        "tab\tinside"),
                post("/api/transfers?waitSeconds=soon", transfer(EUR, USD, "1", "EUR"), "query", "waitSeconds",
                        "waitSeconds must be a whole number", KEY, "k-soon"),
                get("/api/accounts/" + EUR + "/transactions?page=abc", "query", "page", "page must be a whole number"),
                get("/api/accounts/" + EUR + "/transactions?size=0", "query", "size", "between 1 and"),
                get("/api/accounts/" + EUR + "/transactions?page=-1", "query", "page", "0 or more"),
                get("/api/accounts?status=SLEEPING", "query", "status", "status must be one of"),
                get("/api/accounts?currency=eur", "query", "currency", "ISO-4217"),
                get("/api/transfers?cursor=bm90LWEtY3Vyc29y", "query", "cursor", "not one this listing gave out"),
                get("/api/transfers?limit=0", "query", "limit", "between 1 and"),
                get("/api/transfers?from=2026-12-02T00:00:00Z&to=2026-12-01T00:00:00Z", "query", "from",
                        "from must not be after to"),
                get("/api/transfers?from=yesterday", "query", "from", "ISO-8601"),
                get("/api/transfers?accountId=bad%20id", "query", "accountId", "must match"),
                get("/api/accounts/bad%20id", "path", "accountId", "must match"),
                get("/api/transfers/" + "x".repeat(65), "path", "transferId", "must match"),
                get("/api/accounts/" + EUR + "/balance?asOf=yesterday", "query", "asOf", "ISO-8601"));
    }

    @ParameterizedTest(name = "{0} {1} -> {4} {5}")
    @MethodSource("offendingPieces")
    void namesTheOffendingPieceOfTheRequest(String method, String path, String body, String[] headers, String in,
                                            String field, String reason) {
        LedgerClient.Response response = "GET".equals(method) ? ledger.get(path) : ledger.post(path, body, headers);

        assertThat(response.status()).as(response.raw()).isEqualTo(400);
        JsonNode error = response.json().path("errors").path(0);
        assertThat(error.path("in").asString()).as(response.raw()).isEqualTo(in);
        assertThat(error.path("field").asString()).as(response.raw()).isEqualTo(field);
        assertThat(error.path("reason").asString()).as(response.raw()).contains(reason);
        assertThat(response.json().path("errors")).as(response.raw()).hasSize(1);
    }

    @Test
    void aRefusalThatIsNotAboutTheInputHasNoErrorsMember() {
        LedgerClient.Response response = ledger.post("/api/accounts/" + EUR + "/withdrawals", "{\"amount\":1000000}");

        assertThat(response.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(response.json().has("errors")).as(response.raw()).isFalse();
    }

    /**
     * What Tomcat refuses while it parses the request, before any filter runs: its error report is problem+json all
     * the same, without {@code errors}, since Tomcat does not say which piece it refused.
     */
    Stream<Arguments> containerRefusals() {
        String body = transfer(EUR, USD, "1", "EUR");
        String auth = "Authorization: " + TestIdentities.authorizationFor("admin", environment) + "\r\n";
        return Stream.of(
                Arguments.of("a control character in Idempotency-Key", "POST /api/transfers HTTP/1.1\r\nHost: x\r\n"
                        + auth + "Content-Type: application/json\r\nIdempotency-Key: k\u0001ey\r\nContent-Length: "
                        + body.length() + "\r\nConnection: close\r\n\r\n" + body),
                Arguments.of("a header over Tomcat's 8 KiB limit", "GET /api/accounts/" + EUR + " HTTP/1.1\r\n"
                        + "Host: x\r\n" + auth + "X-Padding: " + "p".repeat(10_000) + "\r\nConnection: close\r\n\r\n"),
                Arguments.of("a method that is not a token", "G(T /api/accounts/" + EUR + " HTTP/1.1\r\nHost: x\r\n"
                        + auth + "Connection: close\r\n\r\n"),
                Arguments.of("a path with characters HTTP does not allow", "GET /api/accounts/{x} HTTP/1.1\r\n"
                        + "Host: x\r\n" + auth + "Connection: close\r\n\r\n"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("containerRefusals")
    void isRefusedByTheContainerWithProblemJson(String label, String rawRequest) throws IOException {
        String response = rawExchange(rawRequest);

        assertThat(response).startsWith("HTTP/1.1 400");
        assertThat(response).containsIgnoringCase("Content-Type: application/problem+json");
        assertThat(response).contains("\"code\":\"VALIDATION_FAILED\"").doesNotContain("<html", "\"errors\"");
    }

    @Test
    void anExpectedRefusalIsLoggedInOneLineWithoutAStackTrace() {
        ch.qos.logback.classic.Logger root = (ch.qos.logback.classic.Logger) LoggerFactory.getLogger(
                org.slf4j.Logger.ROOT_LOGGER_NAME);
        ListAppender<ILoggingEvent> logged = new ListAppender<>();
        logged.start();
        root.addAppender(logged);
        try {
            assertThat(ledger.post("/api/accounts/" + EUR + "/withdrawals", "{\"amount\":1000000}").status())
                    .isEqualTo(422);
            assertThat(ledger.post("/api/accounts/nobody/freeze", "").status()).isEqualTo(404);
            assertThat(ledger.post("/api/transfers", transfer(EUR, EUR, "1", "EUR"), KEY, "k-same-logged").status())
                    .isEqualTo(422);
        } finally {
            root.detachAppender(logged);
        }
        List<ILoggingEvent> events = List.copyOf(logged.list);
        assertThat(events).noneMatch(event -> event.getThrowableProxy() != null);
        assertThat(events).noneMatch(event -> event.getLevel().isGreaterOrEqual(Level.WARN));
        assertThat(events).filteredOn(event -> event.getLoggerName().equals(ProblemResponses.class.getName()))
                .extracting(ILoggingEvent::getFormattedMessage)
                .anyMatch(line -> line.contains("422 INSUFFICIENT_FUNDS"))
                .anyMatch(line -> line.contains("404 ACCOUNT_NOT_FOUND"))
                .anyMatch(line -> line.contains("422 SAME_ACCOUNT"));
    }

    private String rawExchange(String request) throws IOException {
        try (Socket socket = new Socket("localhost", port)) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(request.getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
        }
    }

    /** Tomcat's connector refuses an encoded NUL in the path before any application code runs. */
    @Test
    void anEncodedNulInThePathIsRefusedByTheServerItself() {
        LedgerClient.Response response = ledger.get("/api/accounts/%00");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("VALIDATION_FAILED");
    }

    @Test
    void theContainersErrorPageAnswersProblemJsonToo() {
        LedgerClient.Response response = ledger.get("/error");

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.contentType()).as(response.raw()).startsWith("application/problem+json");
        assertThat(response.code()).isEqualTo("NOT_FOUND");
        assertThat(ledger.get("/v3/api-docs").json().path("paths").has("/error")).isFalse();
    }

    private static String transferWithId(String transferId) {
        return "{\"sourceAccountId\":\"" + EUR + "\",\"destinationAccountId\":\"" + USD
                + "\",\"amount\":1,\"currency\":\"EUR\",\"transferId\":\"" + transferId + "\"}";
    }

    private static String transfer(String source, String destination, String amount, String currency) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination
                + "\",\"amount\":" + amount + ",\"currency\":\"" + currency + "\"}";
    }

    private static Arguments post(String path, String body, int status, String code, String... headers) {
        return Arguments.of("POST", path, body, headers, status, code);
    }

    private static Arguments get(String path, int status, String code) {
        return Arguments.of("GET", path, "", new String[0], status, code);
    }

    private static Arguments post(String path, String body, String in, String field, String reason,
                                  String... headers) {
        return Arguments.of("POST", path, body, headers, in, field, reason);
    }

    private static Arguments get(String path, String in, String field, String reason) {
        return Arguments.of("GET", path, "", new String[0], in, field, reason);
    }
}
