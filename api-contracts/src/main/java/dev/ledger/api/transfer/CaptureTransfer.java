package dev.ledger.api.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.money.Money;
import java.util.Objects;
import org.axonframework.modelling.command.TargetAggregateIdentifier;

/**
 * Asks to move an authorized transfer's money: {@code amount} of the hold (all of it when {@code null}) is debited
 * from the source and credited to the destination, and the rest of the hold released. Refused with
 * {@code TRANSFER_NOT_FOUND} unless {@code requestedBy} requested the transfer or acts for the bank, with
 * {@code CAPTURE_EXCEEDS_AUTHORIZATION} for more than the authorized amount, and, once a transfer has left
 * {@code AUTHORIZED}, with {@code TRANSFER_ALREADY_CAPTURED}, {@code TRANSFER_ALREADY_VOIDED},
 * {@code TRANSFER_EXPIRED} or {@code TRANSFER_NOT_AUTHORIZED}.
 */
public record CaptureTransfer(@TargetAggregateIdentifier TransferId transferId, Money amount, Requester requestedBy) {

    public CaptureTransfer {
        Objects.requireNonNull(transferId, "transferId");
        if (amount != null) {
            Money.requirePositive(amount, "amount");
        }
        Objects.requireNonNull(requestedBy, "requestedBy");
    }
}
