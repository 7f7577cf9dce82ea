package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.SOURCE;

import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.LegEvidence;
import dev.ledger.api.transfer.review.LegState;
import dev.ledger.api.transfer.review.ReviewEvidence;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.Map;

/** The accounts' streams as the review tests need them for {@link OneTransfer}: every leg never seen, unless told. */
final class Evidence {

    static final Instant CHECKED_AT = Instant.parse("2026-12-02T09:00:00Z");

    private final Map<Leg, LegEvidence> legs = new EnumMap<>(Leg.class);

    private Evidence() {
        for (Leg leg : Leg.values()) {
            legs.put(leg, LegEvidence.neverSeen(leg, leg == Leg.CREDIT ? DESTINATION : SOURCE));
        }
    }

    static Evidence streams() {
        return new Evidence();
    }

    Evidence taken(Leg... taken) {
        for (Leg leg : taken) {
            legs.put(leg, new LegEvidence(leg, legs.get(leg).accountId(), LegState.TAKEN, AMOUNT, null, 1L, CHECKED_AT));
        }
        return this;
    }

    Evidence refused(Leg leg, LedgerErrorCode reason) {
        legs.put(leg, new LegEvidence(leg, legs.get(leg).accountId(), LegState.REFUSED, null, reason, 2L, CHECKED_AT));
        return this;
    }

    ReviewEvidence read() {
        return new ReviewEvidence(CHECKED_AT, new ArrayList<>(legs.values()));
    }
}
