package dev.ledger.api.transfer;

import dev.ledger.api.error.LedgerErrorCode;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a transfer as {@code REFUNDED}: the credit failed for {@code reason} and the debit was returned.
 */
public record MarkTransferRefunded(@TargetAggregateIdentifier TransferId transferId, LedgerErrorCode reason) {

    public MarkTransferRefunded {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(reason, "reason");
    }
}
