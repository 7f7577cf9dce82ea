package dev.ledger.app.account;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.query.AccountPage;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.StatementEntryView;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.account.query.StatementSlice;
import dev.ledger.api.money.Money;
import dev.ledger.app.web.Cursor;
import io.swagger.v3.oas.annotations.media.Schema;
import java.time.Instant;
import java.util.List;

/** The bodies the account endpoints answer with, as in the REST contract. */
final class AccountResponses {

    private AccountResponses() {
    }

    /**
     * An account from the read model. {@code balance} is posted; {@code pending} is held for transfers that are
     * authorized and not yet captured, voided or expired; {@code available} is {@code balance - pending}, what
     * withdrawals, transfers and the overdraft floor are held to.
     */
    record AccountResponse(String accountId, String owner, String currency, long balance,
                           @Schema(description = "Held for authorized transfers: in the balance, not available")
                           long pending,
                           @Schema(description = "balance - pending: what withdrawals and transfers may use")
                           long available,
                           long overdraftLimit, String status) {

        static AccountResponse of(AccountView view) {
            return new AccountResponse(view.accountId().value(), view.owner(),
                    view.balance().currency().getCurrencyCode(), view.balance().minorUnits(),
                    view.pending().minorUnits(), view.available().minorUnits(),
                    view.overdraftLimit().minorUnits(), view.status().name());
        }
    }

    /**
     * One page of accounts. {@code content} is the contract's name for the list and {@code items} the listings'
     * (the same accounts); {@code nextCursor} continues after this page, null (and shown as null) on the last.
     */
    record AccountList(List<AccountResponse> content, List<AccountResponse> items, String nextCursor) {

        static AccountList of(AccountPage page) {
            List<AccountResponse> accounts = page.items().stream().map(AccountResponse::of).toList();
            return new AccountList(accounts, accounts, page.next() == null ? null : Cursor.of(page.next()));
        }
    }

    /**
     * A deposit or withdrawal as recorded: {@code entryId} is the id of its statement entry, {@code balanceAfter}
     * the balance it left, and {@code correlationId} the request's id, as in {@code X-Request-Id} and the events.
     */
    record CashMovementResponse(String accountId, String type, long amount, String currency, String reference,
                                String entryId, long balanceAfter, String correlationId) {

        static CashMovementResponse of(AccountId accountId, String type, Money amount, String reference,
                                       String entryId, Money balanceAfter, String correlationId) {
            return new CashMovementResponse(accountId.value(), type, amount.minorUnits(),
                    amount.currency().getCurrencyCode(), reference, entryId, balanceAfter.minorUnits(),
                    correlationId);
        }
    }

    /**
     * One statement entry; {@code transferId} and the client's {@code reference} are left out when there is none.
     * {@code pending} is true for a hold or its release ({@code HOLD}, {@code HOLD_RELEASE}), listed only with
     * {@code includePending=true}: it moves the available balance, never the posted one. {@code availableAfter} is
     * the available balance after the entry, present where the event records it (holds, releases and captures).
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record EntryResponse(String entryId, String type, long amount, long balanceAfter, String transferId,
                         Instant timestamp, String reference,
                         @Schema(description = "A hold or its release: not posted, not in the balance")
                         boolean pending,
                         Long availableAfter) {

        static EntryResponse of(StatementEntryView entry) {
            return new EntryResponse(entry.entryId(), entry.type().name(), entry.amount().minorUnits(),
                    entry.balanceAfter().minorUnits(),
                    entry.transferId() == null ? null : entry.transferId().value(), entry.timestamp(),
                    entry.reference(), entry.pending(),
                    entry.availableAfter() == null ? null : entry.availableAfter().minorUnits());
        }
    }

    record PageInfo(int number, int size, long totalElements, int totalPages) {
    }

    /** One keyset page of a statement, newest entry first; {@code nextCursor} is null (and shown) on the last. */
    record StatementSliceResponse(List<EntryResponse> items, String nextCursor) {

        static StatementSliceResponse of(StatementSlice slice) {
            return new StatementSliceResponse(slice.items().stream().map(EntryResponse::of).toList(),
                    slice.next() == null ? null : Cursor.of(slice.next()));
        }
    }

    record StatementResponse(List<EntryResponse> content, PageInfo page) {

        static StatementResponse of(StatementPage page) {
            return new StatementResponse(page.content().stream().map(EntryResponse::of).toList(),
                    new PageInfo(page.page(), page.size(), page.totalElements(), page.totalPages()));
        }
    }
}
