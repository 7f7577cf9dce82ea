package dev.ledger.api.account.query;

/** The kind of money movement a statement entry records. */
public enum EntryType {
    DEPOSIT,
    WITHDRAWAL,
    TRANSFER_DEBIT,
    TRANSFER_CREDIT,
    REFUND
}
