package dev.ledger.account;

import dev.ledger.api.transfer.TransferId;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The transfer legs an account has decided, so that a leg sent again has no second effect, kept only while a leg of
 * that transfer could still arrive.
 *
 * <p>A leg is sent while its transfer's saga runs: a retry after a step deadline, or a redelivery after a crash. The
 * saga ends within minutes, and a request delivered again after it ended starts nothing. So a transfer is remembered
 * for {@link #WINDOW} after the last leg the account decided for it, and a leg whose transfer was requested longer
 * ago than that is refused as outlived, whether or not the account ever saw it ({@link #outlived}). The two rules
 * together never let a forgotten leg through:
 * a transfer is forgotten only once its last leg here was decided more than {@code WINDOW + CLOCK_SKEW_ALLOWANCE}
 * before the latest leg the account decided; its request came at most {@code CLOCK_SKEW_ALLOWANCE} after its legs
 * (the saga sends them after the request, on nodes whose clocks disagree by less than that); so any leg of it that
 * arrives later was requested more than {@code WINDOW} before the account's clock, and is refused unread.
 *
 * <p>Times are the decided legs' event timestamps, never the clock at load time, so that a replay and a snapshot build
 * the same memory. Transfers are kept in the order of their last leg, which makes forgetting cheap: only the oldest
 * are ever looked at.
 */
final class LegMemory {

    /** How long after its last leg here a transfer is remembered, and how old a transfer's legs may be. */
    static final Duration WINDOW = Duration.ofDays(7);

    /** How far apart the clocks of the nodes that request transfers and decide their legs may be. */
    static final Duration CLOCK_SKEW_ALLOWANCE = Duration.ofHours(1);

    /** The legs an account decides for a transfer, each at most once. */
    enum Leg { DEBIT_TAKEN, DEBIT_REJECTED, CREDIT_DECIDED, REFUND_DECIDED, HOLD_DECIDED, CAPTURE_DECIDED, RELEASE_DECIDED }

    private record Decided(Set<Leg> legs, Instant lastDecidedAt) {
    }

    // Ordered by last decision, oldest first. A field of the account's snapshot, so plain data only.
    private final LinkedHashMap<TransferId, Decided> transfers = new LinkedHashMap<>();
    private Instant latestDecidedAt; // null until the first leg

    boolean has(TransferId transferId, Leg leg) {
        Decided decided = transfers.get(transferId);
        return decided != null && decided.legs().contains(leg);
    }

    /**
     * Whether a leg of a transfer requested at {@code requestedAt} comes too late for this account to tell if it
     * decided it before. Judged against the later of the clock and the latest leg decided here, so that a node whose
     * clock lags the others cannot accept a leg that a node with a faster clock has forgotten.
     */
    boolean outlived(Instant requestedAt, Instant now) {
        Instant reference = latestDecidedAt == null || now.isAfter(latestDecidedAt) ? now : latestDecidedAt;
        return requestedAt.isBefore(reference.minus(WINDOW));
    }

    /** Remembers a decided leg, and forgets the transfers no leg can reach any more. */
    void remember(TransferId transferId, Leg leg, Instant decidedAt) {
        Decided before = transfers.remove(transferId);
        Set<Leg> legs = EnumSet.of(leg);
        if (before != null) {
            legs.addAll(before.legs());
        }
        transfers.put(transferId, new Decided(legs, decidedAt));
        if (latestDecidedAt == null || decidedAt.isAfter(latestDecidedAt)) {
            latestDecidedAt = decidedAt;
        }
        forgetTheOutlived();
    }

    int size() {
        return transfers.size();
    }

    private void forgetTheOutlived() {
        Instant horizon = latestDecidedAt.minus(WINDOW).minus(CLOCK_SKEW_ALLOWANCE);
        Iterator<Map.Entry<TransferId, Decided>> oldestFirst = transfers.entrySet().iterator();
        while (oldestFirst.hasNext() && oldestFirst.next().getValue().lastDecidedAt().isBefore(horizon)) {
            oldestFirst.remove();
        }
    }
}
