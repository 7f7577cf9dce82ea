package dev.ledger.app;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;

/**
 * The ledger's core promise, driven through HTTP against the real application: accounts, deposits, and
 * transfers that complete, fail with nothing moved, or are refunded, with balances read back through the API.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class MoneyMovementTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port, environment);
    }

    @Test
    void aTransferMovesMoneyFromSourceToDestination() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, bob, 2_500, "EUR"));

        assertThat(transfer.path("status").asString()).isEqualTo("COMPLETED");
        assertThat(transfer.has("failureCode")).isFalse();
        assertThat(transfer.path("steps").findValuesAsString("name"))
                .containsExactly("TransferRequested", "AccountDebited", "AccountCredited", "TransferCompleted");
        assertThat(ledger.balanceOnceSettled(alice, 7_500)).isEqualTo(7_500);
        assertThat(ledger.balanceOnceSettled(bob, 2_500)).isEqualTo(2_500);
    }

    @Test
    void aCashAnswerCarriesItsStatementEntryTheBalanceAfterTheReferenceAndTheRequest() {
        String account = ledger.openAccount("alice", "EUR");

        LedgerClient.Response deposited = ledger.post("/api/accounts/" + account + "/deposits",
                "{\"amount\":1000,\"reference\":\"payslip 11\"}", "X-Request-Id", "req-deposit-1");
        LedgerClient.Response withdrawn = ledger.post("/api/accounts/" + account + "/withdrawals",
                "{\"amount\":300,\"reference\":\"atm\"}");

        assertThat(deposited.status()).as(deposited.raw()).isEqualTo(200);
        JsonNode deposit = deposited.json();
        assertThat(deposit.path("balanceAfter").asLong()).isEqualTo(1_000);
        assertThat(deposit.path("reference").asString()).isEqualTo("payslip 11");
        assertThat(deposit.path("correlationId").asString()).isEqualTo("req-deposit-1");
        JsonNode withdrawal = withdrawn.json();
        assertThat(withdrawal.path("balanceAfter").asLong()).isEqualTo(700);
        assertThat(withdrawal.path("correlationId").asString()).isEqualTo(withdrawn.header("X-Request-Id"));
        JsonNode statement = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + account + "/transactions")
                .json(), page -> page.path("content").size() == 2);
        assertThat(statement.path("content").findValuesAsString("entryId"))
                .containsExactly(withdrawal.path("entryId").asString(), deposit.path("entryId").asString());
    }

    @Test
    void aTransferRequestCanWaitForTheTransferToEnd() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 3_000);
        String key = UUID.randomUUID().toString();
        String body = "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\"" + bob
                + "\",\"amount\":1000,\"currency\":\"EUR\"}";

        LedgerClient.Response ended = ledger.post("/api/transfers?waitSeconds=30", body, "Idempotency-Key", key);

        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        String transferId = ended.json().path("transferId").asString();
        assertThat(ended.location()).isEqualTo("/api/transfers/" + transferId);
        assertThat(ended.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(ended.json().path("steps").findValuesAsString("name"))
                .containsExactly("TransferRequested", "AccountDebited", "AccountCredited", "TransferCompleted");
        assertThat(ledger.balanceOnceSettled(bob, 1_000)).isEqualTo(1_000);

        // Replayed with the same key, it moves nothing again and answers as the first request did.
        LedgerClient.Response replayed = ledger.post("/api/transfers?waitSeconds=30", body, "Idempotency-Key", key);
        assertThat(replayed.status()).as(replayed.raw()).isEqualTo(200);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json().path("transferId").asString()).isEqualTo(transferId);
        assertThat(replayed.json().path("status").asString()).isEqualTo("COMPLETED");
        // Without a wait, the replay is the acceptance that was stored with the request.
        LedgerClient.Response accepted = ledger.post("/api/transfers", body, "Idempotency-Key", key);
        assertThat(accepted.status()).isEqualTo(202);
        assertThat(accepted.json().path("status").asString()).isEqualTo("REQUESTED");
        assertThat(ledger.balanceOnceSettled(alice, 2_000)).isEqualTo(2_000);
    }

    @Test
    void aWaitingTransferRequestAnswersWithTheFailureToo() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");

        LedgerClient.Response ended = ledger.post("/api/transfers?waitSeconds=30", "{\"sourceAccountId\":\""
                        + alice + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":1,\"currency\":\"EUR\"}",
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(ended.status()).as(ended.raw()).isEqualTo(200);
        assertThat(ended.json().path("status").asString()).isEqualTo("FAILED");
        assertThat(ended.json().path("failureCode").asString()).isEqualTo("INSUFFICIENT_FUNDS");
    }

    @Test
    void aTransferBeyondTheBalanceFailsWithNothingMoved() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 1_000);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, bob, 1_001, "EUR"));

        assertThat(transfer.path("status").asString()).isEqualTo("FAILED");
        assertThat(transfer.path("failureCode").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(ledger.balanceOnceSettled(alice, 1_000)).isEqualTo(1_000);
        assertThat(ledger.balanceOnceSettled(bob, 0)).isEqualTo(0);
    }

    @Test
    void aTransferToAFrozenAccountIsRefundedToTheSource() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 5_000);
        assertThat(ledger.post("/api/accounts/" + bob + "/freeze", "").status()).isEqualTo(204);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, bob, 2_000, "EUR"));

        assertThat(transfer.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(transfer.path("failureCode").asString()).isEqualTo("ACCOUNT_FROZEN");
        assertThat(ledger.balanceOnceSettled(alice, 5_000)).isEqualTo(5_000);
        assertThat(ledger.balanceOnceSettled(bob, 0)).isEqualTo(0);
        assertThat(ledger.get("/api/accounts/" + alice + "/transactions").json().path("content")
                .findValuesAsString("type"))
                .containsExactly("REFUND", "TRANSFER_DEBIT", "DEPOSIT");
    }

    @Test
    void aTransferToAnAccountThatDoesNotExistIsRefundedToTheSource() {
        String alice = ledger.openAccount("alice", "EUR");
        ledger.deposit(alice, 3_000);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, "no-such-account", 1_000, "EUR"));

        assertThat(transfer.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(transfer.path("failureCode").asString()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(ledger.balanceOnceSettled(alice, 3_000)).isEqualTo(3_000);
    }

    @Test
    void aTransferToAnAccountInAnotherCurrencyIsRefundedToTheSource() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "USD");
        ledger.deposit(alice, 3_000);

        JsonNode transfer = ledger.awaitTransfer(ledger.transfer(alice, bob, 1_000, "EUR"));

        assertThat(transfer.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(transfer.path("failureCode").asString()).isEqualTo("CURRENCY_MISMATCH");
        assertThat(ledger.balanceOnceSettled(alice, 3_000)).isEqualTo(3_000);
    }

    @Test
    void cashMovesInAndOutAndTheStatementShowsSignedEntriesNewestFirst() {
        String alice = ledger.openAccount("alice", "JPY");
        ledger.deposit(alice, 500);
        assertThat(ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":200}").status())
                .isEqualTo(200);

        assertThat(ledger.balanceOnceSettled(alice, 300)).isEqualTo(300);
        // The statement is a read model of its own, which may follow the account's a moment later.
        JsonNode statement = LedgerClient.eventually(() -> ledger.get("/api/accounts/" + alice
                + "/transactions?page=0&size=10").json(), page -> page.path("content").size() == 2);
        assertThat(statement.path("content").findValuesAsString("type")).containsExactly("WITHDRAWAL", "DEPOSIT");
        assertThat(statement.path("content").get(0).path("amount").asLong()).isEqualTo(-200);
        assertThat(statement.path("content").get(0).path("balanceAfter").asLong()).isEqualTo(300);
        assertThat(statement.path("page").path("totalElements").asLong()).isEqualTo(2);
    }

    @Test
    void anAccountClosesOnlyAtZeroAndThenRefusesMoney() {
        String alice = ledger.openAccount("alice", "EUR");
        ledger.deposit(alice, 100);

        LedgerClient.Response notEmpty = ledger.post("/api/accounts/" + alice + "/close", "");
        assertThat(notEmpty.status()).isEqualTo(422);
        assertThat(notEmpty.code()).isEqualTo("ACCOUNT_NOT_EMPTY");

        ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":100}");
        assertThat(ledger.post("/api/accounts/" + alice + "/close", "").status()).isEqualTo(204);
        LedgerClient.Response closed = ledger.post("/api/accounts/" + alice + "/deposits", "{\"amount\":1}");
        assertThat(closed.status()).isEqualTo(422);
        assertThat(closed.code()).isEqualTo("ACCOUNT_CLOSED");
    }

    @Test
    void accountsAreListedByOwner() {
        String owner = "carol" + System.nanoTime();
        String first = ledger.openAccount(owner, "EUR");
        String second = ledger.openAccount(owner, "USD");

        JsonNode listed = LedgerClient.eventually(() -> ledger.get("/api/accounts?owner=" + owner).json(),
                accounts -> accounts.path("content").size() == 2);
        assertThat(listed.path("content").findValuesAsString("accountId"))
                .containsExactlyElementsOf(java.util.stream.Stream.of(first, second).sorted().toList());
    }
}
