package dev.ledger.api.transfer.review;

import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * An admin's choice for a transfer in manual review, checked by the transfer against {@code evidence}. An action
 * that needs four eyes is only proposed, under {@code resolutionId}, until {@code approvalDeadline}; the others run
 * at once. Refused with {@code TRANSFER_NOT_IN_REVIEW}, {@code RESOLUTION_CONTRADICTS_EVIDENCE} or
 * {@code RESOLUTION_ALREADY_PROPOSED}.
 *
 * @param decidedBy        the admin's principal
 * @param reason           why, in the admin's words; never blank
 * @param approvalDeadline until when a proposal may be approved; ignored for an action that runs at once
 */
public record ResolveTransferReview(@TargetAggregateIdentifier TransferId transferId, String resolutionId,
                                    ReviewAction action, String reason, String decidedBy, ReviewEvidence evidence,
                                    Instant approvalDeadline) {

    /** The longest reason an admin may give, here and in an approval: the published schemas hold the same. */
    public static final int MAX_REASON_LENGTH = 500;

    public ResolveTransferReview {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(resolutionId, "resolutionId");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(decidedBy, "decidedBy");
        Objects.requireNonNull(evidence, "evidence");
        Objects.requireNonNull(approvalDeadline, "approvalDeadline");
        if (reason == null || reason.isBlank() || reason.length() > MAX_REASON_LENGTH) {
            throw new IllegalArgumentException("reason must be 1 to " + MAX_REASON_LENGTH + " characters");
        }
    }
}
