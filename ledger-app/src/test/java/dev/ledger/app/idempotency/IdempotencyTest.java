package dev.ledger.app.idempotency;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.http.ResponseEntity;
import org.springframework.jdbc.core.JdbcTemplate;

/** The Idempotency-Key semantics of the contract, through HTTP against the real application. */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
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
