package dev.ledger.api.transfer;

import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Lapses an authorized transfer whose {@code expiresAt} has come: its hold is released and it ends {@code EXPIRED}.
 * Sent by the saga's expiry deadline; refused like {@link VoidTransfer} when a capture or a void came first, so
 * exactly one of them wins.
 */
public record ExpireTransfer(@TargetAggregateIdentifier TransferId transferId) {

    public ExpireTransfer {
        Objects.requireNonNull(transferId, "transferId");

    }
}
