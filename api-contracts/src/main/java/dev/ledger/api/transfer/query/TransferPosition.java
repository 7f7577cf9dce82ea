package dev.ledger.api.transfer.query;

import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;

/**
 * Where a transfer stands in the listing order of {@link ListTransfers}: its request time, then its id to break
 * ties between transfers requested in the same instant.
 */
public record TransferPosition(Instant requestedAt, TransferId transferId) {

    public TransferPosition {
        Objects.requireNonNull(requestedAt, "requestedAt");
        Objects.requireNonNull(transferId, "transferId");
    }
}
