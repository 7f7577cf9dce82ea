package dev.ledger.app.review;

import static dev.ledger.app.review.ReviewScenario.legStates;
import static dev.ledger.app.review.ReviewScenario.resolve;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.LedgerClientResolver;
import dev.ledger.app.review.ReviewScenario.Lost;
import dev.ledger.app.review.ReviewScenario.Stopped;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.List;
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

    private final LedgerClient admin;
    private final LedgerClient secondAdmin;
    private final ReviewScenario review;

    @Autowired
    private MeterRegistry meters;

    ManualReviewApiTest(LedgerClient ledger, @Autowired LegsThatNeverArrive lost) {
        this.admin = ledger.as("admin");
        this.secondAdmin = ledger.as("admin2");
        this.review = new ReviewScenario(admin, secondAdmin, lost);
    }

    @Test
    void aRefundNeedsASecondAdminAndThenGivesTheSourceItsMoneyBack() {
        review.refundApprovedByASecondAdmin();
    }

    @Test
    void refusesWhatTheAccountsStreamsContradict() {
        String transfer = review.stopInReview(Lost.CREDIT, 1_000).transferId();

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
        Stopped stopped = review.stopInReview(Lost.CREDIT, 4_000);
        String transfer = stopped.transferId();

        LedgerClient.Response retried = resolve(admin, transfer, "retry", "the link to bob's bank is back");

        assertThat(retried.status()).as(retried.raw()).isEqualTo(202);
        assertThat(retried.json().path("state").asString()).as("one admin suffices").isEqualTo("APPLIED");
        JsonNode completed = review.endsAs(transfer, "COMPLETED");
        assertThat(completed.has("failureCode")).as("completed, with no failure").isFalse();
        assertThat(admin.balanceOnceSettled(stopped.destination(), 4_000)).isEqualTo(4_000);
        assertThat(admin.balanceOnceSettled(stopped.source(), 6_000)).isEqualTo(6_000);
        assertThat(LedgerClient.eventually(
                () -> meters.get("ledger.reviews.resolved").tag("action", "retry").counter().count(),
                count -> count >= 1)).isPositive();
    }

    @Test
    void aFailureEndsATransferWhoseDebitNeverArrived() {
        Stopped stopped = review.stopInReview(Lost.DEBIT, 3_000);
        String transfer = stopped.transferId();
        assertThat(legStates(review.queueEntry(transfer))).containsEntry("DEBIT", "NEVER_SEEN");

        LedgerClient.Response failed = resolve(admin, transfer, "fail", "never left alice's account");

        assertThat(failed.status()).as(failed.raw()).isEqualTo(202);
        JsonNode ended = review.endsAs(transfer, "FAILED");
        assertThat(ended.path("failureCode").asString()).isEqualTo("STEP_TIMED_OUT");
        assertThat(admin.balanceOnceSettled(stopped.source(), 10_000)).isEqualTo(10_000);
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
}
