package dev.ledger.api.transfer;

/**
 * Where a transfer stands. {@code REQUESTED}, {@code DEBITED} and {@code REFUNDING} are in flight, and
 * {@code AUTHORIZED} waits for its requester: a {@link CaptureMode#MANUAL} transfer's money is held there until it
 * is captured, voided or expires. {@code MANUAL_REVIEW} has stopped: a step could not finish, and the transfer waits
 * for an admin's resolution, which ends it or sets it in flight again. Every transfer ends in exactly one of the
 * terminal statuses.
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
        return this == COMPLETED || this == FAILED || this == REFUNDED || this == VOIDED
                || this == EXPIRED;
    }

    /**
     * Whether nothing happens to the transfer until somebody acts: it has ended, it waits to be captured, or it waits
     * in review.
     */
    public boolean isAtRest() {
        return isTerminal() || this == AUTHORIZED || this == MANUAL_REVIEW;
    }

    /** Whether the saga has let go of the transfer: it ended, or it stopped for review. */
    public boolean hasStopped() {
        return isTerminal() || this == MANUAL_REVIEW;
    }
}
