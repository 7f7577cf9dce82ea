package dev.ledger.app.audit;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.money.Money;
import java.time.Instant;
import java.util.List;

/** The bodies the audit endpoints answer with, as in the REST contract. */
final class AuditResponses {

    private AuditResponses() {
    }

    /** An account's events from the event store, oldest first, one page at a time. */
    record HistoryResponse(String accountId, String currency, List<HistoryEvent> events, PageInfo page) {

        static HistoryResponse of(AccountId accountId, AccountHistory.Page history, int page, int size) {
            long totalPages = (history.totalEvents() + size - 1) / size;
            return new HistoryResponse(accountId.value(), history.opening().currency().getCurrencyCode(),
                    history.events().stream().map(HistoryEvent::of).toList(),
                    new PageInfo(page, size, history.totalEvents(), totalPages));
        }
    }

    /**
     * One stored event. {@code amount} is signed like the statement and absent when no money moved (the
     * opening, a rejected leg, a freeze); {@code balanceAfter} is the replayed running balance, not the one the
     * event records; {@code reason} is the broken rule of a rejection or why a debit was refunded;
     * {@code correlationId} is the request the event came from and {@code causationId} the message that caused
     * it (absent for events stored before they were recorded); {@code reference} is the client's, of a deposit, a
     * withdrawal or the transfer of a leg (absent when it gave none). {@code pendingChange} is what the event did to
     * the money held for transfers (positive for a hold, negative for its capture or release; absent when it did
     * nothing), and {@code pendingAfter} and {@code availableAfter} are replayed like {@code balanceAfter}: what the
     * account held, and its balance less that. A hold's {@code amount} is absent: nothing was posted.
     * {@code resolution} is the manual-review resolution a leg was sent for (its action, who decided, who approved,
     * and why), absent for every other event.
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record HistoryEvent(long sequence, Instant timestamp, String type, Long amount, String transferId, String reason,
                        long balanceAfter, Long pendingChange, long pendingAfter, long availableAfter,
                        String correlationId, String causationId, String reference,
                        ReplayedEvent.ReviewNote resolution) {

        static HistoryEvent of(ReplayedEvent event) {
            return new HistoryEvent(event.sequence(), event.timestamp(), event.type(), minorUnits(event.amount()),
                    event.transferId() == null ? null : event.transferId().value(),
                    event.reason() == null ? null : event.reason().name(),
                    event.balanceAfter().minorUnits(), minorUnits(event.pendingChange()),
                    event.pendingAfter().minorUnits(), event.availableAfter().minorUnits(), event.correlationId(),
                    event.causationId(), event.reference(), event.review());
        }

        private static Long minorUnits(Money amount) {
            return amount == null ? null : amount.minorUnits();
        }
    }

    record PageInfo(int number, int size, long totalElements, long totalPages) {
    }

    /**
     * The balances replayed up to {@code asOf}: {@code balance} posted, {@code pending} held for authorized
     * transfers then, and {@code available} the first less the second.
     */
    record BalanceResponse(String accountId, Instant asOf, long balance, String currency, long pending,
                           long available) {

        static BalanceResponse of(AccountId accountId, Instant asOf, AccountHistory.Balances balances) {
            return new BalanceResponse(accountId.value(), asOf, balances.balance().minorUnits(),
                    balances.balance().currency().getCurrencyCode(), balances.pending().minorUnits(),
                    balances.available().minorUnits());
        }
    }
}
