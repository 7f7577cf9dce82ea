package dev.ledger.app.audit;

import static dev.ledger.app.audit.BooksReports.conservation;
import static dev.ledger.app.audit.BooksReports.grown;
import static dev.ledger.app.audit.BooksReports.mismatchesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Set;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;

/**
 * The audit of the whole ledger through {@code /api/audit/verify}. Other test classes share this database and
 * may leave their own findings in it (a deliberately parked event, for one), so these tests judge only the
 * accounts, transfers and currency (CHF, used by no other test) they create themselves.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class BooksVerificationTest {

    private static final String CURRENCY = "CHF";

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    HealthIndicator ledgerBooksHealthIndicator;

    @Autowired
    MeterRegistry meters;

    @Autowired
    CommandGateway commands;

    LedgerClient ledger;
    HeldTransfers held;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port, environment);
        held = new HeldTransfers(commands, ledger);
    }

    @Test
    void aHealthyLedgerHasNoFindingsAndConservesTheMoneyItMoved() {
        JsonNode before = verify();
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        String carol = ledger.openAccount("carol", CURRENCY);
        ledger.deposit(alice, 10_000);
        assertThat(ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":2500}").status())
                .isEqualTo(200);
        String completed = ledger.transfer(alice, bob, 1_000, CURRENCY);
        assertThat(ledger.post("/api/accounts/" + carol + "/freeze", "").status()).isEqualTo(204);
        String refunded = ledger.transfer(alice, carol, 2_000, CURRENCY);
        assertThat(ledger.awaitTransfer(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.awaitTransfer(refunded).path("status").asString()).isEqualTo("REFUNDED");

        JsonNode after = verify();

        assertNothingFoundAbout(after, Set.of(alice, bob, carol, completed, refunded));
        assertThat(after.path("accountsChecked").asInt())
                .isGreaterThanOrEqualTo(before.path("accountsChecked").asInt() + 3);
        JsonNode francs = conservation(after, CURRENCY);
        assertThat(francs.path("ok").asBoolean()).as(francs.toString()).isTrue();
        assertThat(grown(before, after, CURRENCY, "deposits")).isEqualTo(10_000);
        assertThat(grown(before, after, CURRENCY, "withdrawals")).isEqualTo(2_500);
        assertThat(grown(before, after, CURRENCY, "balances")).isEqualTo(7_500);
        assertThat(grown(before, after, CURRENCY, "inFlight")).isZero();
        boolean anyFinding = !after.path("mismatches").isEmpty() || !after.path("stuckTransfers").isEmpty()
                || after.path("conservation").findValues("ok").stream().anyMatch(ok -> !ok.asBoolean());
        assertThat(after.path("ok").asBoolean()).as(after.toString()).isEqualTo(!anyFinding);
    }

    @Test
    void heldMoneyIsCountedOnceInTheBalancesAndAgainstTheOpenHoldsUntilItIsReleased() {
        JsonNode before = verify();
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        ledger.deposit(alice, 10_000);
        String open = held.authorize(alice, bob, 3_000, CURRENCY);
        String captured = held.captured(alice, bob, 2_500, 2_000, CURRENCY);
        String voided = held.voided(alice, bob, 500, CURRENCY);
        held.accountHolding(alice, 3_000);

        JsonNode holding = verify();

        Set<String> mine = Set.of(alice, bob, open, captured, voided);
        assertNothingFoundAbout(holding, mine);
        JsonNode francs = conservation(holding, CURRENCY);
        assertThat(francs.path("ok").asBoolean()).as(francs.toString()).isTrue();
        assertThat(grown(before, holding, CURRENCY, "balances")).isEqualTo(10_000);
        assertThat(grown(before, holding, CURRENCY, "pending")).isEqualTo(3_000);
        assertThat(grown(before, holding, CURRENCY, "openHolds")).isEqualTo(3_000);
        assertThat(grown(before, holding, CURRENCY, "inFlight")).isZero();
        assertThat(meters.get("ledger.audit.pending").tag("currency", CURRENCY).gauge().value())
                .isEqualTo(francs.path("pending").asDouble());

        assertThat(held.voidIt(open)).isEqualTo("VOIDED");
        held.accountHolding(alice, 0);
        JsonNode released = verify();

        assertNothingFoundAbout(released, mine);
        assertThat(conservation(released, CURRENCY).path("ok").asBoolean()).isTrue();
        assertThat(grown(before, released, CURRENCY, "pending")).isZero();
        assertThat(grown(before, released, CURRENCY, "openHolds")).isZero();
    }

    @Test
    void aReadModelThatLostAHoldIsReportedWithWhatTheEventsHold() {
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        ledger.deposit(alice, 700);
        String open = held.authorize(alice, bob, 200, CURRENCY);
        held.accountHolding(alice, 200);

        jdbc.update("UPDATE account_view SET pending = 0 WHERE account_id = ?", alice);
        try {
            assertThat(mismatchesOf(verify(), alice)).containsExactly("pending: events 200, read model 0");
            assertThat(ledger.get("/api/accounts/" + alice).json().path("available").asLong()).isEqualTo(700);
        } finally {
            jdbc.update("UPDATE account_view SET pending = 200 WHERE account_id = ?", alice);
        }
        assertThat(held.voidIt(open)).isEqualTo("VOIDED");
        held.accountHolding(alice, 0);
        assertThat(mismatchesOf(verify(), alice)).isEmpty();
    }

    @Test
    void aCorruptedReadModelRowIsReportedWithTheExactAccountFieldsAndValues() {
        String alice = ledger.openAccount("alice", CURRENCY);
        ledger.deposit(alice, 700);
        assertThat(ledger.balanceOnceSettled(alice, 700)).isEqualTo(700);

        jdbc.update("UPDATE account_view SET balance = ?, status = ? WHERE account_id = ?", 123, "FROZEN", alice);
        try {
            JsonNode report = verify();

            assertThat(report.path("ok").asBoolean()).isFalse();
            assertThat(mismatchesOf(report, alice)).containsExactlyInAnyOrder(
                    "balance: events 700, read model 123",
                    "status: events OPEN, read model FROZEN");
            assertThat(ledgerBooksHealthIndicator.health().getStatus()).isEqualTo(Status.DOWN);
            LedgerClient.Response readiness = ledger.get("/actuator/health/readiness");
            assertThat(readiness.status()).as("a restart mends no books: readiness ignores them").isEqualTo(200);
            assertThat(readiness.raw()).contains("\"UP\"");
            assertThat(meters.get("ledger.audit.mismatches").gauge().value()).isGreaterThanOrEqualTo(2);
        } finally {
            jdbc.update("UPDATE account_view SET balance = ?, status = ? WHERE account_id = ?", 700, "OPEN", alice);
        }
        assertThat(mismatchesOf(verify(), alice)).isEmpty();
    }

    /** No mismatch of these accounts and no stuck transfer among these, whatever other tests left behind. */
    private static void assertNothingFoundAbout(JsonNode report, Set<String> mine) {
        assertThat(report.path("mismatches").findValuesAsString("accountId")).doesNotContainAnyElementsOf(mine);
        assertThat(report.path("stuckTransfers").findValuesAsString("transferId")).doesNotContainAnyElementsOf(mine);
    }

    private JsonNode verify() {
        LedgerClient.Response verified = ledger.get("/api/audit/verify");
        assertThat(verified.status()).as(verified.raw()).isEqualTo(200);
        return verified.json();
    }
}
