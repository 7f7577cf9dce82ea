package dev.ledger.api.transfer;

/** When a transfer's money moves. */
public enum CaptureMode {
    /** At once: the saga debits the source and credits the destination. */
    AUTOMATIC,
    /**
     * Later: the saga holds the amount on the source and the transfer waits, {@code AUTHORIZED}, until it is
     * captured, voided or its authorization expires.
     */
    MANUAL
}
