package dev.ledger.app.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.math.BigInteger;
import java.time.Instant;
import java.util.List;

/**
 * The result of auditing the whole ledger: every account rebuilt from its events and compared with the read
 * model, money conserved per currency, and no transfer left hanging. The books are {@code ok} when there is no
 * mismatch, every currency is conserved, no transfer is stuck and the books projection agrees with the replay.
 * Read-model lag alone never makes them not ok:
 * an account whose read model has not yet applied its latest event is counted in {@code accountsLagging}
 * instead of being compared.
 *
 * @param accountsChecked  accounts rebuilt from the event store
 * @param accountsLagging  of those, accounts whose read model differed but had not caught up with their events
 * @param eventsReplayed   events read from the store, up to the head it had when the audit began; for the
 *                         incremental audit, the events the books projection has applied
 * @param checkedAt        when the audit began; events stored later are not part of it
 * @param projectionDisagreements where the full replay and the books projection, which the incremental audit
 *                         reads, disagree; always empty in the incremental audit's own report
 */
record BooksReport(boolean ok, int accountsChecked, int accountsLagging, List<Mismatch> mismatches,
                   List<Conservation> conservation, List<StuckTransfer> stuckTransfers, long eventsReplayed,
                   Instant checkedAt, List<Disagreement> projectionDisagreements) {

    BooksReport {
        mismatches = List.copyOf(mismatches);
        conservation = List.copyOf(conservation);
        stuckTransfers = List.copyOf(stuckTransfers);
        projectionDisagreements = List.copyOf(projectionDisagreements);
    }

    static BooksReport of(int accountsChecked, int accountsLagging, List<Mismatch> mismatches,
                          List<Conservation> conservation, List<StuckTransfer> stuckTransfers, long eventsReplayed,
                          Instant checkedAt) {
        return new BooksReport(false, accountsChecked, accountsLagging, mismatches, conservation, stuckTransfers,
                eventsReplayed, checkedAt, List.of()).judged();
    }

    /** This report with the disagreements between the full replay and the books projection; any one is not ok. */
    BooksReport withProjectionDisagreements(List<Disagreement> disagreements) {
        return new BooksReport(false, accountsChecked, accountsLagging, mismatches, conservation, stuckTransfers,
                eventsReplayed, checkedAt, disagreements).judged();
    }

    private BooksReport judged() {
        boolean sound = mismatches.isEmpty() && conserved() && stuckTransfers.isEmpty()
                && projectionDisagreements.isEmpty();
        return new BooksReport(sound, accountsChecked, accountsLagging, mismatches, conservation, stuckTransfers,
                eventsReplayed, checkedAt, projectionDisagreements);
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
     * where {@code inFlight} is the amount of transfers debited but neither credited nor refunded; and
     * {@code pending = openHolds}, what the accounts hold for transfers against what the transfers whose hold is
     * neither captured nor released hold. Held money is still in the balances, so it counts once. Amounts are in
     * minor units.
     */
    record Conservation(String currency, boolean ok, BigInteger balances, BigInteger inFlight, BigInteger deposits,
                        BigInteger withdrawals, BigInteger pending, BigInteger openHolds) {

        /** Conservation in a currency in which nothing is held. */
        Conservation(String currency, boolean ok, BigInteger balances, BigInteger inFlight, BigInteger deposits,
                     BigInteger withdrawals) {
            this(currency, ok, balances, inFlight, deposits, withdrawals, BigInteger.ZERO, BigInteger.ZERO);
        }
    }

    /** A transfer that has not ended and has had no event for longer than the configured threshold. */
    record StuckTransfer(String transferId, String lastEvent, Instant lastEventAt) {
    }

    /**
     * A figure on which the full replay and the books projection disagree: {@code subject} is an account id, or
     * {@code books} for a ledger-wide figure, {@code replay} what the replay found and {@code projection} what
     * the projection holds. Any one means the incremental audit cannot be trusted until the projection is rebuilt.
     */
    record Disagreement(String subject, String field, Object replay, Object projection) {
    }
}
