package dev.ledger.api.account;

import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Gives a transfer's hold back to the source account's available balance, when the transfer is voided or its
 * authorization lapses; nothing is posted. An account with no hold for the transfer records
 * {@link AccountReleaseRejected} with {@code TRANSFER_NOT_FOUND}. Sent by the transfer saga only; a repeat has no
 * second effect.
 *
 * <p>{@code requestedAt} is when the void was requested or the authorization lapsed: the account refuses a leg older
 * than it remembers legs for, with {@code TRANSFER_TOO_OLD}.
 */
public record ReleaseAccountHold(@TargetAggregateIdentifier AccountId accountId, TransferId transferId, Instant requestedAt) {

    public ReleaseAccountHold {
        Objects.requireNonNull(accountId, "accountId");
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(requestedAt, "requestedAt");
    }
}
