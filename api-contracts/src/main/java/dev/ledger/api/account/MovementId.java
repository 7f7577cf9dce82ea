package dev.ledger.api.account;

import dev.ledger.api.OpaqueIds;
import java.time.Duration;

/**
 * Identifies one cash movement, a deposit or a withdrawal, across every attempt to make it: a request sent again after
 * its answer was lost carries the same id, and the account answers it with the first attempt's receipt instead of
 * moving the money again. Opaque, {@code [A-Za-z0-9_-]{1,64}}. The ledger derives it from the caller's
 * {@code Idempotency-Key}; a movement requested without a key has none, and is not recognised when repeated.
 *
 * <p>An account remembers a movement for at least {@link #REMEMBERED_FOR} after it applied it. An id sent again later
 * than that may be taken for a new movement, so whoever derives ids must stop reusing one before: the ledger keeps
 * the idempotency keys it derives them from for less.
 */
public record MovementId(String value) {

    /** How long an account at least remembers a movement it applied, and answers a repeat of it from memory. */
    public static final Duration REMEMBERED_FOR = Duration.ofDays(7);

    public MovementId {
        OpaqueIds.requireValid(value, "movementId");
    }

    @Override
    public String toString() {
        return value;
    }
}
