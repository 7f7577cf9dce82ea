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
 * belongs to; null when it gave none. {@code review} is the manual-review resolution a leg was sent for, null for
 * every other event.
 */
record ReplayedEvent(long sequence, Instant timestamp, String type, Money amount, TransferId transferId,
                     LedgerErrorCode reason, Money balanceAfter, Money recordedBalanceAfter, Money pendingChange,
                     Money pendingAfter, Money recordedAvailableAfter, String correlationId, String causationId,
                     String reference, ReviewNote review) {

    /**
     * An admin's resolution of a transfer in manual review, as an account's history shows it beside the legs it
     * sent: which action, who decided and who approved it, and why.
     */
    record ReviewNote(String resolutionId, String action, String decidedBy, String approvedBy, String reason,
                      Instant at) {
    }

    /**
     * This event with what its transfer's own stream knows and a leg's event does not carry: the client's reference,
     * and the resolution that sent the leg, if one did.
     */
    ReplayedEvent withTransferNotes(String transferReference, ReviewNote sentFor) {
        return new ReplayedEvent(sequence, timestamp, type, amount, transferId, reason, balanceAfter,
                recordedBalanceAfter, pendingChange, pendingAfter, recordedAvailableAfter, correlationId, causationId,
                transferReference, sentFor);
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
