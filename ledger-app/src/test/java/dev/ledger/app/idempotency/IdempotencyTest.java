package dev.ledger.app.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.idempotency.LostAnswers.AsOverAxonServerWhenAsked;
import dev.ledger.app.idempotency.LostAnswers.LosingGateway;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.context.annotation.Import;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Idempotency-Key semantics of the contract, through HTTP against the real application. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@Import(LostAnswers.class)
class IdempotencyTest {

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    IdempotentRequests idempotentRequests;

    @Autowired
    IdempotencyKeyRetention retention;

    @Autowired
    JdbcTemplate jdbc;

    @Autowired
    AsOverAxonServerWhenAsked overAxonServer;

    @Autowired
    LosingGateway gateway;

    LedgerClient ledger;
    String alice;
    String bob;

    @BeforeEach
    void openTwoAccounts() {
        ledger = new LedgerClient(port, environment);
        alice = ledger.openAccount("alice", "EUR");
        bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
    }

    @Test
    void aRepeatedTransferGetsTheOriginalResponseAndMovesMoneyOnce() {
        String key = "transfer-" + UUID.randomUUID();
        LedgerClient.Response first = ledger.post("/api/transfers", transfer(1_000), "Idempotency-Key", key);
        LedgerClient.Response repeat = ledger.post("/api/transfers", transfer(1_000), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(first.header("Idempotent-Replayed")).isNull();
        assertThat(repeat.status()).isEqualTo(202);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(repeat.location()).isEqualTo(first.location());
        assertThat(repeat.json()).isEqualTo(first.json());
        ledger.awaitTransfer(first.json().path("transferId").asString());
        assertThat(ledger.balanceOnceSettled(bob, 1_000)).isEqualTo(1_000);
        assertThat(ledger.balanceOnceSettled(alice, 9_000)).isEqualTo(9_000);
    }

    @Test
    void theSameKeyWithAnotherBodyIsRefused() {
        String key = "transfer-" + UUID.randomUUID();
        ledger.post("/api/transfers", transfer(1_000), "Idempotency-Key", key);

        LedgerClient.Response reused = ledger.post("/api/transfers", transfer(2_000), "Idempotency-Key", key);

        assertThat(reused.status()).isEqualTo(422);
        assertThat(reused.code()).isEqualTo("IDEMPOTENCY_KEY_REUSED");
    }

    @Test
    void theSameKeyWhileTheFirstRequestRunsGetsAConflict() throws Exception {
        String key = "transfer-" + UUID.randomUUID();
        CountDownLatch firstIsRunning = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CompletableFuture<ResponseEntity<?>> first = CompletableFuture.supplyAsync(() ->
                idempotentRequests.execute("admin", key, "held", () -> {
                    firstIsRunning.countDown();
                    await(release);
                    return ResponseEntity.ok("first");
                }));
        assertThat(firstIsRunning.await(10, TimeUnit.SECONDS)).isTrue();

        LedgerClient.Response concurrent = ledger.post("/api/transfers", transfer(1_000), "Idempotency-Key", key);
        release.countDown();

        assertThat(concurrent.status()).isEqualTo(409);
        assertThat(concurrent.code()).isEqualTo("CONCURRENT_REQUEST");
        assertThat(first.get(10, TimeUnit.SECONDS).getBody()).isEqualTo("first");
    }

    @Test
    void keysAreScopedToTheCallerSoTwoCallersNeverShareAnAnswer() {
        String key = "shared-" + UUID.randomUUID();
        LedgerClient.Response byAdmin = ledger.post("/api/accounts/" + bob + "/deposits", "{\"amount\":300}",
                "Idempotency-Key", key);
        LedgerClient.Response byTeller = ledger.as("teller").post("/api/accounts/" + bob + "/deposits",
                "{\"amount\":300}", "Idempotency-Key", key);

        assertThat(byAdmin.status()).isEqualTo(200);
        assertThat(byTeller.status()).isEqualTo(200);
        assertThat(byTeller.header("Idempotent-Replayed")).isNull();
        assertThat(ledger.balanceOnceSettled(bob, 600)).as("each caller's deposit counted").isEqualTo(600);
    }

    @Test
    void aRepeatedDepositIsAppliedOnce() {
        String key = "deposit-" + UUID.randomUUID();
        LedgerClient.Response first = ledger.post("/api/accounts/" + bob + "/deposits", "{\"amount\":300}",
                "Idempotency-Key", key);
        LedgerClient.Response repeat = ledger.post("/api/accounts/" + bob + "/deposits", "{\"amount\":300}",
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(200);
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ledger.balanceOnceSettled(bob, 300)).isEqualTo(300);
        ledger.deposit(bob, 1);
        assertThat(ledger.balanceOnceSettled(bob, 301)).as("exactly one of the two deposits counted").isEqualTo(301);
    }

    @AfterEach
    void backToTheEmbeddedPath() {
        overAxonServer.asked(false);
    }

    /**
     * Issue 18: the deposit runs, and its answer is lost on the way back (as when the connection to Axon Server breaks
     * after the handling node stored the events), so the client gets a 503 and sends it again with the same key. Over
     * Axon Server the first attempt's effect stands, and the retry is the same movement, which the account answers with
     * its first receipt; on the embedded default the lost answer rolls the attempt back, and the retry makes it.
     * Either way the money moves once.
     */
    @ParameterizedTest(name = "events in Axon Server: {0}")
    @ValueSource(booleans = {true, false})
    void aDepositWhoseAnswerWasLostIsAppliedOnceWhenSentAgain(boolean eventsInAxonServer) {
        overAxonServer.asked(eventsInAxonServer);
        String key = "lost-" + UUID.randomUUID();
        String deposits = "/api/accounts/" + bob + "/deposits";
        gateway.loseTheNextAnswerTo(DepositMoney.class);

        LedgerClient.Response lost = ledger.post(deposits, "{\"amount\":300}", "Idempotency-Key", key);
        long balanceMeanwhile = ledger.balanceOnceSettled(bob, eventsInAxonServer ? 300 : 0);
        LedgerClient.Response again = ledger.post(deposits, "{\"amount\":300}", "Idempotency-Key", key);
        LedgerClient.Response replayed = ledger.post(deposits, "{\"amount\":300}", "Idempotency-Key", key);

        assertThat(lost.status()).isEqualTo(503);
        assertThat(balanceMeanwhile).as("the lost attempt's effect").isEqualTo(eventsInAxonServer ? 300 : 0);
        assertThat(again.status()).isEqualTo(200);
        assertThat(again.header("Idempotent-Replayed")).as("run again, not replayed").isNull();
        assertThat(again.json().path("balanceAfter").asLong()).isEqualTo(300);
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(replayed.json()).isEqualTo(again.json());
        ledger.deposit(bob, 1);
        assertThat(ledger.balanceOnceSettled(bob, 301)).as("exactly one deposit of 300 counted").isEqualTo(301);
    }

    /**
     * Over Axon Server a node can die after its deposit ran and before the answer was stored: its claim stays, held
     * for two minutes. Until then the same request gets 409; after that it takes the claim over as the same movement.
     */
    @Test
    void aDepositLeftUnansweredByADeadNodeIsTakenOverAsTheSameMovement() {
        overAxonServer.asked(true);
        String key = "abandoned-" + UUID.randomUUID();
        String deposits = "/api/accounts/" + bob + "/deposits";
        gateway.loseTheNextAnswerTo(DepositMoney.class);
        ledger.post(deposits, "{\"amount\":400}", "Idempotency-Key", key);
        holdClaim(key, Instant.now().plus(IdempotentRequests.ABANDONED_AFTER));

        LedgerClient.Response whileHeld = ledger.post(deposits, "{\"amount\":400}", "Idempotency-Key", key);
        holdClaim(key, Instant.now().minusSeconds(1));
        LedgerClient.Response takenOver = ledger.post(deposits, "{\"amount\":400}", "Idempotency-Key", key);

        assertThat(whileHeld.status()).isEqualTo(409);
        assertThat(whileHeld.code()).isEqualTo("CONCURRENT_REQUEST");
        assertThat(takenOver.status()).isEqualTo(200);
        assertThat(takenOver.json().path("balanceAfter").asLong()).isEqualTo(400);
        ledger.deposit(bob, 1);
        assertThat(ledger.balanceOnceSettled(bob, 401)).as("exactly one deposit of 400 counted").isEqualTo(401);
    }

    /** What a node that died mid-request leaves: its claim, held by its attempt until {@code until}. */
    private void holdClaim(String key, Instant until) {
        jdbc.update("UPDATE idempotency_key SET attempt_expires_at = ? WHERE idempotency_key = ?",
                Timestamp.from(until), key);
    }

    @Test
    void aRefusedRequestIsAnsweredTheSameWayWhenRepeated() {
        String key = "withdrawal-" + UUID.randomUUID();
        LedgerClient.Response refused = ledger.post("/api/accounts/" + bob + "/withdrawals", "{\"amount\":500}",
                "Idempotency-Key", key);
        ledger.deposit(bob, 1_000);

        LedgerClient.Response repeat = ledger.post("/api/accounts/" + bob + "/withdrawals", "{\"amount\":500}",
                "Idempotency-Key", key);

        assertThat(refused.status()).isEqualTo(422);
        assertThat(repeat.status()).isEqualTo(422);
        assertThat(repeat.code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(repeat.contentType()).startsWith("application/problem+json");
        assertThat(repeat.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(ledger.balanceOnceSettled(bob, 1_000)).isEqualTo(1_000);
    }

    @Test
    void aTransferWithoutAnIdSentAgainAfterItsKeyWasForgottenIsAnsweredAsTheFirstTimeAndMovesMoneyOnce() {
        String key = "forgotten-" + UUID.randomUUID();
        LedgerClient.Response first = ledger.post("/api/transfers", transfer(700), "Idempotency-Key", key);
        // What a lost answer leaves over Axon Server, where the key and the events commit apart: the transfer only.
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);

        LedgerClient.Response again = ledger.post("/api/transfers", transfer(700), "Idempotency-Key", key);
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);
        LedgerClient.Response otherBody = ledger.post("/api/transfers", transfer(701), "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(first.json().path("correlationId").asString()).isEqualTo(first.header("X-Request-Id"));
        assertThat(again.json().path("correlationId").asString()).isEqualTo(first.header("X-Request-Id"));
        assertThat(again.json().path("requestedAt").asString()).isNotEmpty();
        assertThat(otherBody.status()).isEqualTo(409);
        assertThat(otherBody.raw()).contains("TRANSFER_EXISTS");
        assertThat(ledger.balanceOnceSettled(bob, 700)).isEqualTo(700);
    }

    @Test
    void keysAreKeptForTheRetentionAndForgottenAfterIt() {
        String old = "old-" + UUID.randomUUID();
        String recent = "recent-" + UUID.randomUUID();
        Instant now = Instant.now();
        jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_fingerprint, created_at)"
                + " VALUES ('anonymous', ?, 'f', ?)", old, Timestamp.from(now.minus(Duration.ofHours(49))));
        jdbc.update("INSERT INTO idempotency_key (caller, idempotency_key, request_fingerprint, created_at)"
                + " VALUES ('anonymous', ?, 'f', ?)", recent, Timestamp.from(now.minus(Duration.ofHours(25))));

        retention.purgeExpiredKeys();

        assertThat(jdbc.queryForList("SELECT idempotency_key FROM idempotency_key WHERE idempotency_key IN (?, ?)",
                String.class, old, recent)).containsExactly(recent);
    }

