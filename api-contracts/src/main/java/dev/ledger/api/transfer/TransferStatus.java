package dev.ledger.api.transfer;

/**
 * Where a transfer stands. {@code REQUESTED}, {@code DEBITED} and {@code REFUNDING} are in flight, and
 * {@code AUTHORIZED} waits for its requester: a {@link CaptureMode#MANUAL} transfer's money is held there until it
 * is captured, voided or expires. Every transfer ends in exactly one of the terminal statuses.
 */
public enum TransferStatus {
    REQUESTED,
    AUTHORIZED,
    DEBITED,
    REFUNDING,
    COMPLETED,
    FAILED,
    REFUNDED,
    MANUAL_REVIEW,
    VOIDED,
    EXPIRED;

    public boolean isTerminal() {
        return this == COMPLETED || this == FAILED || this == REFUNDED || this == MANUAL_REVIEW || this == VOIDED
                || this == EXPIRED;
    }

    /** Whether nothing happens to the transfer until somebody acts: it has ended, or it waits to be captured. */
    public boolean isAtRest() {
        return isTerminal() || this == AUTHORIZED;
    }
}
