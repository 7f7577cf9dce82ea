package dev.ledger.app.audit;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;

/**
 * One event of an account's history as the replay saw it. {@code balanceAfter} is the replayed running balance;
 * {@code recordedBalanceAfter} is what the event itself claims, null for events that record none.
 * {@code pendingChange} is what the event did to the money held for transfers (null when nothing),
 * {@code pendingAfter} the replayed running total held, and {@code recordedAvailableAfter} the available balance a
 * hold's, capture's or release's event claims, null for others; the available balance after is
 * {@link #availableAfter()}.
 * {@code correlationId} and {@code causationId} come from the event's metadata, null for events stored before
 * the ledger recorded them. {@code reference} is the client's, of a deposit, a withdrawal or the transfer a leg
 * belongs to; null when it gave none.
 */
record ReplayedEvent(long sequence, Instant timestamp, String type, Money amount, TransferId transferId,
                     LedgerErrorCode reason, Money balanceAfter, Money recordedBalanceAfter, Money pendingChange,
                     Money pendingAfter, Money recordedAvailableAfter, String correlationId, String causationId,
                     String reference) {

    /** This event with a transfer's reference, which a leg's own event does not carry. */
    ReplayedEvent withReference(String transferReference) {
        return new ReplayedEvent(sequence, timestamp, type, amount, transferId, reason, balanceAfter,
                recordedBalanceAfter, pendingChange, pendingAfter, recordedAvailableAfter, correlationId, causationId,
                transferReference);
    }

    /** The replayed available balance after the event: the posted balance less what is held. */
    Money availableAfter() {
        return balanceAfter.minus(pendingAfter);
    }

    boolean contradictsItsRecordedBalance() {
        return recordedBalanceAfter != null && !recordedBalanceAfter.equals(balanceAfter);
    }

    boolean contradictsItsRecordedAvailableBalance() {
        return recordedAvailableAfter != null && !recordedAvailableAfter.equals(availableAfter());
    }
}
