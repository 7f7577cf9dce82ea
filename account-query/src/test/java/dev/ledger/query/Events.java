package dev.ledger.query;

import dev.ledger.api.account.AccountId;
import dev.ledger.api.transfer.TransferId;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventhandling.GenericDomainEventMessage;

/**
 * Builds event messages as the event store hands them out: the aggregate that recorded the event, its
 * sequence number there, a timestamp and an identifier. Timestamps are whole seconds, well within the
 * microseconds the timestamp columns keep, so what a view returns can be compared with what went in.
 */
public final class Events {

    /** A Monday morning; the tests count their time from here. */
    public static final Instant T0 = Instant.parse("2026-03-02T09:00:00Z");

    private Events() {
    }

    public static Instant secondsAfterT0(long seconds) {
        return T0.plusSeconds(seconds);
    }

    /** An event recorded by an account, with a fresh identifier. */
    public static <P> DomainEventMessage<P> accountEvent(AccountId account, long sequence, Instant at, P payload) {
        return event("Account", account.value(), sequence, at, UUID.randomUUID().toString(), payload);
    }

    /** An event recorded by a transfer, with a fresh identifier. */
    public static <P> DomainEventMessage<P> transferEvent(TransferId transfer, long sequence, Instant at,
                                                          P payload) {
        return event("Transfer", transfer.value(), sequence, at, UUID.randomUUID().toString(), payload);
    }

    public static <P> DomainEventMessage<P> event(String aggregateType, String aggregateId, long sequence,
                                                  Instant at, String identifier, P payload) {
        return new GenericDomainEventMessage<>(aggregateType, aggregateId, sequence, payload, Map.of(), identifier,
                at);
    }
}
