package dev.ledger.api.transfer.review;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferStatus;
import org.axonframework.serialization.Revision;

/**
 * A transfer in manual review was resolved: who decided, who approved (for an action needing four eyes), why, and
 * the evidence the action was checked against. What follows is the action's: {@code TransferFailed} or
 * {@code TransferCompleted} at once; for a refund or a retry the saga takes the transfer up again and sends
 * {@code resumedLeg}, moving {@code amount}, and the transfer ends as that leg's answer decides.
 *
 * @param reviewedFor why the transfer had stopped
 * @param decidedBy   the admin who chose the action
 * @param reason      the deciding admin's words
 * @param approvedBy  the second admin, for {@code REFUND} and {@code COMPLETE}; null otherwise
 * @param approval    the approver's words, may be null
 * @param resumedLeg  the leg the saga sends, for {@code REFUND} and {@code RETRY}; null otherwise
 * @param amount      what that leg moves; null when there is none
 */
@Revision("1")
public record TransferReviewResolved(TransferId transferId, String resolutionId, ReviewAction action,
                                     LedgerErrorCode reviewedFor, String decidedBy, String reason, String approvedBy,
                                     String approval, ReviewEvidence evidence, Leg resumedLeg,
                                     Money amount) implements TransferEvent {

    /**
     * Where the transfer stands once resolved: in flight at the leg it resumes, or, for a failure or completion,
     * still {@code MANUAL_REVIEW} until the end recorded with it.
     */
    public TransferStatus statusAfter() {
        if (resumedLeg == null) {
            return TransferStatus.MANUAL_REVIEW;
        }
        return switch (resumedLeg) {
            case CREDIT -> TransferStatus.DEBITED;
            case REFUND -> TransferStatus.REFUNDING;
            case CAPTURE, RELEASE -> TransferStatus.AUTHORIZED;
            case HOLD, DEBIT -> throw new IllegalStateException("A review never resumes " + resumedLeg);
        };
    }
}
