package dev.ledger.app.readside;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.app.LedgerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Predicate;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.GenericDomainEventMessage;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.jdbc.core.JdbcTemplate;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.JsonNodeFactory;

/**
 * The read side as operators see it: how far each read model has caught up, a rebuild from the event store
 * that reproduces every view exactly, and an event a read model cannot handle parked in plain sight.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ReadSideOperationsTest {

    private static final Logger log = LoggerFactory.getLogger(ReadSideOperationsTest.class);
    private static final List<String> READ_MODELS = List.of("account-view", "statement", "transfer-view", "books");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    CommandGateway commands;

    @Autowired
    EventStore eventStore;

    @Autowired
    JdbcTemplate jdbc;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port, environment);
    }

    @Test
    void everyProcessorIsListedWithItsPositionLagAndStatus() {
        JsonNode projections = ledger.get("/api/admin/projections").json().path("content");

        assertThat(projections.findValuesAsString("name"))
                .contains("account-view", "statement", "transfer-view", "transfer-saga", "books");
        for (JsonNode projection : projections) {
            assertThat(projection.path("status").asString()).isIn("RUNNING", "REPLAYING");
            assertThat(projection.path("lag").asLong()).isGreaterThanOrEqualTo(0);
            assertThat(projection.path("rebuildable").asBoolean())
                    .isEqualTo(READ_MODELS.contains(projection.path("name").asString()));
        }
    }

    @Test
    void theSagaIsNeverReplayed() {
        LedgerClient.Response refused = ledger.post("/api/admin/projections/transfer-saga/rebuild", "");

        assertThat(refused.status()).isEqualTo(400);
        assertThat(refused.code()).isEqualTo("PROJECTION_NOT_REBUILDABLE");
    }

    @Test
    void rebuildingEveryReadModelReproducesEveryViewExactly() {
        List<AccountId> accounts = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            AccountId account = new AccountId("rebuild-" + UUID.randomUUID());
            commands.sendAndWait(new OpenAccount(account, "rebuilder", Money.currencyOf("EUR"), Money.of(0, "EUR"),
                    Requester.staff("operator")));
            commands.sendAndWait(new DepositMoney(account, null, Money.of(100_000, "EUR"), "seed"));
            accounts.add(account);
        }
        List<TransferId> transfers = new ArrayList<>();
        for (int i = 0; i < 600; i++) {
            TransferId transfer = TransferId.generate();
            // Every seventh transfer asks for more than the source holds, so failures replay too.
            long amount = i % 7 == 0 ? 10_000_000 : 100 + i;
            commands.sendAndWait(new RequestTransfer(transfer, accounts.get(i % 40), accounts.get((i * 7 + 3) % 40),
                    Money.of(amount, "EUR"), "load", Requester.staff("operator")));
            transfers.add(transfer);
        }
        transfers.forEach(transfer -> ledger.awaitTransfer(transfer.value()));
        awaitReadModels(this::caughtUpAndLive);
        Map<String, String> before = snapshot(accounts, transfers);

        for (String readModel : READ_MODELS) {
            assertThat(ledger.post("/api/admin/projections/" + readModel + "/rebuild", "").status()).isEqualTo(202);
        }
        Instant rebuildStarted = Instant.now();
        awaitReadModels(projection -> projection.path("lag").asLong() == 0);
        log.info("READ SIDE: rebuilt {} read models over {} events in {} ms", READ_MODELS.size(), headPosition(),
                Duration.between(rebuildStarted, Instant.now()).toMillis());

        assertThat(headPosition()).isGreaterThan(2_000);
        assertThat(snapshot(accounts, transfers)).isEqualTo(before);

        // Axon clears a replay flag at the first event past the reset position; then all is live again.
        ledger.openAccount("rebuilder", "EUR");
        awaitReadModels(this::caughtUpAndLive);
    }

    @Test
    void anEventAReadModelCannotHandleIsParkedAndListedNotLost() {
        String ghost = "ghost-" + UUID.randomUUID();
        // A freeze for an account that was never opened: the account view cannot apply it.
        eventStore.publish(new GenericDomainEventMessage<>("Ghost", ghost, 0, new AccountFrozen(new AccountId(ghost))));
        try {
            theGhostIsParkedWhileTheAccountViewGoesOn(ghost);
        } finally {
            // Other tests share this database, and the audit rightly reports a rogue event in the store.
            jdbc.update("DELETE FROM dead_letter_entry WHERE aggregate_identifier = ?", ghost);
            jdbc.update("DELETE FROM domain_event_entry WHERE aggregate_identifier = ?", ghost);
        }
    }

    private void theGhostIsParkedWhileTheAccountViewGoesOn(String ghost) {

        JsonNode parked = LedgerClient.eventually(() -> ledger.get("/api/admin/dead-letters").json().path("content"),
                letters -> letters.findValuesAsString("aggregateIdentifier").contains(ghost));
        JsonNode letter = StreamSupport.stream(parked.spliterator(), false)
                .filter(candidate -> ghost.equals(candidate.path("aggregateIdentifier").asString()))
                .findFirst()
                .orElseThrow(() -> new AssertionError("not parked: " + parked));
        assertThat(letter.path("processingGroup").asString()).isEqualTo("account-view");
        assertThat(letter.path("eventType").asString()).isEqualTo("AccountFrozen");
        assertThat(letter.path("causeMessage").asString()).contains(ghost);

        String alice = ledger.openAccount("alice", "EUR");
        ledger.deposit(alice, 700);
        assertThat(ledger.balanceOnceSettled(alice, 700))
                .as("the account view keeps going past the parked event").isEqualTo(700);
    }

    @Test
    void waitingForATransferAnswersWhenItEndsWithoutClientPolling() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 1_000);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, bob, 300, "EUR"));
        Instant answered = Instant.now();

        assertThat(transfer.path("status").asString()).isEqualTo("COMPLETED");
        JsonNode steps = transfer.path("steps");
        Instant completed = Instant.parse(steps.get(steps.size() - 1).path("at").asString());
        log.info("READ SIDE: waitSeconds answered {} ms after the transfer completed",
                Duration.between(completed, answered).toMillis());
    }

    private void awaitReadModels(Predicate<JsonNode> settled) {
        JsonNode readModels = LedgerClient.eventually(this::readModels,
                projections -> StreamSupport.stream(projections.spliterator(), false).allMatch(settled));
        assertThat(readModels).as(readModels.toString()).allMatch(settled);
    }

    private boolean caughtUpAndLive(JsonNode projection) {
        return projection.path("lag").asLong() == 0 && "RUNNING".equals(projection.path("status").asString());
    }

    private JsonNode readModels() {
        JsonNode all = ledger.get("/api/admin/projections").json().path("content");
        ArrayNode readModels = JsonNodeFactory.instance.arrayNode();
        all.forEach(projection -> {
            if (READ_MODELS.contains(projection.path("name").asString())) {
                readModels.add(projection);
            }
        });
        return readModels;
    }

    private long headPosition() {
        return eventStore.createHeadToken().position().orElse(0);
    }

    private Map<String, String> snapshot(List<AccountId> accounts, List<TransferId> transfers) {
        Map<String, String> views = new LinkedHashMap<>();
        for (AccountId account : accounts) {
            views.put("account " + account, ledger.get("/api/accounts/" + account).raw());
            views.put("statement " + account, ledger.get("/api/accounts/" + account + "/transactions?size=200").raw());
        }
        transfers.forEach(transfer -> views.put("transfer " + transfer, ledger.get("/api/transfers/" + transfer).raw()));
        return views;
    }
}
