package dev.ledger.api.account.query;

/**
 * The kind of money movement a statement entry records. {@code HOLD} and {@code HOLD_RELEASE} are pending entries:
 * money held for a transfer captured later, and given back when it is voided or expires. They change the available
 * balance, never the posted one, and a statement lists them only when asked to. A captured hold is a posted
 * {@code TRANSFER_DEBIT} of the captured amount, which also ends the hold.
 */
public enum EntryType {
    DEPOSIT,
    WITHDRAWAL,
    TRANSFER_DEBIT,
    TRANSFER_CREDIT,
    REFUND,
    HOLD,
    HOLD_RELEASE;

    /** Whether entries of this type are pending rather than posted: they never add up to the balance. */
    public boolean isPending() {
        return this == HOLD || this == HOLD_RELEASE;
    }
}