    /**
     * As over Axon Server when the node handling the request went away after the transfer was stored and before its
     * key's answer was: the same request, naming its own id, sent again with the same key finds its own transfer.
     */
    @Test
    void aTransferNamingItsOwnIdSentAgainAfterItsKeyWasForgottenIsAnsweredAsTheFirstTimeAndMovesMoneyOnce() {
        String key = "forgotten-named-" + UUID.randomUUID();
        String named = transferNamed("named-" + UUID.randomUUID(), 600);
        LedgerClient.Response first = ledger.post("/api/transfers", named, "Idempotency-Key", key);
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);

        LedgerClient.Response again = ledger.post("/api/transfers", named, "Idempotency-Key", key);
        LedgerClient.Response otherKey = ledger.post("/api/transfers", named, "Idempotency-Key", key + "-other");
        jdbc.update("DELETE FROM idempotency_key WHERE idempotency_key = ?", key);
        LedgerClient.Response otherBody = ledger.post("/api/transfers", named.replace("600", "601"),
                "Idempotency-Key", key);

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(202);
        assertThat(again.location()).isEqualTo(first.location());
        assertThat(again.json().path("correlationId").asString()).isEqualTo(first.header("X-Request-Id"));
        assertThat(otherKey.status()).as("another request naming a taken id").isEqualTo(409);
        assertThat(otherKey.raw()).contains("TRANSFER_EXISTS");
        assertThat(otherBody.status()).as("the same key, but another request").isEqualTo(409);
        assertThat(otherBody.raw()).contains("TRANSFER_EXISTS");
        assertThat(ledger.balanceOnceSettled(bob, 600)).isEqualTo(600);
    }

    private String transferNamed(String transferId, long amount) {
        return "{\"transferId\":\"" + transferId + "\",\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\""
                + bob + "\",\"amount\":" + amount + ",\"currency\":\"EUR\"}";
    }

    private String transfer(long amount) {
        return "{\"sourceAccountId\":\"" + alice + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":" + amount
                + ",\"currency\":\"EUR\"}";
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
