package dev.ledger.app.review;

import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferEvent;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.LegEvidence;
import dev.ledger.api.transfer.review.LegState;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.transfer.ReviewVerdict.SecondPhase;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.eventstore.DomainEventStream;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.springframework.stereotype.Component;

/**
 * Reads a transfer's review case from the event store, never from a read model: the transfer's own stream for its
 * state in review, and its accounts' streams, from their first event and past any snapshot, for the evidence. The
 * evidence is what the accounts recorded, so a resolution checked against it cannot contradict the books.
 */
@Component
class ReviewCases {

    /** How each of the accounts' leg events decides its leg: taken, with what it moved, or refused, with why. */
    private static final Map<Class<?>, Decision> DECISIONS = Map.ofEntries(
            taken(AccountDebited.class, Leg.DEBIT, AccountDebited::amount),
            refused(AccountDebitRejected.class, Leg.DEBIT, AccountDebitRejected::reason),
            taken(AccountCredited.class, Leg.CREDIT, AccountCredited::amount),
            refused(AccountCreditRejected.class, Leg.CREDIT, AccountCreditRejected::reason),
            taken(AccountDebitRefunded.class, Leg.REFUND, AccountDebitRefunded::amount),
            refused(AccountRefundRejected.class, Leg.REFUND, AccountRefundRejected::reason),
            taken(AccountFundsHeld.class, Leg.HOLD, AccountFundsHeld::amount),
            refused(AccountHoldRejected.class, Leg.HOLD, AccountHoldRejected::reason),
            taken(AccountHoldCaptured.class, Leg.CAPTURE, AccountHoldCaptured::amount),
            refused(AccountCaptureRejected.class, Leg.CAPTURE, AccountCaptureRejected::reason),
            taken(AccountHoldReleased.class, Leg.RELEASE, AccountHoldReleased::amount),
            refused(AccountReleaseRejected.class, Leg.RELEASE, AccountReleaseRejected::reason));

    /** The legs of a hold, which only a transfer captured later makes. */
    private static final Set<Leg> HOLD_LEGS = EnumSet.of(Leg.HOLD, Leg.CAPTURE, Leg.RELEASE);

    private final EventStore events;

    ReviewCases(EventStore events) {
        this.events = events;
    }

    /**
     * The case of a transfer, its evidence read now; empty when there is no such transfer. An action on the case is
     * checked against this very evidence, read moments before it is sent.
     */
    Optional<ReviewCase> find(TransferId transferId) {
        DomainEventStream stream = events.readEvents(transferId.value(), 0);
        if (!stream.hasNext() || !(stream.peek().getPayload() instanceof TransferRequested request)) {
            return Optional.empty();
        }
        boolean inReview = false;
        LedgerErrorCode reviewedFor = null;
        Instant flaggedAt = null;
        TransferResolutionProposed proposal = null;
        SecondPhase secondPhase = SecondPhase.NONE;
        Money captured = null;
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            Object payload = event.getPayload();
            if (payload instanceof TransferFlaggedForReview flagged) {
                inReview = true;
                reviewedFor = flagged.reason();
                flaggedAt = event.getTimestamp();
                proposal = null;
            } else if (payload instanceof TransferResolutionProposed proposed) {
                proposal = proposed;
            } else if (payload instanceof TransferReviewResolved) {
                inReview = false;
                proposal = null;
            } else if (payload instanceof TransferCaptureRequested capture) {
                secondPhase = SecondPhase.CAPTURE;
                captured = capture.amount();
            } else if (payload instanceof TransferVoidRequested || payload instanceof TransferAuthorizationLapsed) {
                secondPhase = SecondPhase.RELEASE;
            }
        }
        boolean held = request.capture() == CaptureMode.MANUAL;
        return Optional.of(new ReviewCase(transferId, request.sourceAccountId(), request.destinationAccountId(),
                request.amount(), inReview, reviewedFor, flaggedAt, proposal, secondPhase, captured,
                evidence(transferId, request.sourceAccountId(), request.destinationAccountId(), held)));
    }

    /**
     * Every leg the transfer can make, as its account's stream has it, read now: the debit, credit and refund, and
     * for a transfer captured later ({@code held}) its hold, capture and release.
     */
    private ReviewEvidence evidence(TransferId transferId, AccountId source, AccountId destination, boolean held) {
        Map<Leg, LegEvidence> legs = new EnumMap<>(Leg.class);
        for (Leg leg : Leg.values()) {
            if (held || !HOLD_LEGS.contains(leg)) {
                legs.put(leg, LegEvidence.neverSeen(leg, leg == Leg.CREDIT ? destination : source));
            }
        }
        readLegs(source, transferId, legs);
        readLegs(destination, transferId, legs);
        return new ReviewEvidence(Instant.now(), List.copyOf(legs.values()));
    }

    // An account decides each leg of a transfer once; the last decision seen stands all the same.
    private void readLegs(AccountId account, TransferId transferId, Map<Leg, LegEvidence> legs) {
        DomainEventStream stream = events.readEvents(account.value(), 0);
        while (stream.hasNext()) {
            DomainEventMessage<?> event = stream.next();
            if (event.getPayload() instanceof TransferEvent leg && transferId.equals(leg.transferId())) {
                decision(account, event).ifPresent(decided -> legs.put(decided.leg(), decided));
            }
        }
    }

    private static Optional<LegEvidence> decision(AccountId account, DomainEventMessage<?> event) {
        return Optional.ofNullable(DECISIONS.get(event.getPayloadType()))
                .map(decision -> decision.evidence(account, event));
    }

    /** One kind of leg event: the leg it decides, and how to read what it moved or why it refused. */
    private record Decision(Leg leg, Function<Object, Money> amount, Function<Object, LedgerErrorCode> reason) {

        LegEvidence evidence(AccountId account, DomainEventMessage<?> event) {
            Object payload = event.getPayload();
            return reason == null
                    ? new LegEvidence(leg, account, LegState.TAKEN, amount.apply(payload), null,
                            event.getSequenceNumber(), event.getTimestamp())
                    : new LegEvidence(leg, account, LegState.REFUSED, null, reason.apply(payload),
                            event.getSequenceNumber(), event.getTimestamp());
        }
    }

    private static <E> Map.Entry<Class<?>, Decision> taken(Class<E> type, Leg leg, Function<E, Money> amount) {
        return Map.entry(type, new Decision(leg, payload -> amount.apply(type.cast(payload)), null));
    }

    private static <E> Map.Entry<Class<?>, Decision> refused(Class<E> type, Leg leg,
                                                             Function<E, LedgerErrorCode> reason) {
        return Map.entry(type, new Decision(leg, null, payload -> reason.apply(type.cast(payload))));
    }
}
