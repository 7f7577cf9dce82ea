package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.AUTHORIZATION_REQUESTED;
import static dev.ledger.transfer.OneTransfer.REQUESTED;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static dev.ledger.transfer.TransferTest.aRuleViolation;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.review.ApproveTransferResolution;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.ResolveTransferReview;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transfer stopped in manual review takes an admin's resolution only when the accounts' streams support it, and
 * one that moves money by hand only with a second admin's approval, before the proposal expires. Each resolution is
 * recorded with who decided, who approved, why, and the evidence.
 */
class ManualReviewTest {

    private static final Instant NOW = Instant.parse("2026-12-02T09:00:00Z");
    private static final Instant DEADLINE = NOW.plus(Duration.ofHours(24));
    private static final TransferFlaggedForReview FLAGGED =
            new TransferFlaggedForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT);
    private static final ReviewEvidence DEBITED_ONLY = Evidence.streams().taken(Leg.DEBIT).read();
    private static final ReviewEvidence BOTH_LEGS = Evidence.streams().taken(Leg.DEBIT, Leg.CREDIT).read();
    private static final ReviewEvidence NOTHING = Evidence.streams().read();
    private static final TransferResolutionProposed REFUND_PROPOSED = new TransferResolutionProposed(TRANSFER, "r-1",
            ReviewAction.REFUND, "credit never arrived", "admin", DEBITED_ONLY, DEADLINE);

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    private static ResolveTransferReview resolve(ReviewAction action, ReviewEvidence evidence) {
        return new ResolveTransferReview(TRANSFER, "r-1", action, "checked the streams", "admin", evidence, DEADLINE);
    }

    private static TransferReviewResolved resolved(ReviewAction action, ReviewEvidence evidence, Leg leg) {
        return new TransferReviewResolved(TRANSFER, "r-1", action, LedgerErrorCode.STEP_TIMED_OUT, "admin",
                "checked the streams", null, null, evidence, leg, leg == null ? null : AMOUNT);
    }

    @Test
    void failsATransferThatMovedNothingAtOnceAndRecordsWhoDecided() {
        fixture.given(REQUESTED, FLAGGED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.FAIL, NOTHING))
                .expectEvents(resolved(ReviewAction.FAIL, NOTHING, null),
                        new TransferFailed(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT));
    }

    @Test
    void retriesACreditNoAccountHasSeenAndIsInFlightAgain() {
        fixture.given(REQUESTED, FLAGGED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.RETRY, DEBITED_ONLY))
                .expectEvents(resolved(ReviewAction.RETRY, DEBITED_ONLY, Leg.CREDIT));
        fixture.given(REQUESTED, FLAGGED, resolved(ReviewAction.RETRY, DEBITED_ONLY, Leg.CREDIT))
                .when(new CompleteTransfer(TRANSFER))
                .expectEvents(new TransferCompleted(TRANSFER));
    }

    @Test
    void retriesTheRefundAfterARefusedCredit() {
        ReviewEvidence refusedCredit = Evidence.streams().taken(Leg.DEBIT)
                .refused(Leg.CREDIT, LedgerErrorCode.ACCOUNT_FROZEN).read();
        fixture.given(REQUESTED, FLAGGED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.RETRY, refusedCredit))
                .expectEvents(resolved(ReviewAction.RETRY, refusedCredit, Leg.REFUND));
    }

    @Test
    void proposesARefundAndRunsItOnlyOnceASecondAdminApproves() {
        fixture.given(REQUESTED, FLAGGED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.REFUND, DEBITED_ONLY))
                .expectEvents(new TransferResolutionProposed(TRANSFER, "r-1", ReviewAction.REFUND,
                        "checked the streams", "admin", DEBITED_ONLY, DEADLINE));
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(NOW.plus(Duration.ofHours(1)))
                .when(new ApproveTransferResolution(TRANSFER, "r-1", "admin2", "agreed", DEBITED_ONLY))
                .expectEvents(new TransferReviewResolved(TRANSFER, "r-1", ReviewAction.REFUND,
                        LedgerErrorCode.STEP_TIMED_OUT, "admin", "credit never arrived", "admin2", "agreed",
                        DEBITED_ONLY, Leg.REFUND, AMOUNT));
    }

    @Test
    void aRefundResumedFromReviewEndsRefunded() {
        TransferReviewResolved refund = new TransferReviewResolved(TRANSFER, "r-1", ReviewAction.REFUND,
                LedgerErrorCode.STEP_TIMED_OUT, "admin", "credit never arrived", "admin2", null, DEBITED_ONLY,
                Leg.REFUND, AMOUNT);
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED, refund)
                .when(new MarkTransferRefunded(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT))
                .expectEvents(new TransferRefunded(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT));
    }

    @Test
    void completesOnlyWithASecondAdminAndBothLegsTaken() {
        fixture.given(REQUESTED, FLAGGED,
                        new TransferResolutionProposed(TRANSFER, "r-1", ReviewAction.COMPLETE, "credit was taken",
                                "admin", BOTH_LEGS, DEADLINE))
                .andGivenCurrentTime(NOW)
                .when(new ApproveTransferResolution(TRANSFER, "r-1", "admin2", null, BOTH_LEGS))
                .expectEvents(new TransferReviewResolved(TRANSFER, "r-1", ReviewAction.COMPLETE,
                                LedgerErrorCode.STEP_TIMED_OUT, "admin", "credit was taken", "admin2", null, BOTH_LEGS,
                                null, null),
                        new TransferCompleted(TRANSFER));
    }

    @Test
    void anAdminCannotApproveItsOwnProposal() {
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(NOW)
                .when(new ApproveTransferResolution(TRANSFER, "r-1", "admin", null, DEBITED_ONLY))
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.FOUR_EYES_REQUIRED));
    }

    @Test
    void anExpiredProposalCannotBeApprovedButNoLongerBlocksANewOne() {
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(DEADLINE)
                .when(new ApproveTransferResolution(TRANSFER, "r-1", "admin2", null, DEBITED_ONLY))
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.RESOLUTION_PROPOSAL_EXPIRED));
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(DEADLINE)
                .when(new ResolveTransferReview(TRANSFER, "r-2", ReviewAction.REFUND, "again", "admin2",
                        DEBITED_ONLY, DEADLINE.plus(Duration.ofHours(24))))
                .expectEvents(new TransferResolutionProposed(TRANSFER, "r-2", ReviewAction.REFUND, "again", "admin2",
                        DEBITED_ONLY, DEADLINE.plus(Duration.ofHours(24))));
    }

    @Test
    void anOpenProposalBlocksAnyOtherAction() {
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.RETRY, DEBITED_ONLY))
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.RESOLUTION_ALREADY_PROPOSED));
    }

    @Test
    void approvesOnlyTheProposalThatIsOpen() {
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(NOW)
                .when(new ApproveTransferResolution(TRANSFER, "r-9", "admin2", null, DEBITED_ONLY))
                .expectException(aRuleViolation(LedgerErrorCode.RESOLUTION_NOT_FOUND));
    }

    /** The approval reads the streams again: a credit that landed since the proposal refuses the refund. */
    @Test
    void refusesAnApprovalTheStreamsNoLongerSupport() {
        fixture.given(REQUESTED, FLAGGED, REFUND_PROPOSED)
                .andGivenCurrentTime(NOW)
                .when(new ApproveTransferResolution(TRANSFER, "r-1", "admin2", null, BOTH_LEGS))
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.RESOLUTION_CONTRADICTS_EVIDENCE));
    }

    @Test
    void refusesEveryActionTheStreamsContradict() {
        ReviewEvidence refunded = Evidence.streams().taken(Leg.DEBIT, Leg.REFUND).read();
        ReviewEvidence held = Evidence.streams().taken(Leg.HOLD).read();
        Object[][] contradictions = {
                {ReviewAction.REFUND, BOTH_LEGS}, {ReviewAction.REFUND, NOTHING}, {ReviewAction.REFUND, refunded},
                {ReviewAction.COMPLETE, DEBITED_ONLY}, {ReviewAction.COMPLETE, NOTHING},
                {ReviewAction.FAIL, DEBITED_ONLY}, {ReviewAction.FAIL, held},
                {ReviewAction.RETRY, NOTHING}, {ReviewAction.RETRY, BOTH_LEGS}, {ReviewAction.RETRY, held},
                {ReviewAction.RETRY, Evidence.streams().taken(Leg.DEBIT)
                        .refused(Leg.CREDIT, LedgerErrorCode.ACCOUNT_FROZEN)
                        .refused(Leg.REFUND, LedgerErrorCode.ACCOUNT_CLOSED).read()},
        };
        for (Object[] contradiction : contradictions) {
            fixture.given(REQUESTED, FLAGGED)
                    .andGivenCurrentTime(NOW)
                    .when(resolve((ReviewAction) contradiction[0], (ReviewEvidence) contradiction[1]))
                    .expectNoEvents()
                    .expectException(aRuleViolation(LedgerErrorCode.RESOLUTION_CONTRADICTS_EVIDENCE));
        }
    }

    @Test
    void onlyATransferInReviewTakesAResolution() {
        fixture.given(REQUESTED)
                .when(resolve(ReviewAction.FAIL, NOTHING))
                .expectException(aRuleViolation(LedgerErrorCode.TRANSFER_NOT_IN_REVIEW));
        fixture.given(REQUESTED, FLAGGED, resolved(ReviewAction.FAIL, NOTHING, null),
                        new TransferFailed(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT))
                .when(resolve(ReviewAction.FAIL, NOTHING))
                .expectException(aRuleViolation(LedgerErrorCode.TRANSFER_NOT_IN_REVIEW));
    }

    /** Stopped is not ended: only a resolution moves it on, never a late command of the saga. */
    @Test
    void aTransferInReviewRefusesTheSagasEnds() {
        fixture.given(REQUESTED, FLAGGED)
                .when(new CompleteTransfer(TRANSFER))
                .expectException(aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_ENDED));
    }

    /** A lapsed authorization whose release stopped in review: the retried release ends it expired, not voided. */
    @Test
    void aRetriedReleaseEndsAsTheTransfersSecondPhaseDecided() {
        ReviewEvidence held = Evidence.streams().taken(Leg.HOLD).read();
        TransferAuthorized authorized = new TransferAuthorized(TRANSFER, OneTransfer.EXPIRES_AT);
        TransferAuthorizationLapsed lapsed = new TransferAuthorizationLapsed(TRANSFER);
        fixture.given(AUTHORIZATION_REQUESTED, authorized, lapsed, FLAGGED)
                .andGivenCurrentTime(NOW)
                .when(resolve(ReviewAction.RETRY, held))
                .expectEvents(resolved(ReviewAction.RETRY, held, Leg.RELEASE));
        fixture.given(AUTHORIZATION_REQUESTED, authorized, lapsed, FLAGGED,
                        resolved(ReviewAction.RETRY, held, Leg.RELEASE))
                .when(new MarkTransferVoided(TRANSFER))
                .expectEvents(new TransferExpired(TRANSFER));
    }
}
