package dev.ledger.app.transfer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerApiTest;
import dev.ledger.app.LedgerClient;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

/**
 * Transfers captured later, through the REST API: the amount is held on the source (available falls, the balance
 * does not), the transfer rests {@code AUTHORIZED}, and then exactly one of a capture, a void and the expiry moves or
 * releases the money.
 */
@LedgerApiTest
class TwoPhaseTransferTest {

    private final LedgerClient ledger;

    TwoPhaseTransferTest(LedgerClient ledger) {
        this.ledger = ledger;
    }

    @Test
    void anAuthorizedTransferHoldsTheMoneyUntilItsCaptureMovesIt() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);

        JsonNode authorized = authorize(alice, bob, 4_000, null);

        assertThat(authorized.path("status").asString()).isEqualTo("AUTHORIZED");
        assertThat(authorized.path("capture").asString()).isEqualTo("MANUAL");
        assertThat(authorized.has("expiresAt")).isTrue();
        assertThat(authorized.path("steps").findValuesAsString("name"))
                .containsExactly("TransferRequested", "AccountFundsHeld", "TransferAuthorized");
        // Held money is not available: more than the rest is refused, the rest is not.
        assertThat(withdraw(alice, 6_001).code()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(withdraw(alice, 1_000).status()).isEqualTo(200);

        LedgerClient.Response captured = capture(authorized, "", 5);

        assertThat(captured.status()).as(captured.raw()).isEqualTo(200);
        assertThat(captured.json().path("status").asString()).isEqualTo("COMPLETED");
        assertThat(captured.json().path("capturedAmount").asLong()).isEqualTo(4_000);
        assertThat(captured.json().path("steps").findValuesAsString("name")).containsExactly("TransferRequested",
                "AccountFundsHeld", "TransferAuthorized", "TransferCaptureRequested", "AccountHoldCaptured",
                "AccountCredited", "TransferCompleted");
        assertThat(ledger.balanceOnceSettled(alice, 5_000)).isEqualTo(5_000);
        assertThat(ledger.balanceOnceSettled(bob, 4_000)).isEqualTo(4_000);
        assertThat(withdraw(alice, 5_000).status()).as("nothing is held any more").isEqualTo(200);
    }

    @Test
    void aPartialCaptureMovesLessAndReleasesTheRestAndThereIsOneCapturePerTransfer() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
        JsonNode authorized = authorize(alice, bob, 4_000, null);
        String key = UUID.randomUUID().toString();

        LedgerClient.Response first = capture(authorized, "{\"amount\":1500,\"currency\":\"EUR\"}", 5, key);
        LedgerClient.Response replayed = capture(authorized, "{\"amount\":1500,\"currency\":\"EUR\"}", 5, key);
        LedgerClient.Response second = capture(authorized, "{\"amount\":100,\"currency\":\"EUR\"}", 0);
        LedgerClient.Response voidAfter = voidIt(authorized, 0);

        assertThat(first.json().path("status").asString()).as(first.raw()).isEqualTo("COMPLETED");
        assertThat(first.json().path("capturedAmount").asLong()).isEqualTo(1_500);
        assertThat(replayed.status()).as("the same key replays the first answer").isEqualTo(first.status());
        assertThat(replayed.header("Idempotent-Replayed")).isEqualTo("true");
        assertThat(second.status()).isEqualTo(409);
        assertThat(second.code()).isEqualTo("TRANSFER_ALREADY_CAPTURED");
        assertThat(voidAfter.code()).isEqualTo("TRANSFER_ALREADY_CAPTURED");
        assertThat(ledger.balanceOnceSettled(alice, 8_500)).isEqualTo(8_500);
        assertThat(ledger.balanceOnceSettled(bob, 1_500)).isEqualTo(1_500);
        assertThat(withdraw(alice, 8_500).status()).as("the rest of the hold was released").isEqualTo(200);
    }

    @Test
    void aVoidReleasesTheHoldAndNothingMoves() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 3_000);
        JsonNode authorized = authorize(alice, bob, 3_000, null);
        assertThat(withdraw(alice, 1).code()).isEqualTo("INSUFFICIENT_FUNDS");

        LedgerClient.Response voided = voidIt(authorized, 5);

        assertThat(voided.status()).as(voided.raw()).isEqualTo(200);
        assertThat(voided.json().path("status").asString()).isEqualTo("VOIDED");
        assertThat(voided.json().path("steps").findValuesAsString("name")).endsWith("TransferVoidRequested",
                "AccountHoldReleased", "TransferVoided");
        assertThat(capture(authorized, "", 0).code()).isEqualTo("TRANSFER_ALREADY_VOIDED");
        assertThat(voidIt(authorized, 0).code()).isEqualTo("TRANSFER_ALREADY_VOIDED");
        assertThat(withdraw(alice, 3_000).status()).isEqualTo(200);
        assertThat(ledger.balanceOnceSettled(bob, 0)).isZero();
    }

    @Test
    void anAuthorizationThatIsNeitherCapturedNorVoidedExpiresAndReleasesTheHold() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 2_000);
        JsonNode authorized = authorize(alice, bob, 2_000, Instant.now().plusSeconds(2));

        // A wait ends at AUTHORIZED, where the transfer rests; its expiry comes later.
        JsonNode expired = ledger.awaitTransfer(authorized.path("transferId").asString(), Duration.ofSeconds(60));

        assertThat(expired.path("status").asString()).isEqualTo("EXPIRED");
        assertThat(expired.path("steps").findValuesAsString("name")).endsWith("TransferAuthorizationLapsed",
                "AccountHoldReleased", "TransferExpired");
        assertThat(capture(authorized, "", 0).code()).isEqualTo("TRANSFER_EXPIRED");
        assertThat(withdraw(alice, 2_000).status()).isEqualTo(200);
    }

    @Test
    void aHoldIsRefusedForWhatIsNotAvailableAndTheTransferFailsWithNothingHeld() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 1_000);
        authorize(alice, bob, 800, null);

        JsonNode failed = authorize(alice, bob, 300, null);

        assertThat(failed.path("status").asString()).isEqualTo("FAILED");
        assertThat(failed.path("failureCode").asString()).isEqualTo("INSUFFICIENT_FUNDS");
        assertThat(failed.path("steps").findValuesAsString("name")).containsExactly("TransferRequested",
                "AccountHoldRejected", "TransferFailed");
        assertThat(withdraw(alice, 200).status()).isEqualTo(200);
    }

    @Test
    void aCaptureIsRefusedForMoreThanTheAuthorizationAndForATransferThatMovedAtOnce() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 5_000);
        JsonNode authorized = authorize(alice, bob, 1_000, null);
        JsonNode oneStep = ledger.awaitTransfer(ledger.transfer(alice, bob, 100, "EUR"));

        LedgerClient.Response tooMuch = capture(authorized, "{\"amount\":1001,\"currency\":\"EUR\"}", 0);
        LedgerClient.Response notAuthorized = capture(oneStep, "", 0);
        LedgerClient.Response noSuchTransfer = ledger.post("/api/transfers/" + UUID.randomUUID() + "/capture", "",
                "Idempotency-Key", UUID.randomUUID().toString());

        assertThat(tooMuch.status()).isEqualTo(422);
        assertThat(tooMuch.code()).isEqualTo("CAPTURE_EXCEEDS_AUTHORIZATION");
        assertThat(notAuthorized.status()).isEqualTo(409);
        assertThat(notAuthorized.code()).isEqualTo("TRANSFER_NOT_AUTHORIZED");
        assertThat(noSuchTransfer.status()).isEqualTo(404);
        assertThat(noSuchTransfer.code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(capture(authorized, "", 5).json().path("status").asString()).isEqualTo("COMPLETED");
    }

    @Test
    void aCustomerAuthorizesFromItsOwnAccountAndOnlyItsRequesterOrStaffCaptureOrVoid() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 5_000);
        LedgerClient asAlice = ledger.as("alice");
        LedgerClient.Response fromBobs = asAlice.post("/api/transfers", body(bob, alice, 100, null),
                "Idempotency-Key", UUID.randomUUID().toString());
        LedgerClient.Response requested = asAlice.post("/api/transfers?waitSeconds=5", body(alice, bob, 1_000, null),
                "Idempotency-Key", UUID.randomUUID().toString());
        JsonNode authorized = requested.json();
        String path = "/api/transfers/" + authorized.path("transferId").asString();

        LedgerClient.Response byBob = ledger.as("bob").post(path + "/capture", "", "Idempotency-Key", "k1");
        LedgerClient.Response byTeller = ledger.as("teller").post(path + "/void", "", "Idempotency-Key", "k2");
        LedgerClient.Response byAuditor = ledger.as("auditor").post(path + "/void", "", "Idempotency-Key", "k3");
        LedgerClient.Response byAlice = asAlice.post(path + "/void?waitSeconds=5", "", "Idempotency-Key", "k4");

        assertThat(fromBobs.code()).isEqualTo("ACCOUNT_NOT_FOUND");
        assertThat(authorized.path("status").asString()).as(requested.raw()).isEqualTo("AUTHORIZED");
        assertThat(byBob.status()).as("another customer does not see the transfer").isEqualTo(404);
        assertThat(byTeller.status()).isEqualTo(403);
        assertThat(byAuditor.status()).isEqualTo(403);
        assertThat(byAlice.json().path("status").asString()).as(byAlice.raw()).isEqualTo("VOIDED");
    }

    @Test
    void badTwoPhaseInputIsABadRequestNamingTheField() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        String soon = Instant.now().plus(1, ChronoUnit.HOURS).toString();

        LedgerClient.Response unknownMode = request(body(alice, bob, 100, null).replace("MANUAL", "LATER"));
        LedgerClient.Response expiryWithoutManual = request("{\"sourceAccountId\":\"" + alice
                + "\",\"destinationAccountId\":\"" + bob + "\",\"amount\":100,\"currency\":\"EUR\",\"expiresAt\":\""
                + soon + "\"}");
        LedgerClient.Response inThePast = request(body(alice, bob, 100, Instant.now().minusSeconds(1)));
        LedgerClient.Response tooLate = request(body(alice, bob, 100, Instant.now().plus(31, ChronoUnit.DAYS)));
        LedgerClient.Response notAnInstant = request(body(alice, bob, 100, null)
                .replace("\"capture\"", "\"expiresAt\":\"tomorrow\",\"capture\""));

        assertThat(unknownMode.status()).isEqualTo(400);
        assertThat(unknownMode.raw()).contains("capture");
        for (LedgerClient.Response refused : new LedgerClient.Response[] {expiryWithoutManual, inThePast, tooLate,
                notAnInstant}) {
            assertThat(refused.status()).as(refused.raw()).isEqualTo(400);
            assertThat(refused.raw()).contains("expiresAt");
        }
    }

    private JsonNode authorize(String source, String destination, long amount, Instant expiresAt) {
        LedgerClient.Response requested = ledger.post("/api/transfers?waitSeconds=10",
                body(source, destination, amount, expiresAt), "Idempotency-Key", UUID.randomUUID().toString());
        assertThat(requested.status()).as(requested.raw()).isEqualTo(200);
        return requested.json();
    }

    private LedgerClient.Response request(String body) {
        return ledger.post("/api/transfers", body, "Idempotency-Key", UUID.randomUUID().toString());
    }

    private static String body(String source, String destination, long amount, Instant expiresAt) {
        return "{\"sourceAccountId\":\"" + source + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":"
                + amount + ",\"currency\":\"EUR\",\"capture\":\"MANUAL\""
                + (expiresAt == null ? "" : ",\"expiresAt\":\"" + expiresAt + "\"") + "}";
    }

    private LedgerClient.Response capture(JsonNode transfer, String body, int waitSeconds) {
        return capture(transfer, body, waitSeconds, UUID.randomUUID().toString());
    }

    private LedgerClient.Response capture(JsonNode transfer, String body, int waitSeconds, String key) {
        return ledger.post("/api/transfers/" + transfer.path("transferId").asString() + "/capture?waitSeconds="
                + waitSeconds, body, "Idempotency-Key", key);
    }

    private LedgerClient.Response voidIt(JsonNode transfer, int waitSeconds) {
        return ledger.post("/api/transfers/" + transfer.path("transferId").asString() + "/void?waitSeconds="
                + waitSeconds, "", "Idempotency-Key", UUID.randomUUID().toString());
    }

    private LedgerClient.Response withdraw(String account, long amount) {
        return ledger.post("/api/accounts/" + account + "/withdrawals", "{\"amount\":" + amount + "}",
                "Idempotency-Key", UUID.randomUUID().toString());
    }
}
