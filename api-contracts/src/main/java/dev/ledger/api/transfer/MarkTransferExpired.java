package dev.ledger.api.transfer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Ends a lapsed transfer as {@code EXPIRED}, once its hold has been released. Sent by the saga.
 */
public record MarkTransferExpired(@TargetAggregateIdentifier TransferId transferId) {

    public MarkTransferExpired {
        Objects.requireNonNull(transferId, "transferId");

    }
}
