package dev.ledger.api.transfer;

/**
 * Where a transfer stands. {@code REQUESTED}, {@code DEBITED} and {@code REFUNDING} are in flight; every
 * transfer ends in exactly one of the terminal statuses.
 */
public enum TransferStatus {
    REQUESTED,
    DEBITED,
    REFUNDING,
    COMPLETED,
    FAILED,
    REFUNDED,
    MANUAL_REVIEW;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == REFUNDED || this == MANUAL_REVIEW;
    }
}
