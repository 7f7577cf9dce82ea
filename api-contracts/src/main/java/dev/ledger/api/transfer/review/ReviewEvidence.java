package dev.ledger.api.transfer.review;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the accounts' own event streams said about every leg of one transfer when they were read at
 * {@code checkedAt}: one entry per {@link Leg} the transfer can make, the source's legs and the destination's credit;
 * the hold's three only for a transfer captured later, and a leg left out was never seen. A resolution is
 * checked against it and carries it, so the record shows what the decision was based on.
 */
public record ReviewEvidence(Instant checkedAt, List<LegEvidence> legs) {

    public ReviewEvidence {
        Objects.requireNonNull(checkedAt, "checkedAt");
        legs = List.copyOf(legs);
    }

    /** What the streams say about {@code leg}; never seen when they were not asked. */
    public Optional<LegEvidence> of(Leg leg) {
        return legs.stream().filter(evidence -> evidence.leg() == leg).findFirst();
    }

    /** Whether {@code leg} is in the evidence as {@code state}. */
    public boolean shows(Leg leg, LegState state) {
        return of(leg).map(evidence -> evidence.state() == state).orElse(state == LegState.NEVER_SEEN);
    }
}
