package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to cancel an authorized transfer: its hold is released and it ends {@code VOIDED}, with nothing moved. Refused
 * as {@link CaptureTransfer} is, and for the same requesters.
 */
public record VoidTransfer(@TargetAggregateIdentifier TransferId transferId, Requester requestedBy) {

    public VoidTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
