package dev.ledger.app.audit;

import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.util.Optional;

/**
 * What one account event, after the opening, does to the account, read from the event alone.
 *
 * @param change               the change to the posted balance, signed like the statement (negative for money
 *                             leaving the account); null when no money was posted, as for a hold, a rejected leg or
 *                             a freeze
 * @param pendingChange        the change to what the account holds for transfers: positive for a hold, negative
 *                             for its release or capture (the whole hold, captured and released); null otherwise
 * @param transferId           the transfer a leg belongs to; null for cash and status changes
 * @param reason               the broken rule of a rejection, or why a debit was refunded; otherwise null
 * @param recordedBalanceAfter the balance the aggregate wrote into the event, which the audit checks and never uses
 * @param recordedAvailableAfter the available balance the aggregate wrote into a hold's, capture's or release's
 *                             event, checked like the balance; null for other events
 * @param statusAfter          the status the event puts the account in; null when it leaves the status alone
 * @param reference            the client's reference of a deposit or withdrawal; null otherwise (a transfer leg's
 *                             is the transfer's, not in the leg's event)
 */
record AccountMovement(Money change, Money pendingChange, TransferId transferId, LedgerErrorCode reason,
                       Money recordedBalanceAfter, Money recordedAvailableAfter, AccountStatus statusAfter,
                       String reference) {

    /** The effect of the opening, and of event types the audit does not know: none. */
    static final AccountMovement NONE = new AccountMovement(null, null, null, null, null, null, null, null);

    /** Returns the movement of an account event other than {@code AccountOpened}; empty for any other payload. */
    static Optional<AccountMovement> of(Object payload) {
        if (payload instanceof MoneyDeposited e) {
            return cash(e.amount(), e.balanceAfter(), e.reference());
        }
        if (payload instanceof MoneyWithdrawn e) {
            return cash(e.amount().negate(), e.balanceAfter(), e.reference());
        }
        if (payload instanceof AccountDebited e) {
            return money(e.amount().negate(), e.transferId(), null, e.balanceAfter());
        }
        if (payload instanceof AccountCredited e) {
            return money(e.amount(), e.transferId(), null, e.balanceAfter());
        }
        if (payload instanceof AccountDebitRefunded e) {
            return money(e.amount(), e.transferId(), e.reason(), e.balanceAfter());
        }
        if (payload instanceof AccountDebitRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountCreditRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountRefundRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountFundsHeld e) {
            return hold(null, e.amount(), e.transferId(), null, e.availableAfter());
        }
        if (payload instanceof AccountHoldCaptured e) {
            return hold(e.amount().negate(), e.amount().plus(e.released()).negate(), e.transferId(), e.balanceAfter(),
                    e.availableAfter());
        }
        if (payload instanceof AccountHoldReleased e) {
            return hold(null, e.amount().negate(), e.transferId(), null, e.availableAfter());
        }
        if (payload instanceof AccountHoldRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountCaptureRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountReleaseRejected e) {
            return rejected(e.transferId(), e.reason());
        }
        if (payload instanceof AccountFrozen) {
            return status(AccountStatus.FROZEN);
        }
        if (payload instanceof AccountUnfrozen) {
            return status(AccountStatus.OPEN);
        }
        if (payload instanceof AccountClosed) {
            return status(AccountStatus.CLOSED);
        }
        return Optional.empty();
    }

    private static Optional<AccountMovement> cash(Money change, Money recordedBalanceAfter, String reference) {
        return Optional.of(new AccountMovement(change, null, null, null, recordedBalanceAfter, null, null, reference));
    }

    private static Optional<AccountMovement> money(Money change, TransferId transferId, LedgerErrorCode reason,
                                                   Money recordedBalanceAfter) {
        return Optional.of(new AccountMovement(change, null, transferId, reason, recordedBalanceAfter, null, null,
                null));
    }

    private static Optional<AccountMovement> hold(Money change, Money pendingChange, TransferId transferId,
                                                  Money recordedBalanceAfter, Money recordedAvailableAfter) {
        return Optional.of(new AccountMovement(change, pendingChange, transferId, null, recordedBalanceAfter,
                recordedAvailableAfter, null, null));
    }

    private static Optional<AccountMovement> rejected(TransferId transferId, LedgerErrorCode reason) {
        return Optional.of(new AccountMovement(null, null, transferId, reason, null, null, null, null));
    }

    private static Optional<AccountMovement> status(AccountStatus statusAfter) {
        return Optional.of(new AccountMovement(null, null, null, null, null, null, statusAfter, null));
    }
}
