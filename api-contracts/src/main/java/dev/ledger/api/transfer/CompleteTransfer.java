package dev.ledger.api.transfer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a transfer as {@code COMPLETED}: the source was debited and the destination credited.
 */
public record CompleteTransfer(@TargetAggregateIdentifier TransferId transferId) {

    public CompleteTransfer {
        Objects.requireNonNull(transferId, "transferId");
    }
}
