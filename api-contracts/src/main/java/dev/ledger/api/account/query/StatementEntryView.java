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
 *
 * <p>A {@code pending} entry ({@link EntryType#isPending()}: a hold or its release) moves the available balance
 * only: its {@code amount} is what it took from it (negative) or gave back, and its {@code balanceAfter} is the
 * posted balance, unchanged. The posted entries' amounts alone add up to the balance. {@code availableAfter} is the
 * available balance after the entry where its event records one (holds, their releases and captures), else null.
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
        String reference,
        boolean pending,
        Money availableAfter) {

    /** A posted entry, which records no available balance. */
    public StatementEntryView(String entryId, AccountId accountId, EntryType type, Money amount, Money balanceAfter,
                              TransferId transferId, Instant timestamp, long sequenceNumber, String reference) {
        this(entryId, accountId, type, amount, balanceAfter, transferId, timestamp, sequenceNumber, reference,
                type.isPending(), null);
    }

    /** An entry without its place in the stream and without a reference. */
    public StatementEntryView(String entryId, AccountId accountId, EntryType type, Money amount, Money balanceAfter,
                              TransferId transferId, Instant timestamp) {
        this(entryId, accountId, type, amount, balanceAfter, transferId, timestamp, 0, null);
    }
}
