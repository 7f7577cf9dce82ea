package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import java.net.URI;
import java.util.concurrent.atomic.AtomicLong;
import java.net.http.HttpRequest;
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

    /**
     * Tomcat's connector refuses an encoded NUL in the path before any application code runs, with a bare 400
     * and no body: the one refusal whose body the ledger cannot shape. It is still a 4xx, never a 5xx.
     */
    @Test
    void anEncodedNulInThePathIsRefusedByTheServerItself() {
        LedgerClient.Response response = ledger.get("/api/accounts/%00");

        assertThat(response.status()).isEqualTo(400);
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
}
