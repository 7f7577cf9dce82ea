package dev.ledger.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.review.ApproveTransferResolution;
import dev.ledger.api.transfer.review.ResolveTransferReview;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.transfer.ReviewVerdict.Resumption;
import dev.ledger.transfer.ReviewVerdict.SecondPhase;
import java.time.Instant;

/**
 * A {@link Transfer}'s time in manual review: why it stopped, and the proposal awaiting a second admin, if any. It
 * decides the review's events; the transfer applies them. Every action is checked against the evidence the command
 * carries, read from the accounts' streams, and an action that moves money by hand runs only once an admin other
 * than its proposer approves it before it expires; a proposal that expired no longer blocks a new one.
 */
final class ManualReview {

    private final TransferId transferId;
    private final LedgerErrorCode reason;
    private TransferResolutionProposed proposal;

    ManualReview(TransferId transferId, LedgerErrorCode reason) {
        this.transferId = transferId;
        this.reason = reason;
    }

    /** The event that records an admin's choice: a proposal, for an action needing four eyes, or the resolution. */
    Object resolve(ResolveTransferReview command, SecondPhase secondPhase, Money captured, Instant now) {
        if (proposal != null && now.isBefore(proposal.expiresAt())) {
            throw new LedgerRuleViolation(LedgerErrorCode.RESOLUTION_ALREADY_PROPOSED, "Transfer " + transferId
                    + " has resolution " + proposal.resolutionId() + " awaiting approval until "
                    + proposal.expiresAt());
        }
        Resumption resumed = check(command.action(), command.evidence(), secondPhase, captured);
        if (command.action().needsFourEyes()) {
            return new TransferResolutionProposed(transferId, command.resolutionId(), command.action(),
                    command.reason(), command.decidedBy(), command.evidence(), command.approvalDeadline());
        }
        return new TransferReviewResolved(transferId, command.resolutionId(), command.action(), reason,
                command.decidedBy(), command.reason(), null, null, command.evidence(),
                resumed == null ? null : resumed.leg(), resumed == null ? null : resumed.amount());
    }

    /** The resolution a second admin's approval runs, checked again against what the streams say now. */
    TransferReviewResolved approve(ApproveTransferResolution command, SecondPhase secondPhase, Money captured,
                                   Instant now) {
        if (proposal == null || !proposal.resolutionId().equals(command.resolutionId())) {
            throw new LedgerRuleViolation(LedgerErrorCode.RESOLUTION_NOT_FOUND,
                    "Transfer " + transferId + " has no resolution " + command.resolutionId() + " awaiting approval");
        }
        if (proposal.proposedBy().equals(command.approvedBy())) {
            throw new LedgerRuleViolation(LedgerErrorCode.FOUR_EYES_REQUIRED, "Resolution " + proposal.resolutionId()
                    + " was proposed by " + command.approvedBy() + ": another admin must approve it");
        }
        if (!now.isBefore(proposal.expiresAt())) {
            throw new LedgerRuleViolation(LedgerErrorCode.RESOLUTION_PROPOSAL_EXPIRED, "Resolution "
                    + proposal.resolutionId() + " expired at " + proposal.expiresAt() + "; propose it again");
        }
        Resumption resumed = check(proposal.action(), command.evidence(), secondPhase, captured);
        return new TransferReviewResolved(transferId, proposal.resolutionId(), proposal.action(), reason,
                proposal.proposedBy(), proposal.reason(), command.approvedBy(), command.reason(), command.evidence(),
                resumed == null ? null : resumed.leg(), resumed == null ? null : resumed.amount());
    }

    void proposed(TransferResolutionProposed event) {
        proposal = event;
    }

    LedgerErrorCode reason() {
        return reason;
    }

    // The leg a supported refund or retry resumes with; null for an action that only records an end.
    private Resumption check(ReviewAction action, ReviewEvidence evidence, SecondPhase secondPhase, Money captured) {
        ReviewVerdict verdict = new ReviewVerdict(evidence, secondPhase, captured);
        if (!verdict.supports(action)) {
            throw new LedgerRuleViolation(LedgerErrorCode.RESOLUTION_CONTRADICTS_EVIDENCE, "The accounts' streams "
                    + "do not support " + action + " of transfer " + transferId + "; they support " + verdict.allowed());
        }
        return verdict.resumption(action).orElse(null);
    }
}
