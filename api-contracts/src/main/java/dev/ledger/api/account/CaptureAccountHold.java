package dev.ledger.api.account;

import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * The debit of a transfer authorized before: posts {@code amount} of the transfer's hold as a debit, and releases the
 * rest of the hold. From then on it is a debit like {@link DebitAccount}'s, and is refunded the same way when the
 * credit fails. The money was reserved when the hold was placed, so a freeze since does not stop it; an account with
 * no hold for the transfer records {@link AccountCaptureRejected} with {@code TRANSFER_NOT_FOUND}. Sent by the
 * transfer saga only; a repeat has no second effect.
 *
 * <p>{@code requestedAt} is when the capture was requested, the start of this phase of the transfer: the account
 * refuses a leg older than it remembers legs for, with {@code TRANSFER_TOO_OLD}.
 */
public record CaptureAccountHold(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Money amount, Instant requestedAt) {

    public CaptureAccountHold {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
