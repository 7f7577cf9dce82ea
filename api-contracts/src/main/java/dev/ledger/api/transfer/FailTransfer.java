package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a transfer as {@code FAILED}: the debit was rejected and nothing moved.
 */
public record FailTransfer(@TargetAggregateIdentifier TransferId transferId, LedgerErrorCode reason) {

    public FailTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(reason, "reason");
    }
}
