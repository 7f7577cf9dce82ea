package dev.ledger.api.transfer.query;

import java.time.Instant;

/** One step in a transfer's timeline, named after the event that recorded it, such as {@code AccountDebited}. */
public record TransferStep(String name, Instant at) {
}
