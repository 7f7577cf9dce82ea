package dev.ledger.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.LedgerClientResolver;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import tools.jackson.databind.JsonNode;

/**
 * Manual review through the REST API: a transfer whose credit never arrives stops in review with the debit taken;
 * the queue shows what each account's stream says; an admin's refund runs only once a second admin approves it, and
 * the transfer ends refunded with the source's money back. Actions the streams contradict are refused, a retry sends
 * the lost leg again, and a failure ends a transfer that moved nothing.
 */
@SpringBootTest(classes = {LedgerApplication.class, LegsThatNeverArrive.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = "ledger.transfers.step-timeout=1s")
@ExtendWith(LedgerClientResolver.class)
class ManualReviewApiTest {

    private static final Duration REVIEW_PATIENCE = Duration.ofMinutes(2);

    private final LedgerClient admin;
    private final LedgerClient secondAdmin;
    private final LegsThatNeverArrive lost;

    ManualReviewApiTest(LedgerClient ledger, @Autowired LegsThatNeverArrive lost) {
        this.admin = ledger.as("admin");
        this.secondAdmin = ledger.as("admin2");
        this.lost = lost;
    }

    @Test
    void aRefundNeedsASecondAdminAndThenGivesTheSourceItsMoneyBack() {
        String alice = admin.openAccount("alice", "EUR");
        String bob = admin.openAccount("bob", "EUR");
        admin.deposit(alice, 10_000);
        lost.at(bob);
        String transfer = inReview(admin.transfer(alice, bob, 2_500, "EUR"));

        JsonNode entry = queueEntry(transfer);
        assertThat(entry.path("reason").asString()).isEqualTo("STEP_TIMED_OUT");
        assertThat(legStates(entry)).containsEntry("DEBIT", "TAKEN").containsEntry("CREDIT", "NEVER_SEEN")
                .containsEntry("REFUND", "NEVER_SEEN");
        assertThat(entry.path("allowedActions").valueStream().map(JsonNode::asString).toList())
                .containsExactlyInAnyOrder("retry", "refund");
        assertThat(entry.path("steps").findValuesAsString("name")).contains("AccountDebited",
                "TransferFlaggedForReview");

        LedgerClient.Response proposed = resolve(admin, transfer, "refund", "bob's bank rejects our link");
        assertThat(proposed.status()).as(proposed.raw()).isEqualTo(202);
        assertThat(proposed.json().path("state").asString()).isEqualTo("AWAITING_APPROVAL");
        String resolution = proposed.json().path("resolutionId").asString();
        assertThat(queueEntry(transfer).path("pendingResolution").path("resolutionId").asString())
                .isEqualTo(resolution);
        assertThat(admin.get("/api/transfers/" + transfer).json().path("status").asString())
                .as("a proposal moves nothing").isEqualTo("MANUAL_REVIEW");

        LedgerClient.Response ownApproval = approve(admin, transfer, resolution);
        assertThat(ownApproval.status()).as(ownApproval.raw()).isEqualTo(403);
        assertThat(ownApproval.code()).isEqualTo("FOUR_EYES_REQUIRED");

        LedgerClient.Response approved = approve(secondAdmin, transfer, resolution);
        assertThat(approved.status()).as(approved.raw()).isEqualTo(202);
        assertThat(approved.json().path("approvedBy").asString()).isEqualTo("admin2");

        JsonNode refunded = endsAs(transfer, "REFUNDED");
        assertThat(refunded.path("steps").findValuesAsString("name")).containsSubsequence("TransferFlaggedForReview",
                "TransferResolutionProposed", "TransferReviewResolved", "AccountDebitRefunded", "TransferRefunded");
        assertThat(admin.balanceOnceSettled(alice, 10_000)).isEqualTo(10_000);
        assertThat(admin.balanceOnceSettled(bob, 0)).isZero();
        assertThat(approve(secondAdmin, transfer, resolution).code()).as("approved once")
                .isEqualTo("TRANSFER_NOT_IN_REVIEW");
    }

    @Test
    void refusesWhatTheAccountsStreamsContradict() {
        String alice = admin.openAccount("alice", "EUR");
        String bob = admin.openAccount("bob", "EUR");
        admin.deposit(alice, 10_000);
        lost.at(bob);
        String transfer = inReview(admin.transfer(alice, bob, 1_000, "EUR"));

        for (String action : List.of("complete", "fail")) {
            LedgerClient.Response refused = resolve(admin, transfer, action, "looks done to me");
            assertThat(refused.status()).as(refused.raw()).isEqualTo(422);
            assertThat(refused.code()).isEqualTo("RESOLUTION_CONTRADICTS_EVIDENCE");
        }
        assertThat(resolve(admin, transfer, "refund", " ").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(resolve(admin, transfer, "undo", "why not").code()).isEqualTo("VALIDATION_FAILED");
        assertThat(admin.get("/api/transfers/" + transfer).json().path("status").asString())
                .isEqualTo("MANUAL_REVIEW");
    }

    @Test
    void aRetrySendsTheLostCreditAgainAndTheTransferCompletes() {
        String alice = admin.openAccount("alice", "EUR");
        String bob = admin.openAccount("bob", "EUR");
        admin.deposit(alice, 10_000);
        lost.at(bob);
        String transfer = inReview(admin.transfer(alice, bob, 4_000, "EUR"));
        lost.arriveAgainAt(bob);

        LedgerClient.Response retried = resolve(admin, transfer, "retry", "the link to bob's bank is back");

        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        assertThat(retried.json().path("state").asString()).as("one admin suffices").isEqualTo("APPLIED");
        JsonNode completed = endsAs(transfer, "COMPLETED");
        assertThat(completed.has("failureCode")).as("completed, with no failure").isFalse();
        assertThat(admin.balanceOnceSettled(bob, 4_000)).isEqualTo(4_000);
        assertThat(admin.balanceOnceSettled(alice, 6_000)).isEqualTo(6_000);
    }

    @Test
    void aFailureEndsATransferWhoseDebitNeverArrived() {
        String alice = admin.openAccount("alice", "EUR");
        String bob = admin.openAccount("bob", "EUR");
        admin.deposit(alice, 10_000);
        lost.at(alice);
        String transfer = inReview(admin.transfer(alice, bob, 3_000, "EUR"));
        lost.arriveAgainAt(alice);
        assertThat(legStates(queueEntry(transfer))).containsEntry("DEBIT", "NEVER_SEEN");

        LedgerClient.Response failed = resolve(admin, transfer, "fail", "never left alice's account");

        assertThat(failed.status()).as(failed.raw()).isEqualTo(202);
        JsonNode ended = endsAs(transfer, "FAILED");
        assertThat(ended.path("failureCode").asString()).isEqualTo("STEP_TIMED_OUT");
        assertThat(admin.balanceOnceSettled(alice, 10_000)).isEqualTo(10_000);
        assertThat(resolve(admin, transfer, "fail", "again").code()).isEqualTo("TRANSFER_NOT_IN_REVIEW");
    }

    @Test
    void onlyATransferInReviewHasACase() {
        String alice = admin.openAccount("alice", "EUR");
        String bob = admin.openAccount("bob", "EUR");
        admin.deposit(alice, 1_000);
        String transfer = admin.transfer(alice, bob, 500, "EUR");
        admin.awaitTransfer(transfer);

        assertThat(admin.get("/api/admin/reviews/" + transfer).code()).isEqualTo("TRANSFER_NOT_IN_REVIEW");
        assertThat(admin.get("/api/admin/reviews/no-such-transfer").code()).isEqualTo("TRANSFER_NOT_FOUND");
        assertThat(resolve(admin, transfer, "refund", "just because").code()).isEqualTo("TRANSFER_NOT_IN_REVIEW");
        assertThat(admin.as("alice").get("/api/admin/reviews").status()).isEqualTo(403);
    }

    private String inReview(String transfer) {
        JsonNode stopped = admin.awaitTransfer(transfer, REVIEW_PATIENCE);
        assertThat(stopped.path("status").asString()).isEqualTo("MANUAL_REVIEW");
        return transfer;
    }

    /** The read model leaves review a moment after the resolution: read until it shows the end, or fail. */
    private JsonNode endsAs(String transfer, String status) {
        return LedgerClient.eventually(() -> admin.get("/api/transfers/" + transfer + "?waitSeconds=2").json(),
                view -> view.path("status").asString().equals(status));
    }

    private JsonNode queueEntry(String transfer) {
        return admin.allPages("/api/admin/reviews").stream()
                .filter(entry -> entry.path("transferId").asString().equals(transfer))
                .findFirst().orElseThrow(() -> new AssertionError("not in the queue: " + transfer));
    }

    private static Map<String, String> legStates(JsonNode entry) {
        return StreamSupport.stream(entry.path("evidence").path("legs").spliterator(), false)
                .collect(Collectors.toMap(leg -> leg.path("leg").asString(), leg -> leg.path("state").asString()));
    }

    private static LedgerClient.Response resolve(LedgerClient client, String transfer, String action, String reason) {
        return client.post("/api/admin/reviews/" + transfer + "/resolutions",
                "{\"action\":\"" + action + "\",\"reason\":\"" + reason + "\"}");
    }

    private static LedgerClient.Response approve(LedgerClient client, String transfer, String resolution) {
        return client.post("/api/admin/reviews/" + transfer + "/resolutions/" + resolution + "/approve",
                "{\"reason\":\"checked the streams myself\"}");
    }
}
