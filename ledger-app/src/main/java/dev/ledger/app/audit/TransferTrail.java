package dev.ledger.app.audit;

import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.app.audit.BooksReport.Mismatch;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * A transfer's events, as far as conservation and liveness need them, shared by the full replay and the books
 * projection so that both judge a transfer alike. A leg applied a second time (a second debit, credit or refund of
 * the same transfer) is a finding: accounts decide each leg once, so it can only come from a broken store.
 *
 * <p>A two-phase transfer's hold is followed too: which account holds it and how much, and whether it was captured
 * or released. A hold is captured or released at most once and never both, a capture takes at most what was held
 * and releases the rest, a release gives back the whole hold, and a transfer that ends {@code VOIDED} or
 * {@code EXPIRED} has moved nothing and holds nothing. Anything else is a finding. A captured hold is the
 * transfer's debit from then on, in flight until it is credited or refunded.
 *
 * <p>A transfer stopped in manual review counts as ended for liveness: it waits for an admin, not for the saga. A
 * refund or retry resolved there sets it going again, and from then its silence counts once more.
 */
final class TransferTrail {

    private Money debited;
    private boolean credited;
    private boolean refunded;
    private boolean ended;
    private String lastEvent;
    private Instant lastEventAt = Instant.MIN;
    private String holdAccountId;
    private Money held;
    private Money captured;
    private boolean released;
    private Instant restingUntil;

    TransferTrail() {
    }

    /** A trail as the projection stored it. */
    TransferTrail(Money debited, boolean credited, boolean refunded, boolean ended, String lastEvent,
                  Instant lastEventAt, Hold hold) {
        this.debited = debited;
        this.credited = credited;
        this.refunded = refunded;
        this.ended = ended;
        this.lastEvent = lastEvent;
        this.lastEventAt = lastEventAt;
        this.holdAccountId = hold.accountId();
        this.held = hold.held();
        this.captured = hold.captured();
        this.released = hold.released();
        this.restingUntil = hold.restingUntil();
    }

    /**
     * What the trail knows of the transfer's hold: the account that holds it and the amount, null for a transfer
     * that held nothing; what was captured of it, null until then; whether it was released; and until when the
     * transfer rests authorized, null unless it does.
     */
    record Hold(String accountId, Money held, Money captured, boolean released, Instant restingUntil) {

        static final Hold NONE = new Hold(null, null, null, false, null);
    }

    /** Records the next event of the transfer, a leg or its own; a leg seen before is returned as a finding. */
    Optional<Mismatch> record(DomainEventMessage<?> event) {
        Object payload = event.getPayload();
        String type = event.getPayloadType().getSimpleName();
        Optional<String> broken = Optional.empty();
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
        } else if (payload instanceof AccountFundsHeld hold) {
            again = held != null;
            held = hold.amount();
            holdAccountId = event.getAggregateIdentifier();
        } else if (payload instanceof AccountHoldCaptured capture) {
            again = captured != null;
            broken = again ? broken : capturedOnce(capture);
            captured = capture.amount();
            debited = capture.amount();
        } else if (payload instanceof AccountHoldReleased release) {
            again = released;
            broken = again ? broken : releasedOnce(release);
            released = true;
        } else if (payload instanceof TransferAuthorized authorized) {
            restingUntil = authorized.expiresAt();
        } else if (payload instanceof TransferCaptureRequested || payload instanceof TransferVoidRequested
                || payload instanceof TransferAuthorizationLapsed) {
            restingUntil = null;
        } else if (payload instanceof TransferVoided || payload instanceof TransferExpired) {
            ended = true;
            broken = movedNothing();
        } else if (payload instanceof TransferCompleted || payload instanceof TransferFailed
                || payload instanceof TransferRefunded || payload instanceof TransferFlaggedForReview) {
            ended = true;
        } else if (payload instanceof TransferReviewResolved resolved && resolved.resumedLeg() != null) {
            ended = false; // a refund or retry out of review: the saga has the transfer again, and must end it
        }
        if (!event.getTimestamp().isBefore(lastEventAt)) {
            lastEventAt = event.getTimestamp();
            lastEvent = type;
        }
        String leg = type + " of transfer " + ((TransferEvent) payload).transferId();
        if (again) {
            return Optional.of(finding(event, "leg", leg + " once", leg + " again"));
        }
        return broken.map(state -> finding(event, "hold", leg + " " + expectation(payload), state));
    }

    // A capture posts at most the hold and releases its rest, so the two make the hold; never after its release.
    private Optional<String> capturedOnce(AccountHoldCaptured capture) {
        if (held == null || released) {
            return Optional.of(held == null ? "no hold" : "a hold released before");
        }
        boolean whole = capture.amount().plus(capture.released()).equals(held) && !held.isLessThan(capture.amount());
        return whole ? Optional.empty() : Optional.of("captured " + capture.amount() + " and released "
                + capture.released() + " of a hold of " + held);
    }

    private Optional<String> releasedOnce(AccountHoldReleased release) {
        if (held == null || captured != null) {
            return Optional.of(held == null ? "no hold" : "a hold captured before");
        }
        return release.amount().equals(held) ? Optional.empty()
                : Optional.of("released " + release.amount() + " of a hold of " + held);
    }

    private Optional<String> movedNothing() {
        boolean nothing = debited == null && !credited && !refunded && captured == null && !isHolding();
        return nothing ? Optional.empty() : Optional.of("debited " + debited + ", credited " + credited
                + ", refunded " + refunded + ", captured " + captured + ", holding " + isHolding());
    }

    private static String expectation(Object payload) {
        if (payload instanceof AccountHoldCaptured || payload instanceof AccountHoldReleased) {
            return "of an open hold, whole";
        }
        return "with nothing moved and nothing held";
    }

    private static Mismatch finding(DomainEventMessage<?> event, String field, String expected, String actual) {
        return new Mismatch(event.getAggregateIdentifier(), field, expected, actual, event.getSequenceNumber());
    }

    /** Debited and neither credited nor refunded: a manual-review transfer can stay like this for good. */
    boolean isInFlight() {
        return debited != null && !credited && !refunded;
    }

    /** Held on its source, and neither captured nor released yet. */
    boolean isHolding() {
        return held != null && captured == null && !released;
    }

    /**
     * Not ended, and no event since {@code quietSince}; an authorized transfer waits for its requester until its
     * authorization expires, and only from then does a silence count.
     */
    boolean isQuietSince(Instant quietSince) {
        return !ended && lastEventAt.isBefore(quietSince) && (restingUntil == null || restingUntil.isBefore(quietSince));
    }

    Hold hold() {
        return new Hold(holdAccountId, held, captured, released, restingUntil);
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
