package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a transfer as {@code MANUAL_REVIEW}: a step could not finish and compensation could not
 * complete either. It is the visible, never silent, end of a transfer a person must look at.
 */
public record FlagTransferForReview(@TargetAggregateIdentifier TransferId transferId, LedgerErrorCode reason) {

    public FlagTransferForReview {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(reason, "reason");
    }
}
