package dev.ledger.api.transfer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Records that a {@code MANUAL} transfer's amount is held on its source: the transfer is {@code AUTHORIZED} until it
 * is captured, voided or expires. Sent by the saga.
 */
public record MarkTransferAuthorized(@TargetAggregateIdentifier TransferId transferId) {

    public MarkTransferAuthorized {
        Objects.requireNonNull(transferId, "transferId");

    }
}
