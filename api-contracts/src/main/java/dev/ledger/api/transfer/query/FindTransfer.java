package dev.ledger.api.transfer.query;

import dev.ledger.api.transfer.TransferId;

/**
 * Asks for one transfer's {@link TransferView}; answered with {@code null} when the read model has none.
 * Used as a subscription query too, so a client can wait for the terminal status without polling.
 */
public record FindTransfer(TransferId transferId) {
}
