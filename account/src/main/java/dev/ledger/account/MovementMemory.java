package dev.ledger.account;

import dev.ledger.api.account.CashMovementReceipt;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.money.Money;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * The deposits and withdrawals an account applied under a {@link MovementId}, with their receipts, so that the same
 * movement sent again (its answer was lost, and the request was retried) is answered as the first time and moves
 * nothing.
 *
 * <p>A movement is remembered for {@link #WINDOW} after it was applied, counted on the latest movement the account
 * remembers, plus {@link LegMemory#CLOCK_SKEW_ALLOWANCE} for the nodes' clocks: the same bound as the legs of
 * transfers, and for the same reason. The ledger sends a movement id again only while the idempotency key it derives
 * it from is kept, and keeps keys for less than the window (the host refuses a longer retention), so no retry ever
 * reaches an account that has forgotten its movement. Times are event timestamps, so a replay and a snapshot build the
 * same memory; movements are kept in the order applied, so forgetting looks at the oldest only.
 */
final class MovementMemory {

    /** How long after it was applied a movement is still recognised when sent again. */
    static final Duration WINDOW = MovementId.REMEMBERED_FOR;

    /** Which way the money went. */
    enum Direction { IN, OUT }

    /** A movement as it was first applied: what it moved, and its answer. */
    record Movement(Direction direction, Money amount, CashMovementReceipt receipt, Instant appliedAt) {

        /** Whether a movement sent again under the same id asks for the very same thing. */
        boolean isSameAs(Direction otherDirection, Money otherAmount) {
            return direction == otherDirection && amount.equals(otherAmount);
        }
    }

    // In the order applied, oldest first. A field of the account's snapshot, so plain data only.
    private final LinkedHashMap<MovementId, Movement> movements = new LinkedHashMap<>();

    /** The movement applied under {@code movementId}, if any and still remembered; none for a movement without id. */
    Optional<Movement> applied(MovementId movementId) {
        return movementId == null ? Optional.empty() : Optional.ofNullable(movements.get(movementId));
    }

    /** Remembers a movement that has an id, and forgets those no retry can reach any more. */
    void remember(MovementId movementId, Movement movement) {
        if (movementId == null) {
            return;
        }
        movements.putIfAbsent(movementId, movement);
        Instant horizon = movement.appliedAt().minus(WINDOW).minus(LegMemory.CLOCK_SKEW_ALLOWANCE);
        Iterator<Map.Entry<MovementId, Movement>> oldestFirst = movements.entrySet().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().getValue().appliedAt().isBefore(horizon)) {
            oldestFirst.remove();
        }
    }

    int size() {
        return movements.size();
    }
}
