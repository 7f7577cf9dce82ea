package dev.ledger.app.review;

import dev.ledger.api.transfer.query.TransferView;
import dev.ledger.api.transfer.review.LegEvidence;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.app.transfer.TransferResponse.Step;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** The review queue's resources as the REST contract shows them; amounts in minor units of the transfer's currency. */
final class ReviewResponses {

    private ReviewResponses() {
    }

    /** One page of the queue, newest request first, and the cursor of the next page, null on the last one. */
    record ReviewPage(List<ReviewEntry> items, String nextCursor) {
    }

    /**
     * A transfer in manual review: why it stopped, its timeline, what each account's stream says about each leg, the
     * actions that evidence supports, and the proposal awaiting a second admin, if any. Its timeline's steps are as
     * {@code GET /api/transfers/{id}} shows them.
     */
    record ReviewEntry(String transferId, String sourceAccountId, String destinationAccountId, long amount,
                       String currency, String status, String reason, Instant flaggedAt, List<Step> steps,
                       Evidence evidence, List<String> allowedActions, Resolution pendingResolution) {

        static ReviewEntry of(ReviewCase review, TransferView view) {
            Set<ReviewAction> allowed = review.verdict().allowed();
            return new ReviewEntry(review.transferId().value(), review.sourceAccountId().value(),
                    review.destinationAccountId().value(), review.amount().minorUnits(),
                    review.amount().currency().getCurrencyCode(), view == null ? "MANUAL_REVIEW" : view.status().name(),
                    review.reviewedFor() == null ? null : review.reviewedFor().name(), review.flaggedAt(),
                    view == null ? List.of() : view.steps().stream().map(Step::of).toList(),
                    Evidence.of(review.evidence()),
                    allowed.stream().map(ReviewResponses::actionName).toList(),
                    review.proposal() == null ? null : Resolution.proposed(review.proposal()));
        }
    }

    /** What the accounts' streams said, read at {@code checkedAt}. */
    record Evidence(Instant checkedAt, List<Leg> legs) {

        static Evidence of(ReviewEvidence evidence) {
            return new Evidence(evidence.checkedAt(), evidence.legs().stream().map(Leg::of).toList());
        }
    }

    /** One leg in one account's stream. */
    record Leg(String leg, String accountId, String state, Long amount, String reason, Long sequenceNumber,
               Instant at) {

        static Leg of(LegEvidence leg) {
            return new Leg(leg.leg().name(), leg.accountId().value(), leg.state().name(),
                    leg.amount() == null ? null : leg.amount().minorUnits(),
                    leg.reason() == null ? null : leg.reason().name(), leg.sequenceNumber(), leg.at());
        }
    }

    /** The states of a resolution: awaiting a second admin, run, or expired unapproved. */
    enum ResolutionState { AWAITING_APPROVAL, APPLIED, EXPIRED }

    /** A resolution, proposed or run. */
    record Resolution(String resolutionId, String transferId, String action, ResolutionState state, String reason,
                      String proposedBy, Instant proposedAt, Instant expiresAt, String approvedBy,
                      Instant approvedAt) {

        static Resolution proposed(TransferResolutionProposed proposal) {
            ResolutionState state = Instant.now().isBefore(proposal.expiresAt()) ? ResolutionState.AWAITING_APPROVAL
                    : ResolutionState.EXPIRED;
            return new Resolution(proposal.resolutionId(), proposal.transferId().value(),
                    actionName(proposal.action()), state, proposal.reason(), proposal.proposedBy(),
                    proposal.evidence().checkedAt(), proposal.expiresAt(), null, null);
        }
    }

    static String actionName(ReviewAction action) {
        return action.name().toLowerCase(Locale.ROOT);
    }
}
