package dev.ledger.app.security;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.LedgerClient.Response;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Function;
import org.assertj.core.api.SoftAssertions;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;

/**
 * Every endpoint against every kind of caller, each cell with its exact status. The same matrix runs with the
 * demo users over HTTP Basic and with JWTs (the two subclasses); only the credentials differ.
 */
abstract class AuthorizationMatrix {

    /** The columns: who calls. "intruder" presents a credential the ledger must reject. */
    static final List<String> CALLERS = List.of("anonymous", "intruder", "alice", "bob", "teller", "auditor", "admin");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    LedgerClient admin;
    String alicesAccount;
    String alicesSecondAccount;
    String bobsAccount;
    String alicesTransfer;

    /** An account bob opened himself, under an id of his own choosing. */
    String bobsChosenAccount;

    /** The {@code Authorization} header of a credential that the ledger must refuse with 401. */
    abstract String rejectedCredential();

    @BeforeEach
    void openAccountsForAliceAndBob() {
        admin = new LedgerClient(port, environment);
        alicesAccount = admin.openAccount("alice", "EUR");
        alicesSecondAccount = admin.openAccount("alice", "EUR");
        bobsAccount = admin.openAccount("bob", "EUR");
        bobsChosenAccount = ownId("bob");
        Response bobsOpening = client("bob").post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + bobsChosenAccount + "\"}");
        assertThat(bobsOpening.status()).as(bobsOpening.raw()).isEqualTo(201);
        admin.deposit(alicesAccount, 100_000);
        alicesTransfer = admin.transfer(alicesAccount, alicesSecondAccount, 100, "EUR");
        admin.awaitTransfer(alicesTransfer);
        // The account read model follows eventually; the matrix reads it, so it starts once it has caught up.
        admin.balanceOnceSettled(alicesAccount, 99_900);
        admin.balanceOnceSettled(alicesSecondAccount, 100);
        admin.balanceOnceSettled(bobsAccount, 0);
    }

    @Test
    void everyEndpointAnswersEveryCallerWithItsExactStatus() {
        Map<String, Row> matrix = new LinkedHashMap<>();
        //                                                                  anon intr alice bob teller auditor admin
        matrix.put("POST /api/accounts for alice", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\"}"), 401, 401, 201, 403, 201, 403, 201)
                .refusingProperty("bob"));
        matrix.put("POST /api/accounts without an owner", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\"}"), 401, 401, 201, 201, 400, 403, 400));
        matrix.put("POST /api/accounts for alice with an overdraft", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"overdraftLimit\":100000}"),
                401, 401, 403, 403, 201, 403, 201)
                .refusingProperty("alice", "bob"));
        matrix.put("POST /api/accounts with an overdraft, without an owner", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\",\"overdraftLimit\":1}"), 401, 401, 403, 403, 400, 403, 400)
                .refusingProperty("alice", "bob"));
        matrix.put("POST /api/accounts with an overdraft of zero", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\",\"overdraftLimit\":0}"), 401, 401, 201, 201, 400, 403, 400));
        matrix.put("POST /api/accounts under an id of alice's own", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"" + ownId("alice") + "\"}"),
                401, 401, 201, 403, 201, 403, 201).refusingProperty("bob"));
        matrix.put("POST /api/accounts under an id bob chose and holds", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + bobsChosenAccount + "\"}"),
                401, 401, 403, 409, 400, 403, 400).refusingProperty("alice"));
        matrix.put("POST /api/accounts under an id of bob's that nobody holds", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + ownId("bob") + "\"}"),
                401, 401, 403, 201, 400, 403, 400).refusingProperty("alice"));
        matrix.put("POST /api/accounts under an id staff gave alice", row(c -> c.post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + alicesAccount + "\"}"),
                401, 401, 403, 403, 400, 403, 400).refusingProperty("alice", "bob"));
        matrix.put("POST /api/accounts for alice under an id of nobody's own", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"accountId\":\"" + freshId() + "\"}"),
                401, 401, 403, 403, 201, 403, 201).refusingProperty("alice", "bob"));
        matrix.put("POST /api/accounts with a balance", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"balance\":100000}"),
                401, 401, 400, 400, 400, 403, 400));
        matrix.put("POST /api/accounts with a status", row(c -> c.post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"status\":\"OPEN\"}"),
                401, 401, 400, 400, 400, 403, 400));
        matrix.put("GET /api/accounts/{alice's}", row(c -> c.get("/api/accounts/" + alicesAccount),
                401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET /api/accounts", row(c -> c.get("/api/accounts"), 401, 401, 200, 200, 200, 200, 200));
        matrix.put("GET /api/accounts?owner=alice", row(c -> c.get("/api/accounts?owner=alice"),
                401, 401, 200, 200, 200, 200, 200));
        matrix.put("GET /api/accounts?owner=bob", row(c -> c.get("/api/accounts?owner=bob"),
                401, 401, 200, 200, 200, 200, 200));
        matrix.put("POST deposits", row(c -> c.post("/api/accounts/" + alicesAccount + "/deposits",
                "{\"amount\":100}"), 401, 401, 403, 403, 200, 403, 200));
        matrix.put("POST deposits with a balance after", row(c -> c.post("/api/accounts/" + alicesAccount
                + "/deposits", "{\"amount\":100,\"balanceAfter\":1000000}"), 401, 401, 403, 403, 400, 403, 400));
        matrix.put("POST withdrawals", row(c -> c.post("/api/accounts/" + alicesAccount + "/withdrawals",
                "{\"amount\":1}"), 401, 401, 403, 403, 200, 403, 200));
        matrix.put("POST withdrawals with an overdraft", row(c -> c.post("/api/accounts/" + alicesAccount
                + "/withdrawals", "{\"amount\":1,\"overdraftLimit\":1000000}"), 401, 401, 403, 403, 400, 403, 400));
        matrix.put("POST freeze", row(c -> c.post("/api/accounts/" + freshAccount() + "/freeze", ""),
                401, 401, 403, 403, 204, 403, 204));
        matrix.put("POST unfreeze", row(c -> c.post("/api/accounts/" + frozenAccount() + "/unfreeze", ""),
                401, 401, 403, 403, 204, 403, 204));
        matrix.put("POST close", row(c -> c.post("/api/accounts/" + freshAccount() + "/close", ""),
                401, 401, 403, 403, 204, 403, 204));
        matrix.put("GET transactions", row(c -> c.get("/api/accounts/" + alicesAccount + "/transactions"),
                401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET transactions by cursor", row(c -> c.get("/api/accounts/" + alicesAccount
                + "/transactions?limit=10"), 401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET history", row(c -> c.get("/api/accounts/" + alicesAccount + "/history"),
                401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET balance asOf", row(c -> c.get("/api/accounts/" + alicesAccount
                + "/balance?asOf=2100-01-01T00:00:00Z"), 401, 401, 200, 404, 200, 200, 200));
        matrix.put("POST /api/transfers out of alice's account", row(c -> c.post("/api/transfers",
                "{\"sourceAccountId\":\"" + alicesAccount + "\",\"destinationAccountId\":\"" + bobsAccount
                        + "\",\"amount\":1,\"currency\":\"EUR\"}", "Idempotency-Key", "k-" + System.nanoTime()),
                401, 401, 202, 404, 403, 403, 202));
        matrix.put("POST /api/transfers out of bob's account, naming staff as its requester", row(c -> c.post(
                "/api/transfers", "{\"sourceAccountId\":\"" + bobsAccount + "\",\"destinationAccountId\":\""
                        + alicesAccount + "\",\"amount\":1,\"currency\":\"EUR\",\"requestedBy\":"
                        + "{\"principal\":\"admin\",\"scope\":\"ANY_ACCOUNT\"}}",
                "Idempotency-Key", "k-" + System.nanoTime()), 401, 401, 400, 400, 403, 403, 400));
        matrix.put("POST /api/transfers with a status", row(c -> c.post("/api/transfers",
                "{\"sourceAccountId\":\"" + alicesAccount + "\",\"destinationAccountId\":\"" + bobsAccount
                        + "\",\"amount\":1,\"currency\":\"EUR\",\"status\":\"COMPLETED\"}",
                "Idempotency-Key", "k-" + System.nanoTime()), 401, 401, 400, 400, 403, 403, 400));
        matrix.put("POST /api/transfers out of alice's account, captured later", row(c -> c.post("/api/transfers",
                "{\"sourceAccountId\":\"" + alicesAccount + "\",\"destinationAccountId\":\"" + bobsAccount
                        + "\",\"amount\":1,\"currency\":\"EUR\",\"capture\":\"MANUAL\"}",
                "Idempotency-Key", "k-" + System.nanoTime()), 401, 401, 202, 404, 403, 403, 202));
        matrix.put("POST capture of alice's authorization", row(c -> c.post("/api/transfers/"
                + alicesAuthorization() + "/capture", "", "Idempotency-Key", "k-" + System.nanoTime()),
                401, 401, 202, 404, 403, 403, 202));
        matrix.put("POST void of alice's authorization", row(c -> c.post("/api/transfers/"
                + alicesAuthorization() + "/void", "", "Idempotency-Key", "k-" + System.nanoTime()),
                401, 401, 202, 404, 403, 403, 202));
        matrix.put("GET /api/transfers/{alice's}", row(c -> c.get("/api/transfers/" + alicesTransfer),
                401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET /api/transfers/{alice's}, waiting", row(c -> c.get("/api/transfers/" + alicesTransfer
                + "?waitSeconds=1"), 401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET /api/transfers", row(c -> c.get("/api/transfers"), 401, 401, 200, 200, 200, 200, 200));
        matrix.put("GET /api/transfers?accountId={alice's}", row(c -> c.get("/api/transfers?accountId="
                + alicesAccount), 401, 401, 200, 404, 200, 200, 200));
        matrix.put("GET /api/audit/verify", row(c -> c.get("/api/audit/verify"), 401, 401, 403, 403, 403, 200, 200));
        matrix.put("GET /api/audit/books", row(c -> c.get("/api/audit/books"), 401, 401, 403, 403, 403, 200, 200));
        matrix.put("GET /api/admin/projections", row(c -> c.get("/api/admin/projections"),
                401, 401, 403, 403, 403, 403, 200));
        matrix.put("POST rebuild of an unknown projection", row(c -> c.post(
                "/api/admin/projections/no-such-projection/rebuild", ""), 401, 401, 403, 403, 403, 403, 400));
        // The review queue is read by auditors too; acting on it is the admins' (its four eyes are its own test's).
        matrix.put("GET /api/admin/reviews", row(c -> c.get("/api/admin/reviews"),
                401, 401, 403, 403, 403, 200, 200));
        matrix.put("GET /api/admin/reviews/{a transfer not in review}", row(c -> c.get("/api/admin/reviews/"
                + alicesTransfer), 401, 401, 403, 403, 403, 409, 409));
        matrix.put("POST a resolution for a transfer not in review", row(c -> c.post("/api/admin/reviews/"
                + alicesTransfer + "/resolutions", "{\"action\":\"refund\",\"reason\":\"matrix\"}"),
                401, 401, 403, 403, 403, 403, 409));
        matrix.put("POST an approval for a transfer not in review", row(c -> c.post("/api/admin/reviews/"
                + alicesTransfer + "/resolutions/no-such-resolution/approve", "{}"),
                401, 401, 403, 403, 403, 403, 409));
        matrix.put("GET /api/admin/dead-letters", row(c -> c.get("/api/admin/dead-letters"),
                401, 401, 403, 403, 403, 403, 200));
        matrix.put("POST retry of an unknown group's dead letters", row(c -> c.post(
                "/api/admin/dead-letters/no-such-group/retry", ""), 401, 401, 403, 403, 403, 403, 400));
        matrix.put("DELETE an account (no such route)", row(c -> c.send(HttpRequest.newBuilder(
                URI.create("http://localhost:" + port + "/api/accounts/" + alicesAccount)).DELETE()),
                401, 401, 403, 403, 403, 403, 405));
        matrix.put("GET /actuator/health", row(c -> c.get("/actuator/health"), 200, 401, 200, 200, 200, 200, 200));
        matrix.put("GET /actuator/info", row(c -> c.get("/actuator/info"), 401, 401, 403, 403, 403, 403, 200));
        matrix.put("GET /actuator/prometheus", row(c -> c.get("/actuator/prometheus"), 401, 401, 403, 403, 403, 403, 200));
        matrix.put("GET /actuator/metrics (not exposed)", row(c -> c.get("/actuator/metrics"),
                401, 401, 403, 403, 403, 403, 404));
        matrix.put("GET /v3/api-docs", row(c -> c.get("/v3/api-docs"), 200, 401, 200, 200, 200, 200, 200));

        SoftAssertions softly = new SoftAssertions();
        matrix.forEach((endpoint, row) -> {
            for (int i = 0; i < CALLERS.size(); i++) {
                Response response = row.call().apply(client(CALLERS.get(i)));
                softly.assertThat(response.status()).as("%s as %s: %s", endpoint, CALLERS.get(i), response.raw())
                        .isEqualTo(row.expected().get(i));
                if (response.status() == 403) {
                    softly.assertThat(response.code()).as("%s as %s", endpoint, CALLERS.get(i))
                            .isEqualTo(row.propertyRefusedTo().contains(CALLERS.get(i)) ? "PROPERTY_NOT_ALLOWED"
                                    : "FORBIDDEN");
                }
                if (response.status() >= 400) {
                    softly.assertThat(response.contentType()).as("%s as %s", endpoint, CALLERS.get(i))
                            .startsWith("application/problem+json");
                    softly.assertThat(response.raw()).as("%s as %s", endpoint, CALLERS.get(i))
                            .contains("\"code\"").doesNotContain("Exception").doesNotContain("dev.ledger")
                            .doesNotContain("springframework");
                }
            }
        });
        softly.assertAll();
    }

    @Test
    void aRefusedCallerIsChallengedAndToldWhyInProblemJson() {
        Response anonymous = client("anonymous").get("/api/accounts/" + alicesAccount);
        Response forbidden = client("auditor").post("/api/accounts/" + alicesAccount + "/deposits", "{\"amount\":1}");

        assertThat(anonymous.header("WWW-Authenticate")).isNotBlank();
        assertThat(anonymous.code()).isEqualTo("UNAUTHENTICATED");
        assertThat(forbidden.code()).isEqualTo("FORBIDDEN");
    }

    @Test
    void aCustomerListsOnlyItsOwnAccounts() {
        assertThat(client("alice").get("/api/accounts").json().path("content").findValuesAsString("owner"))
                .isNotEmpty().containsOnly("alice");
        assertThat(client("bob").get("/api/accounts?owner=alice").json().path("content").isEmpty()).isTrue();
        assertThat(client("alice").get("/api/accounts?owner=bob").json().path("content").isEmpty()).isTrue();
        assertThat(client("teller").get("/api/accounts?limit=200").json().path("items").findValuesAsString("owner"))
                .contains("alice", "bob");
    }

    @Test
    void aCustomerOpensAccountsForItselfOnly() {
        Response opened = client("bob").post("/api/accounts", "{\"currency\":\"EUR\"}");
        String account = opened.json().path("accountId").asString();

        assertThat(opened.json().path("owner").asString()).isEqualTo("bob");
        assertThat(LedgerClient.eventually(() -> client("bob").get("/api/accounts/" + account).status(),
                status -> status == 200)).as("bob reads the account he opened, once the read model has it").isEqualTo(200);
    }

    /** The hole this closes: alice opened with an overdraft she set herself and could spend the bank's money. */
    @Test
    void aCustomerWhoGrantsItselfAnOverdraftOpensNothing() {
        String account = ownId("alice");
        Response refused = client("alice").post("/api/accounts",
                "{\"currency\":\"EUR\",\"overdraftLimit\":100000,\"accountId\":\"" + account + "\"}");

        assertThat(refused.status()).as(refused.raw()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("PROPERTY_NOT_ALLOWED");
        assertThat(refused.json().path("detail").asString()).contains("overdraftLimit");
        assertThat(admin.get("/api/accounts/" + account + "/history").code()).as("the event store has no such account")
                .isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(client("alice").post("/api/transfers", "{\"sourceAccountId\":\"" + account
                        + "\",\"destinationAccountId\":\"" + bobsAccount + "\",\"amount\":100000,\"currency\":\"EUR\"}",
                "Idempotency-Key", "k-" + System.nanoTime()).code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void aTellerOpensAnAccountWithAnOverdraftForACustomer() {
        Response opened = client("teller").post("/api/accounts",
                "{\"owner\":\"alice\",\"currency\":\"EUR\",\"overdraftLimit\":100000}");
        String account = opened.json().path("accountId").asString();

        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        assertThat(opened.json().path("owner").asString()).isEqualTo("alice");
        assertThat(opened.json().path("overdraftLimit").asLong()).isEqualTo(100_000);
        assertThat(LedgerClient.eventually(() -> client("alice").get("/api/accounts/" + account).status(),
                status -> status == 200)).as("alice reads the account the teller opened for her").isEqualTo(200);
    }

    @Test
    void aCustomerNamingAnotherOwnerIsToldWhichPropertyItMayNotSet() {
        Response refused = client("bob").post("/api/accounts", "{\"owner\":\"alice\",\"currency\":\"EUR\"}");

        assertThat(refused.status()).isEqualTo(403);
        assertThat(refused.code()).isEqualTo("PROPERTY_NOT_ALLOWED");
        assertThat(refused.json().path("detail").asString()).contains("owner");
    }

    @Test
    void aCustomerChoosesAnIdOfItsOwnAndGetsExactlyThatId() {
        String account = ownId("alice");
        Response opened = client("alice").post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + account + "\"}");
        Response again = client("alice").post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + account + "\"}");

        assertThat(opened.status()).as(opened.raw()).isEqualTo(201);
        assertThat(opened.location()).isEqualTo("/api/accounts/" + account);
        assertThat(opened.json().path("accountId").asString()).isEqualTo(account);
        assertThat(again.code()).as("her own account, which she knows of").isEqualTo("ACCOUNT_EXISTS");
    }

    /**
     * Before, alice opening an id that bob held answered {@code 409 ACCOUNT_EXISTS}, and so told her that bob's
     * account existed. Now an id outside her own is refused for what it is, in the same words whether or not
     * anyone holds it.
     */
    @Test
    void aCustomerCannotTellAnotherCustomersAccountIdFromOneThatNobodyHolds() {
        Response held = client("alice").post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + bobsChosenAccount + "\"}");
        Response free = client("alice").post("/api/accounts",
                "{\"currency\":\"EUR\",\"accountId\":\"" + ownId("bob") + "\"}");

        assertThat(held.status()).as(held.raw()).isEqualTo(403);
        assertThat(held.code()).isEqualTo("PROPERTY_NOT_ALLOWED");
        assertThat(held.json().path("detail").asString()).contains("accountId");
        assertThat(List.of(free.status(), free.code(), free.json().path("detail").asString()))
                .isEqualTo(List.of(held.status(), held.code(), held.json().path("detail").asString()));
    }

    @Test
    void theDestinationsOwnerSeesATransferItReceives() {
        String toBob = client("alice").transfer(alicesAccount, bobsAccount, 5, "EUR");

        assertThat(client("bob").awaitTransfer(toBob).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(client("bob").get("/api/transfers/" + alicesTransfer).code()).isEqualTo("TRANSFER_NOT_FOUND");
    }

    /**
     * The controller is not the only guard: a transfer that reaches the saga on behalf of someone who does not
     * own the source, by whatever route, is refused by the account itself and moves nothing.
     */
    @Test
    void theAccountItselfRefusesADebitForACustomerWhoDoesNotOwnIt(@Autowired CommandGateway commands) {
        TransferId transfer = TransferId.generate();
        commands.sendAndWait(new RequestTransfer(transfer, new AccountId(alicesAccount), new AccountId(bobsAccount),
                Money.of(1_000, "EUR"), "not bob's to give", Requester.owner("bob")));

        var ended = admin.awaitTransfer(transfer.value());
        assertThat(ended.path("status").asString()).isEqualTo("FAILED");
        assertThat(ended.path("failureCode").asString()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(admin.get("/api/accounts/" + bobsAccount).json().path("balance").asLong()).isZero();
    }

    private LedgerClient client(String caller) {
        return switch (caller) {
            case "anonymous" -> admin.withAuthorization(null);
            case "intruder" -> admin.withAuthorization(rejectedCredential());
            default -> admin.as(caller);
        };
    }

    /** A transfer alice requested out of her account, captured later, once it is authorized. */
    private String alicesAuthorization() {
        Response authorized = client("alice").post("/api/transfers?waitSeconds=10", "{\"sourceAccountId\":\""
                        + alicesAccount + "\",\"destinationAccountId\":\"" + bobsAccount
                        + "\",\"amount\":1,\"currency\":\"EUR\",\"capture\":\"MANUAL\"}",
                "Idempotency-Key", "k-" + System.nanoTime());
        assertThat(authorized.json().path("status").asString()).as(authorized.raw()).isEqualTo("AUTHORIZED");
        return authorized.json().path("transferId").asString();
    }

    private String freshAccount() {
        return admin.openAccount("carol", "EUR");
    }

    private String frozenAccount() {
        String account = freshAccount();
        assertThat(admin.post("/api/accounts/" + account + "/freeze", "").status()).isEqualTo(204);
        return account;
    }

    /** An id of the customer's own, such as {@code alice-5f0c...}: its principal, a dash, no other dash. */
    static String ownId(String customer) {
        return customer + "-" + freshId();
    }

    static String freshId() {
        return UUID.randomUUID().toString().replace("-", "");
    }

    private static Row row(Function<LedgerClient, Response> call, Integer... expected) {
        assertThat(expected).hasSameSizeAs(CALLERS);
        return new Row(call, new ArrayList<>(List.of(expected)), Set.of());
    }

    /**
     * A row's 403s are the routes' {@code FORBIDDEN}, but for the callers whose role the route admits and who
     * set a property they may not: theirs is {@code PROPERTY_NOT_ALLOWED}.
     */
    private record Row(Function<LedgerClient, Response> call, List<Integer> expected, Set<String> propertyRefusedTo) {

        Row refusingProperty(String... callers) {
            return new Row(call, expected, Set.of(callers));
        }
    }
}
