package dev.ledger.app.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The result of auditing the whole ledger: every account rebuilt from its events and compared with the read
 * model, money conserved per currency, and no transfer left hanging. The books are {@code ok} when there is no
 * mismatch, every currency is conserved and no transfer is stuck. Read-model lag alone never makes them not ok:
 * an account whose read model has not yet applied its latest event is counted in {@code accountsLagging}
 * instead of being compared.
 *
 * @param accountsChecked  accounts rebuilt from the event store
 * @param accountsLagging  of those, accounts whose read model differed but had not caught up with their events
 * @param eventsReplayed   events read from the store, up to the head it had when the audit began
 * @param checkedAt        when the audit began; events stored later are not part of it
 */
record BooksReport(boolean ok, int accountsChecked, int accountsLagging, List<Mismatch> mismatches,
                   List<Conservation> conservation, List<StuckTransfer> stuckTransfers, long eventsReplayed,
                   Instant checkedAt) {

    BooksReport {
        mismatches = List.copyOf(mismatches);
        conservation = List.copyOf(conservation);
        stuckTransfers = List.copyOf(stuckTransfers);
    }

    static BooksReport of(int accountsChecked, int accountsLagging, List<Mismatch> mismatches,
                          List<Conservation> conservation, List<StuckTransfer> stuckTransfers, long eventsReplayed,
                          Instant checkedAt) {
        boolean ok = mismatches.isEmpty() && conservation.stream().allMatch(Conservation::ok)
                && stuckTransfers.isEmpty();
        return new BooksReport(ok, accountsChecked, accountsLagging, mismatches, conservation, stuckTransfers,
                eventsReplayed, checkedAt);
    }

    boolean conserved() {
        return conservation.stream().allMatch(Conservation::ok);
    }

    /**
     * A field on which the events and the read model disagree: {@code expected} is what the events say,
     * {@code actual} what the read model says. With a {@code sequence}, the disagreement is inside the events
     * themselves: {@code field} of that event (for example its recorded {@code balanceAfter}) against the replay.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Mismatch(String accountId, String field, Object expected, Object actual, Long sequence) {

        static Mismatch withReadModel(String accountId, String field, Object expected, Object actual) {
            return new Mismatch(accountId, field, expected, actual, null);
        }
    }

    /**
     * Money conservation in one currency, all from events: {@code balances + inFlight = deposits - withdrawals},
     * where {@code inFlight} is the amount of transfers debited but neither credited nor refunded. Amounts are in
     * minor units.
     */
    record Conservation(String currency, boolean ok, BigInteger balances, BigInteger inFlight, BigInteger deposits,
                        BigInteger withdrawals) {
    }

    /** A transfer that has not ended and has had no event for longer than the configured threshold. */
    record StuckTransfer(String transferId, String lastEvent, Instant lastEventAt) {
    }
}
