package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import java.time.Instant;
import org.axonframework.serialization.Revision;

/**
 * A transfer was accepted; the saga starts on this event.
 *
 * <p>Revision 2 adds {@code requestedBy}, which the source account checks before it is debited. Revision 1
 * events, from before requesters were recorded, are read with {@link Requester#unrecorded()} as requester, which
 * fails closed: it may debit no account.
 * Revision 3 adds {@code capture} and, for a {@link CaptureMode#MANUAL} transfer, {@code expiresAt}; earlier
 * revisions are read as {@link CaptureMode#AUTOMATIC}.
 */
@Revision("3")
public record TransferRequested(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId, Money amount, String reference, Requester requestedBy, CaptureMode capture, Instant expiresAt) implements TransferEvent {

    /** A transfer whose money moves at once. */
    public TransferRequested(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId,
                             Money amount, String reference, Requester requestedBy) {
        this(transferId, sourceAccountId, destinationAccountId, amount, reference, requestedBy, CaptureMode.AUTOMATIC,
                null);
    }
}
