package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;

/**
 * One money movement on an account's statement. {@code amount} is signed: negative for money leaving the
 * account. {@code transferId} is null for cash in and out. {@code sequenceNumber} is the movement's place in the
 * account's event stream, the statement's order. {@code reference} is the client's, given with the deposit or
 * withdrawal or with the transfer a leg belongs to; null when it gave none, or the transfer view has not seen the
 * transfer yet.
 */
public record StatementEntryView(
        String entryId,
        AccountId accountId,
        EntryType type,
        Money amount,
        Money balanceAfter,
        TransferId transferId,
        Instant timestamp,
        long sequenceNumber,
        String reference) {

    /** An entry without its place in the stream and without a reference. */
    public StatementEntryView(String entryId, AccountId accountId, EntryType type, Money amount, Money balanceAfter,
                              TransferId transferId, Instant timestamp) {
        this(entryId, accountId, type, amount, balanceAfter, transferId, timestamp, 0, null);
    }
}
