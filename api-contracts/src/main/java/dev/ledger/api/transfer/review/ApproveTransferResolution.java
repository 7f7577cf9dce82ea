package dev.ledger.api.transfer.review;

import dev.ledger.api.transfer.TransferId;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * A second admin approves a proposed resolution, checked again against {@code evidence}, read now. Refused with
 * {@code FOUR_EYES_REQUIRED} when {@code approvedBy} proposed it, {@code RESOLUTION_NOT_FOUND},
 * {@code RESOLUTION_PROPOSAL_EXPIRED}, {@code TRANSFER_NOT_IN_REVIEW} or {@code RESOLUTION_CONTRADICTS_EVIDENCE}.
 *
 * @param reason the approver's words; may be null
 */
public record ApproveTransferResolution(@TargetAggregateIdentifier TransferId transferId, String resolutionId,
                                        String approvedBy, String reason, ReviewEvidence evidence) {

    public ApproveTransferResolution {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(approvedBy, "approvedBy");
        Objects.requireNonNull(evidence, "evidence");
        if (reason != null && reason.length() > ResolveTransferReview.MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("reason must be at most " + ResolveTransferReview.MAX_REASON_LENGTH
                    + " characters");
        }
    }
}
