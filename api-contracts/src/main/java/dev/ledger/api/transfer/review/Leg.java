package dev.ledger.api.transfer.review;

/** One kind of account leg a transfer makes: on its source, or ({@link #CREDIT}) on its destination. */
public enum Leg {
    HOLD, CAPTURE, RELEASE, DEBIT, CREDIT, REFUND
}
