package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.Reference;
import dev.ledger.api.money.Money;
import java.time.Instant;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks the ledger to move {@code amount} from the source to the destination account. Creates the
 * transfer; the saga then runs its legs. Rejected with {@code SAME_ACCOUNT} for a transfer to itself and
 * {@code TRANSFER_EXISTS} when the id is taken. The amount is positive. The {@code requestedBy} is carried to
 * the source account's debit, where the account refuses it unless the requester may debit that account.
 *
 * <p>With {@link CaptureMode#MANUAL} the money is only held on the source until the transfer is captured or voided,
 * or until {@code expiresAt}, which such a transfer has and an {@link CaptureMode#AUTOMATIC} one has not.
 */
public record RequestTransfer(@TargetAggregateIdentifier TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId, Money amount, String reference, Requester requestedBy, CaptureMode capture, Instant expiresAt) {

    public RequestTransfer {
        Objects.requireNonNull(transferId, "transferId");
        Objects.requireNonNull(sourceAccountId, "sourceAccountId");
        Objects.requireNonNull(destinationAccountId, "destinationAccountId");
        Money.requirePositive(amount, "amount");
        Objects.requireNonNull(requestedBy, "requestedBy");
        Reference.requireValid(reference);
        Objects.requireNonNull(capture, "capture");
        if ((capture == CaptureMode.MANUAL) != (expiresAt != null)) {
            throw new IllegalArgumentException("A MANUAL transfer has an expiresAt, an AUTOMATIC one has none");
        }
    }

    /** A transfer whose money moves at once. */
    public RequestTransfer(TransferId transferId, AccountId sourceAccountId, AccountId destinationAccountId,
                           Money amount, String reference, Requester requestedBy) {
        this(transferId, sourceAccountId, destinationAccountId, amount, reference, requestedBy, CaptureMode.AUTOMATIC,
                null);
    }
}
