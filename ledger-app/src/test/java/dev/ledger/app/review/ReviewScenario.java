package dev.ledger.app.review;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.app.LedgerClient;
import java.time.Duration;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import tools.jackson.databind.JsonNode;

/**
 * Manual review as a client of the REST API drives it, against whichever ledger the clients talk to: the embedded
 * default, or the production shape on Axon Server. Legs are lost through {@link LegsThatNeverArrive}, which the
 * ledger under test must have among its sources, with a short step timeout.
 */
public final class ReviewScenario {

    private static final Duration REVIEW_PATIENCE = Duration.ofMinutes(2);

    private final LedgerClient admin;
    private final LedgerClient secondAdmin;
    private final LegsThatNeverArrive lost;

    /** {@code admin} and {@code secondAdmin} act as two different admins. */
    public ReviewScenario(LedgerClient admin, LedgerClient secondAdmin, LegsThatNeverArrive lost) {
        this.admin = admin;
        this.secondAdmin = secondAdmin;
        this.lost = lost;
    }

    /**
     * A credit that never arrives stops the transfer in review with the debit taken; an admin proposes a refund, the
     * same admin cannot approve it, a second one does, and the transfer ends refunded with the source made whole.
     */
    public Stopped refundApprovedByASecondAdmin() {
        Stopped stopped = stopInReview(Lost.CREDIT, 2_500);
        String alice = stopped.source();
        String bob = stopped.destination();
        String transfer = stopped.transferId();

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
        JsonNode refund = admin.get("/api/accounts/" + alice + "/history").json().path("events").valueStream()
                .filter(event -> event.path("type").asString().equals("AccountDebitRefunded")).findFirst()
                .orElseThrow(() -> new AssertionError("no refund in the source's history"));
        assertThat(refund.path("resolution").path("action").asString()).isEqualTo("refund");
        assertThat(refund.path("resolution").path("decidedBy").asString()).isEqualTo("admin");
        assertThat(refund.path("resolution").path("approvedBy").asString()).isEqualTo("admin2");
        assertThat(refund.path("resolution").path("resolutionId").asString()).isEqualTo(resolution);
        assertThat(admin.balanceOnceSettled(bob, 0)).isZero();
        assertThat(approve(secondAdmin, transfer, resolution).code()).as("approved once")
                .isEqualTo("TRANSFER_NOT_IN_REVIEW");
        return stopped;
    }

    /** Which leg of a transfer is lost on its way. */
    enum Lost { DEBIT, CREDIT }

    /** A transfer stopped in review, from a source funded with 10,000 to an empty destination. */
    public record Stopped(String source, String destination, String transferId) {
    }

    /**
     * Transfers {@code amount} while its {@code lost} leg never arrives, waits until it stops in review, and lets
     * legs arrive again: whatever the resolution sends next reaches its account.
     */
    Stopped stopInReview(Lost lost, long amount) {
        String source = admin.openAccount("alice", "EUR");
        String destination = admin.openAccount("bob", "EUR");
        admin.deposit(source, 10_000);
        String unreachable = lost == Lost.DEBIT ? source : destination;
        this.lost.at(unreachable);
        String transfer = admin.transfer(source, destination, amount, "EUR");
        JsonNode stopped = admin.awaitTransfer(transfer, REVIEW_PATIENCE);
        assertThat(stopped.path("status").asString()).isEqualTo("MANUAL_REVIEW");
        this.lost.arriveAgainAt(unreachable);
        return new Stopped(source, destination, transfer);
    }

    /** The read model leaves review a moment after the resolution: read until it shows the end, or fail. */
    JsonNode endsAs(String transfer, String status) {
        return LedgerClient.eventually(() -> admin.get("/api/transfers/" + transfer + "?waitSeconds=2").json(),
                view -> view.path("status").asString().equals(status));
    }

    JsonNode queueEntry(String transfer) {
        return admin.allPages("/api/admin/reviews").stream()
                .filter(entry -> entry.path("transferId").asString().equals(transfer))
                .findFirst().orElseThrow(() -> new AssertionError("not in the queue: " + transfer));
    }

    static Map<String, String> legStates(JsonNode entry) {
        return StreamSupport.stream(entry.path("evidence").path("legs").spliterator(), false)
                .collect(Collectors.toMap(leg -> leg.path("leg").asString(), leg -> leg.path("state").asString()));
    }

    static LedgerClient.Response resolve(LedgerClient client, String transfer, String action, String reason) {
        return client.post("/api/admin/reviews/" + transfer + "/resolutions",
                "{\"action\":\"" + action + "\",\"reason\":\"" + reason + "\"}");
    }

    static LedgerClient.Response approve(LedgerClient client, String transfer, String resolution) {
        return client.post("/api/admin/reviews/" + transfer + "/resolutions/" + resolution + "/approve",
                "{\"reason\":\"checked the streams myself\"}");
    }
}
