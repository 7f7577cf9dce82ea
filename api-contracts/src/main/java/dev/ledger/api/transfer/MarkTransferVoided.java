package dev.ledger.api.transfer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a voided transfer as {@code VOIDED}, once its hold has been released. Sent by the saga.
 */
public record MarkTransferVoided(@TargetAggregateIdentifier TransferId transferId) {

    public MarkTransferVoided {
        Objects.requireNonNull(transferId, "transferId");

    }
}
