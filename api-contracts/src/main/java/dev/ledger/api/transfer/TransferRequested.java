package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import org.axonframework.serialization.Revision;

/**
 * A transfer was accepted; the saga starts on this event.
 *
 * <p>Revision 2 adds {@code requestedBy}, which the source account checks before it is debited. Revision 1
 * events, from before requesters were recorded, are read with {@link Requester#UNRECORDED} staff as requester.
 */
@Revision("2")
public record TransferRequested(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId, Money amount, String reference, Requester requestedBy) implements TransferEvent {
}
