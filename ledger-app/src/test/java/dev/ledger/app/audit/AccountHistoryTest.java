package dev.ledger.app.audit;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.money.Money;
import dev.ledger.app.LedgerClient;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.StreamSupport;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventhandling.EventMessage;
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
import tools.jackson.databind.JsonNode;

/**
 * An account's history and its past balances, replayed from the event store and read through HTTP.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class AccountHistoryTest {

    private static final Logger log = LoggerFactory.getLogger(AccountHistoryTest.class);

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    EventStore eventStore;

    @Autowired
    CommandGateway commands;

    LedgerClient ledger;
    HeldTransfers held;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port, environment);
        held = new HeldTransfers(commands, ledger);
    }

    /** One history event, as compared in these tests; absent fields are null. */
    record Row(long sequence, String type, Long amount, String transferId, long balanceAfter) {
    }

    @Test
    void theHistoryListsEveryEventOldestFirstWithSignedAmountsTransfersAndReplayedBalances() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        String dave = ledger.openAccount("dave", "EUR");
        ledger.deposit(alice, 10_000);
        withdraw(alice, 2_500);
        String completed = ledger.transfer(alice, bob, 1_000, "EUR");
        assertThat(ledger.awaitTransfer(completed).path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ledger.post("/api/accounts/" + dave + "/freeze", "").status()).isEqualTo(204);
        String refunded = ledger.transfer(alice, dave, 2_000, "EUR");
        assertThat(ledger.awaitTransfer(refunded).path("status").asString()).isEqualTo("REFUNDED");

        LedgerClient.Response history = ledger.get("/api/accounts/" + alice + "/history");

        assertThat(history.status()).as(history.raw()).isEqualTo(200);
        assertThat(history.json().path("accountId").asString()).isEqualTo(alice);
        assertThat(history.json().path("currency").asString()).isEqualTo("EUR");
        assertThat(rows(history.json())).containsExactly(
                new Row(0, "AccountOpened", null, null, 0),
                new Row(1, "MoneyDeposited", 10_000L, null, 10_000),
                new Row(2, "MoneyWithdrawn", -2_500L, null, 7_500),
                new Row(3, "AccountDebited", -1_000L, completed, 6_500),
                new Row(4, "AccountDebited", -2_000L, refunded, 4_500),
                new Row(5, "AccountDebitRefunded", 2_000L, refunded, 6_500));
        assertThat(timestamps(history.json())).isSorted();
        JsonNode page = history.json().path("page");
        assertThat(List.of(page.path("number").asInt(), page.path("size").asInt(),
                page.path("totalElements").asInt(), page.path("totalPages").asInt())).containsExactly(0, 100, 6, 1);

        assertThat(rows(ledger.get("/api/accounts/" + bob + "/history").json())).containsExactly(
                new Row(0, "AccountOpened", null, null, 0),
                new Row(1, "AccountCredited", 1_000L, completed, 1_000));
        JsonNode daveHistory = ledger.get("/api/accounts/" + dave + "/history").json();
        assertThat(rows(daveHistory)).containsExactly(
                new Row(0, "AccountOpened", null, null, 0),
                new Row(1, "AccountFrozen", null, null, 0),
                new Row(2, "AccountCreditRejected", null, refunded, 0));
        assertThat(daveHistory.path("events").get(2).path("reason").asString()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(daveHistory.path("events").get(2).has("amount")).isFalse();
    }

    /** One history event with what it did to the money held for transfers; absent fields are null. */
    record HeldRow(long sequence, String type, Long amount, Long pendingChange, long balanceAfter, long pendingAfter,
                   long availableAfter) {
    }

    @Test
    void theHistoryAndTheBalanceAsOfAnInstantShowWhatWasHeldAndWhatWasAvailable() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
        String captured = held.authorize(alice, bob, 3_000, "EUR");
        Instant whileHeld = LedgerClient.instantBeforeTheNextEvent();
        JsonNode holding = held.accountHolding(alice, 3_000);
        assertThat(holding.path("balance").asLong()).isEqualTo(10_000);
        assertThat(holding.path("available").asLong()).isEqualTo(7_000);
        assertThat(held.capture(captured, 2_000, "EUR")).isEqualTo("COMPLETED");
        Instant afterCapture = LedgerClient.instantBeforeTheNextEvent();
        held.voided(alice, bob, 1_000, "EUR");

        JsonNode history = ledger.get("/api/accounts/" + alice + "/history").json();

        assertThat(heldRows(history)).containsExactly(
                new HeldRow(0, "AccountOpened", null, null, 0, 0, 0),
                new HeldRow(1, "MoneyDeposited", 10_000L, null, 10_000, 0, 10_000),
                new HeldRow(2, "AccountFundsHeld", null, 3_000L, 10_000, 3_000, 7_000),
                new HeldRow(3, "AccountHoldCaptured", -2_000L, -3_000L, 8_000, 0, 8_000),
                new HeldRow(4, "AccountFundsHeld", null, 1_000L, 8_000, 1_000, 7_000),
                new HeldRow(5, "AccountHoldReleased", null, -1_000L, 8_000, 0, 8_000));
        assertThat(history.path("events").get(3).path("transferId").asString()).isEqualTo(captured);
        assertThat(balancesAsOf(alice, whileHeld)).containsExactly(10_000L, 3_000L, 7_000L);
        assertThat(balancesAsOf(alice, afterCapture)).containsExactly(8_000L, 0L, 8_000L);
        assertThat(held.accountHolding(alice, 0).path("available").asLong()).isEqualTo(8_000);
        assertThat(ledger.balanceOnceSettled(bob, 2_000)).isEqualTo(2_000);
    }

    @Test
    void theStatementCountsOnlyPostedEntriesUnlessAskedForThePendingOnes() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
        held.voided(alice, bob, 1_000, "EUR");
        held.captured(alice, bob, 3_000, 2_500, "EUR");

        JsonNode all = LedgerClient.eventually(
                () -> ledger.get("/api/accounts/" + alice + "/transactions?includePending=true").json(),
                statement -> statement.path("content").size() == 5);
        JsonNode posted = ledger.get("/api/accounts/" + alice + "/transactions").json();

        assertThat(StreamSupport.stream(all.path("content").spliterator(), false)
                .map(entry -> entry.path("type").asString() + " " + entry.path("amount").asLong() + " "
                        + entry.path("pending").asBoolean() + " " + entry.path("balanceAfter").asLong())
                .toList()).containsExactly("TRANSFER_DEBIT -2500 false 7500", "HOLD -3000 true 10000",
                "HOLD_RELEASE 1000 true 10000", "HOLD -1000 true 10000", "DEPOSIT 10000 false 10000");
        assertThat(all.path("content").get(0).path("availableAfter").asLong()).isEqualTo(7_500);
        assertThat(StreamSupport.stream(posted.path("content").spliterator(), false)
                .mapToLong(entry -> entry.path("amount").asLong()).sum()).isEqualTo(7_500);
        assertThat(posted.path("page").path("totalElements").asLong()).isEqualTo(2);
        assertThat(ledger.get("/api/accounts/" + alice + "/transactions?limit=10&includePending=true").json()
                .path("items").size()).isEqualTo(5);
    }

    @Test
    void theBalanceAsOfAnInstantIsTheBalanceThatHeldThen() {
        Instant beforeOpening = LedgerClient.instantBeforeTheNextEvent();
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        Instant opened = LedgerClient.instantBeforeTheNextEvent();
        ledger.deposit(alice, 10_000);
        Instant deposited = LedgerClient.instantBeforeTheNextEvent();
        withdraw(alice, 2_500);
        Instant withdrawn = LedgerClient.instantBeforeTheNextEvent();
        assertThat(ledger.awaitTransfer(ledger.transfer(alice, bob, 1_000, "EUR")).path("status").asString())
                .isEqualTo("COMPLETED");
        Instant transferred = LedgerClient.instantBeforeTheNextEvent();

        assertThat(balanceAsOf(alice, opened)).isZero();
        assertThat(balanceAsOf(alice, deposited)).isEqualTo(10_000);
        assertThat(balanceAsOf(alice, withdrawn)).isEqualTo(7_500);
        assertThat(balanceAsOf(alice, transferred)).isEqualTo(6_500);
        assertThat(balanceAsOf(bob, withdrawn)).isZero();
        assertThat(balanceAsOf(bob, transferred)).isEqualTo(1_000);

        JsonNode answer = ledger.get("/api/accounts/" + alice + "/balance?asOf=" + deposited).json();
        assertThat(answer.path("accountId").asString()).isEqualTo(alice);
        assertThat(Instant.parse(answer.path("asOf").asString())).isEqualTo(deposited);
        assertThat(answer.path("currency").asString()).isEqualTo("EUR");

        LedgerClient.Response notYetOpened = ledger.get("/api/accounts/" + alice + "/balance?asOf=" + beforeOpening);
        assertThat(notYetOpened.status()).isEqualTo(404);
        assertThat(notYetOpened.code()).isEqualTo("ACCOUNT_NOT_FOUND");
    }

    @Test
    void withoutAnInstantTheBalanceIsTheOneReplayedNow() {
        String alice = ledger.openAccount("alice", "JPY");
        ledger.deposit(alice, 700);

        JsonNode answer = ledger.get("/api/accounts/" + alice + "/balance").json();

        assertThat(answer.path("balance").asLong()).isEqualTo(700);
        assertThat(answer.path("currency").asString()).isEqualTo("JPY");
        assertThat(Instant.parse(answer.path("asOf").asString())).isBeforeOrEqualTo(Instant.now());
    }

    @Test
    void anAccountThatDoesNotExistHasNoHistoryAndNoBalance() {
        for (String path : List.of("/api/accounts/no-such-account/history",
                "/api/accounts/no-such-account/balance?asOf=2026-01-01T00:00:00Z")) {
            LedgerClient.Response missing = ledger.get(path);
            assertThat(missing.status()).as(path).isEqualTo(404);
            assertThat(missing.contentType()).startsWith("application/problem+json");
            assertThat(missing.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        }
    }

    @Test
    void badIdsPagesAndInstantsAreRefusedAsValidationFailures() {
        String alice = ledger.openAccount("alice", "EUR");
        for (String path : List.of(
                "/api/accounts/" + "x".repeat(65) + "/history",
                "/api/accounts/" + "x".repeat(65) + "/balance",
                "/api/accounts/" + alice + "/history?size=1001",
                "/api/accounts/" + alice + "/history?size=0",
                "/api/accounts/" + alice + "/history?page=-1",
                "/api/accounts/" + alice + "/history?page=first",
                "/api/accounts/" + alice + "/balance?asOf=yesterday",
                "/api/accounts/" + alice + "/balance?asOf=2026-13-01T00:00:00Z")) {
            LedgerClient.Response refused = ledger.get(path);
            assertThat(refused.status()).as(path).isEqualTo(400);
            assertThat(refused.contentType()).as(path).startsWith("application/problem+json");
            assertThat(refused.code()).as(path).isEqualTo("VALIDATION_FAILED");
        }
    }

    @Test
    void aThousandEventHistoryLoadsInOneRequestAndPagesKeepTheRunningBalance() {
        String alice = ledger.openAccount("alice", "EUR");
        // Appended straight to the store: through the aggregate, without snapshots, every deposit would first
        // replay all the deposits before it. The events are what the aggregate would have written.
        List<EventMessage<?>> deposits = new ArrayList<>();
        for (int sequence = 1; sequence < 1_000; sequence++) {
            deposits.add(new GenericDomainEventMessage<>("Account", alice, sequence,
                    new MoneyDeposited(new AccountId(alice), null, Money.of(1, "EUR"), "load", Money.of(sequence, "EUR"))));
        }
        eventStore.publish(deposits);
        // Measured once the read models have digested the burst, so that the figure is the history's own.
        assertThat(ledger.balanceOnceSettled(alice, 999)).isEqualTo(999);

        Instant started = Instant.now();
        LedgerClient.Response all = ledger.get("/api/accounts/" + alice + "/history?size=1000");
        long firstMillis = Duration.between(started, Instant.now()).toMillis();
        started = Instant.now();
        ledger.get("/api/accounts/" + alice + "/history?size=1000");
        long secondMillis = Duration.between(started, Instant.now()).toMillis();
        log.info("AUDIT: 1000-event history loaded in {} ms over HTTP ({} ms the second time)", firstMillis,
                secondMillis);

        assertThat(all.status()).isEqualTo(200);
        List<Row> rows = rows(all.json());
        assertThat(rows).hasSize(1_000);
        assertThat(rows.get(999)).isEqualTo(new Row(999, "MoneyDeposited", 1L, null, 999));
        JsonNode middle = ledger.get("/api/accounts/" + alice + "/history?page=1&size=400").json();
        assertThat(rows(middle)).hasSize(400).first().isEqualTo(new Row(400, "MoneyDeposited", 1L, null, 400));
        assertThat(middle.path("page").path("totalElements").asLong()).isEqualTo(1_000);
        assertThat(middle.path("page").path("totalPages").asLong()).isEqualTo(3);
        assertThat(rows(ledger.get("/api/accounts/" + alice + "/history?page=3&size=400").json())).isEmpty();
    }

    private void withdraw(String accountId, long amount) {
        LedgerClient.Response withdrawn = ledger.post("/api/accounts/" + accountId + "/withdrawals",
                "{\"amount\":" + amount + "}");
        assertThat(withdrawn.status()).as(withdrawn.raw()).isEqualTo(200);
    }

    private long balanceAsOf(String accountId, Instant asOf) {
        LedgerClient.Response balance = ledger.get("/api/accounts/" + accountId + "/balance?asOf=" + asOf);
        assertThat(balance.status()).as(balance.raw()).isEqualTo(200);
        return balance.json().path("balance").asLong();
    }

    private static List<Row> rows(JsonNode history) {
        return StreamSupport.stream(history.path("events").spliterator(), false)
                .map(event -> new Row(event.path("sequence").asLong(), event.path("type").asString(),
                        event.has("amount") ? event.path("amount").asLong() : null,
                        event.has("transferId") ? event.path("transferId").asString() : null,
                        event.path("balanceAfter").asLong()))
                .toList();
    }

    /** Balance, pending and available as of the instant, replayed. */
    private List<Long> balancesAsOf(String accountId, Instant asOf) {
        JsonNode then = ledger.get("/api/accounts/" + accountId + "/balance?asOf=" + asOf).json();
        return List.of(then.path("balance").asLong(), then.path("pending").asLong(), then.path("available").asLong());
    }

    private static List<HeldRow> heldRows(JsonNode history) {
        return StreamSupport.stream(history.path("events").spliterator(), false)
                .map(event -> new HeldRow(event.path("sequence").asLong(), event.path("type").asString(),
                        event.has("amount") ? event.path("amount").asLong() : null,
                        event.has("pendingChange") ? event.path("pendingChange").asLong() : null,
                        event.path("balanceAfter").asLong(), event.path("pendingAfter").asLong(),
                        event.path("availableAfter").asLong()))
                .toList();
    }

    private static List<Instant> timestamps(JsonNode history) {
        return StreamSupport.stream(history.path("events").spliterator(), false)
                .map(event -> Instant.parse(event.path("timestamp").asString()))
                .toList();
    }
}
