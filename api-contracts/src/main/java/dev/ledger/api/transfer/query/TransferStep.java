package dev.ledger.api.transfer.query;

import java.time.Instant;

/**
 * One step in a transfer's timeline, named after the event that recorded it, such as {@code AccountDebited}.
 * {@code correlationId} is the originating request's id and {@code causationId} the id of the message that led
 * to the step (see {@link dev.ledger.api.Correlation}); both are null for steps recorded before they existed.
 */
public record TransferStep(String name, Instant at, String correlationId, String causationId) {

    /** A step without correlation metadata. */
    public TransferStep(String name, Instant at) {
        this(name, at, null, null);
    }
}
