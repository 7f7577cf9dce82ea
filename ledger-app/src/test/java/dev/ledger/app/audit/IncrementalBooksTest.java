package dev.ledger.app.audit;

import static dev.ledger.app.audit.BooksReports.conservation;
import static dev.ledger.app.audit.BooksReports.grown;
import static dev.ledger.app.audit.BooksReports.mismatchesOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.Comparator;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.config.EventProcessingConfiguration;
import org.axonframework.eventhandling.StreamingEventProcessor;
import org.axonframework.eventhandling.tokenstore.TokenStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.support.TransactionTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;

/**
 * The incremental audit ({@code /api/audit/books}, read from the books projection) against the full replay
 * ({@code /api/audit/verify}). Other test classes share this database, so these tests judge the accounts and
 * currency (SEK, used by no other test) they create, or compare whole reports taken while nothing else moves.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class IncrementalBooksTest {

    private static final String CURRENCY = "SEK";

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
    EventProcessingConfiguration processing;

    @Autowired
    TokenStore tokenStore;

    @Autowired
    TransactionTemplate transactions;

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
    void theIncrementalCheckAgreesWithTheFullReplayAfterDepositsWithdrawalsAndEveryEndOfATransfer() {
        JsonNode before = caughtUpCheck();
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        String carol = ledger.openAccount("carol", CURRENCY);
        ledger.deposit(alice, 10_000);
        assertThat(ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":1500}").status())
                .isEqualTo(200);
        String completed = ledger.transfer(alice, bob, 1_000, CURRENCY);
        String failed = ledger.transfer(bob, alice, 50_000, CURRENCY);
        assertThat(ledger.post("/api/accounts/" + carol + "/freeze", "").status()).isEqualTo(204);
        String refunded = ledger.transfer(alice, carol, 2_000, CURRENCY);
        assertThat(ledger.awaitTransfer(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.awaitTransfer(failed).path("status").asString()).isEqualTo("FAILED");
        assertThat(ledger.awaitTransfer(refunded).path("status").asString()).isEqualTo("REFUNDED");
        ledger.balanceOnceSettled(alice, 7_500);

        JsonNode full = get("/api/audit/verify");
        JsonNode incremental = get("/api/audit/books");

        assertThat(full.path("projectionDisagreements").isEmpty()).as(full.toString()).isTrue();
        assertThat(withoutTheMoment(incremental)).isEqualTo(withoutTheMoment(full));
        assertThat(conservation(incremental, CURRENCY).path("ok").asBoolean()).isTrue();
        assertThat(grown(before, incremental, CURRENCY, "deposits")).isEqualTo(10_000);
        assertThat(grown(before, incremental, CURRENCY, "withdrawals")).isEqualTo(1_500);
        assertThat(grown(before, incremental, CURRENCY, "balances")).isEqualTo(8_500);
        assertThat(grown(before, incremental, CURRENCY, "inFlight")).isZero();
    }

    @Test
    void theIncrementalCheckAgreesWithTheFullReplayOnHeldCapturedAndVoidedMoney() {
        JsonNode before = caughtUpCheck();
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        ledger.deposit(alice, 5_000);
        String open = held.authorize(alice, bob, 700, CURRENCY);
        held.captured(alice, bob, 1_000, 600, CURRENCY);
        held.voided(alice, bob, 300, CURRENCY);
        held.accountHolding(alice, 700);
        ledger.balanceOnceSettled(bob, 600);

        JsonNode full = get("/api/audit/verify");
        JsonNode incremental = get("/api/audit/books");

        assertThat(full.path("projectionDisagreements").isEmpty()).as(full.toString()).isTrue();
        assertThat(withoutTheMoment(incremental)).isEqualTo(withoutTheMoment(full));
        assertThat(conservation(incremental, CURRENCY).path("ok").asBoolean()).isTrue();
        assertThat(grown(before, incremental, CURRENCY, "pending")).isEqualTo(700);
        assertThat(grown(before, incremental, CURRENCY, "openHolds")).isEqualTo(700);
        assertThat(incremental.path("stuckTransfers").findValuesAsString("transferId")).doesNotContain(open);
        assertThat(held.voidIt(open)).isEqualTo("VOIDED");
    }

    @Test
    void aHoldPlantedInTheBooksWithoutItsEventsIsFoundAgainstTheAccountsPending() {
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        ledger.deposit(alice, 900);
        String open = held.authorize(alice, bob, 400, CURRENCY);
        LedgerClient.eventually(() -> jdbc.queryForList("SELECT pending FROM books_account WHERE account_id = ?",
                Long.class, alice), pending -> pending.equals(List.of(400L)));

        jdbc.update("UPDATE books_transfer SET held_amount = ? WHERE transfer_id = ?", 450, open);
        try {
            JsonNode report = get("/api/audit/books");

            assertThat(report.path("ok").asBoolean()).isFalse();
            assertThat(mismatchesOf(report, alice)).containsExactly("pending: events 450, read model 400");
            assertThat(conservation(report, CURRENCY).path("ok").asBoolean()).isFalse();
        } finally {
            jdbc.update("UPDATE books_transfer SET held_amount = ? WHERE transfer_id = ?", 400, open);
        }
        assertThat(mismatchesOf(get("/api/audit/books"), alice)).isEmpty();
        assertThat(held.voidIt(open)).isEqualTo("VOIDED");
    }

    @Test
    void aMismatchPlantedInTheReadModelIsFoundByTheIncrementalCheck() {
        String alice = ledger.openAccount("alice", CURRENCY);
        ledger.deposit(alice, 700);
        assertThat(ledger.balanceOnceSettled(alice, 700)).isEqualTo(700);

        jdbc.update("UPDATE account_view SET balance = ?, owner = ? WHERE account_id = ?", 123, "mallory", alice);
        try {
            JsonNode report = LedgerClient.eventually(() -> get("/api/audit/books"),
                    found -> !mismatchesOf(found, alice).isEmpty());

            assertThat(report.path("ok").asBoolean()).isFalse();
            assertThat(mismatchesOf(report, alice)).containsExactlyInAnyOrder(
                    "balance: events 700, read model 123",
                    "owner: events alice, read model mallory");
            assertThat(meters.get("ledger.audit.mismatches").gauge().value()).isGreaterThanOrEqualTo(2);
        } finally {
            jdbc.update("UPDATE account_view SET balance = ?, owner = ? WHERE account_id = ?", 700, "alice", alice);
        }
        assertThat(mismatchesOf(get("/api/audit/books"), alice)).isEmpty();
    }

    @Test
    void readingTheHealthOrTheIncrementalCheckNeverReplaysTheEventStore() {
        double replaysBefore = replays();

        for (int reading = 0; reading < 5; reading++) {
            assertThat(ledger.get("/actuator/health").status()).isIn(200, 503);
            ledgerBooksHealthIndicator.health();
            get("/api/audit/books");
        }

        assertThat(replays()).isEqualTo(replaysBefore);
        get("/api/audit/verify");
        assertThat(replays()).as("the counter counts the replays it is to rule out").isEqualTo(replaysBefore + 1);
    }

    @Test
    void theProjectionIsUnchangedWhenEveryEventIsDeliveredAgain() {
        String alice = ledger.openAccount("alice", CURRENCY);
        String bob = ledger.openAccount("bob", CURRENCY);
        ledger.deposit(alice, 3_000);
        assertThat(ledger.awaitTransfer(ledger.transfer(alice, bob, 400, CURRENCY)).path("status").asString())
                .isEqualTo("COMPLETED");
        held.captured(alice, bob, 300, 200, CURRENCY);
        String open = held.authorize(alice, bob, 100, CURRENCY);
        held.accountHolding(alice, 100);
        JsonNode before = caughtUpCheck();

        StreamingEventProcessor books = processing.eventProcessor(BooksProjection.PROCESSING_GROUP,
                StreamingEventProcessor.class).orElseThrow();
        books.shutDown();
        try {
            // Back to the start without a reset: every event arrives again at a projection that has applied it.
            transactions.executeWithoutResult(status ->
                    tokenStore.storeToken(null, BooksProjection.PROCESSING_GROUP, 0));
        } finally {
            books.start();
        }

        assertThat(withoutTheMoment(caughtUpCheck())).isEqualTo(withoutTheMoment(before));
        assertThat(held.voidIt(open)).isEqualTo("VOIDED");
    }

    @Test
    void aRebuildFromTheEventStoreRestoresTheSameBooks() {
        String alice = ledger.openAccount("alice", CURRENCY);
        ledger.deposit(alice, 900);
        ledger.balanceOnceSettled(alice, 900);
        JsonNode before = caughtUpCheck();

        assertThat(ledger.post("/api/admin/projections/" + BooksProjection.PROCESSING_GROUP + "/rebuild", "")
                .status()).isEqualTo(202);

        assertThat(withoutTheMoment(caughtUpCheck())).isEqualTo(withoutTheMoment(before));
    }

    /**
     * The incremental check once the books processor has reached the head of the event store. After a rebuild it
     * still says REPLAYING there: Axon clears the flag only at the first event past the reset position.
     */
    private JsonNode caughtUpCheck() {
        LedgerClient.eventually(() -> ledger.get("/api/admin/projections").json(), projections ->
                StreamSupport.stream(projections.path("content").spliterator(), false)
                        .filter(projection -> BooksProjection.PROCESSING_GROUP.equals(projection.path("name").asString()))
                        .anyMatch(projection -> projection.path("lag").asLong() == 0
                                && !"ERROR".equals(projection.path("status").asString())));
        return get("/api/audit/books");
    }

    private double replays() {
        return meters.get("ledger.audit.replays").functionCounter().count();
    }

    private JsonNode get(String path) {
        LedgerClient.Response response = ledger.get(path);
        assertThat(response.status()).as(response.raw()).isEqualTo(200);
        return response.json();
    }

    /** A report without when it was taken; the order of findings and stuck transfers is not part of it. */
    private static JsonNode withoutTheMoment(JsonNode report) {
        ObjectNode copy = (ObjectNode) report.deepCopy();
        copy.remove("checkedAt");
        copy.remove("projectionDisagreements");
        copy.set("mismatches", copy.arrayNode().addAll(sorted(report.path("mismatches"))));
        copy.set("stuckTransfers", copy.arrayNode().addAll(sorted(report.path("stuckTransfers"))));
        return copy;
    }

    private static List<JsonNode> sorted(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false)
                .sorted(Comparator.comparing(JsonNode::toString))
                .toList();
    }
}
