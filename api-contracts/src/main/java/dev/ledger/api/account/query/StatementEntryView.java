package dev.ledger.api.account.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;

/**
 * One money movement on an account's statement. {@code amount} is signed: negative for money leaving the
 * account. {@code transferId} is null for cash in and out.
 */
public record StatementEntryView(
        String entryId,
        AccountId accountId,
        EntryType type,
        Money amount,
        Money balanceAfter,
        TransferId transferId,
        Instant timestamp) {
}
