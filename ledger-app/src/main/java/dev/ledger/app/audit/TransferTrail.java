package dev.ledger.app.audit;

import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.app.audit.BooksReport.Mismatch;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A transfer's events, as far as conservation and liveness need them, shared by the full replay and the books
 * projection so that both judge a transfer alike. A leg applied a second time (a second debit, credit or refund of
 * the same transfer) is a finding: accounts decide each leg once, so it can only come from a broken store.
 */
final class TransferTrail {

    private Money debited;
    private boolean credited;
    private boolean refunded;
    private boolean ended;
    private String lastEvent;
    private Instant lastEventAt = Instant.MIN;

    TransferTrail() {
    }

    /** A trail as the projection stored it. */
    TransferTrail(Money debited, boolean credited, boolean refunded, boolean ended, String lastEvent,
                  Instant lastEventAt) {
        this.debited = debited;
        this.credited = credited;
        this.refunded = refunded;
        this.ended = ended;
        this.lastEvent = lastEvent;
        this.lastEventAt = lastEventAt;
    }

    /** Records the next event of the transfer, a leg or its own; a leg seen before is returned as a finding. */
    Optional<Mismatch> record(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        boolean again = false;
        if (payload instanceof AccountDebited debit) {
            again = debited != null;
            debited = debit.amount();
        } else if (payload instanceof AccountCredited) {
            again = credited;
            credited = true;
        } else if (payload instanceof AccountDebitRefunded) {
            again = refunded;
            refunded = true;
        } else if (payload instanceof TransferCompleted || payload instanceof TransferFailed
                || payload instanceof TransferRefunded || payload instanceof TransferFlaggedForReview) {
            ended = true;
        }
        String type = event.getPayloadType().getSimpleName();
        if (!event.getTimestamp().isBefore(lastEventAt)) {
            lastEventAt = event.getTimestamp();
            lastEvent = type;
        }
        if (!again) {
            return Optional.empty();
        }
        String leg = type + " of transfer " + ((TransferEvent) payload).transferId();
        return Optional.of(new Mismatch(event.getAggregateIdentifier(), "leg", leg + " once", leg + " again",
                event.getSequenceNumber()));
    }

    /** Debited and neither credited nor refunded: a manual-review transfer can stay like this for good. */
    boolean isInFlight() {
        return debited != null && !credited && !refunded;
    }

    Money debited() {
        return debited;
    }

    boolean credited() {
        return credited;
    }

    boolean refunded() {
        return refunded;
    }

    boolean ended() {
        return ended;
    }

    String lastEvent() {
        return lastEvent;
    }

    Instant lastEventAt() {
        return lastEventAt;
    }
}
