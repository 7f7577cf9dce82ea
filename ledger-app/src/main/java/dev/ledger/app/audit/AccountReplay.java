package dev.ledger.app.audit;

import dev.ledger.api.Correlation;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.app.audit.BooksReport.Mismatch;
import java.util.ArrayList;
import java.util.List;
import org.axonframework.eventhandling.DomainEventMessage;

/**
 * Replays one account's events, in sequence order, into the state an auditor compares: balance, pending,
 * status, currency, owner and overdraft limit. The balance is the sum of the events' amounts and pending the sum
 * of what holds took and their captures and releases gave back; the {@code balanceAfter} and {@code availableAfter}
 * the aggregate wrote into each event are only reported next to them, so the replay checks the aggregate instead
 * of repeating it.
 */
final class AccountReplay {

    private final String accountId;
    private AccountOpened opening;
    private Money balance;
    private Money pending;
    private AccountStatus status;
    private long lastSequence = -1;

    AccountReplay(String accountId) {
        this.accountId = accountId;
    }

    /**
     * An account replayed up to {@code lastSequence}, as the books projection stored it, to apply its next event
     * to. {@code opening} and {@code status} are null while only refused credits have come before the opening;
     * {@code balance} and {@code pending} are null together, before any event gave the currency.
     */
    static AccountReplay resumed(String accountId, AccountOpened opening, Money balance, Money pending,
                                 AccountStatus status, long lastSequence) {
        AccountReplay replay = new AccountReplay(accountId);
        replay.opening = opening;
        replay.balance = balance;
        replay.pending = pending;
        replay.status = status;
        replay.lastSequence = lastSequence;
        return replay;
    }

    /** Whether the payload belongs in an account's own stream: its opening or one of its movements. */
    static boolean isAccountEvent(Object payload) {
        return payload instanceof AccountOpened || AccountMovement.of(payload).isPresent();
    }

    /**
     * Applies the next event of the account and returns what it did. Events the audit does not know are shown
     * with no effect rather than refused, so a newer event type never hides the rest of a history.
     *
     * @throws MalformedHistory when the history does not begin with the opening, skips a sequence number, or
     *                          moves money the account cannot hold
     */
    ReplayedEvent apply(DomainEventMessage<?> event) {
        long sequence = event.getSequenceNumber();
        if (sequence != lastSequence + 1) {
            throw malformed(sequence, "sequence", lastSequence + 1, sequence);
        }
        Object payload = event.getPayload();
        AccountMovement movement = AccountMovement.NONE;
        if (payload instanceof AccountOpened opened && opening == null) {
            opening = opened;
            balance = Money.zero(opened.currency());
            pending = Money.zero(opened.currency());
            status = AccountStatus.OPEN;
        } else if (opening == null && payload instanceof AccountCreditRejected refused
                && refused.reason() == LedgerErrorCode.ACCOUNT_NOT_FOUND) {
            // A credit refused because the id was not opened yet is kept in the id's stream; it moves nothing.
            movement = AccountMovement.of(payload).orElse(AccountMovement.NONE);
            balance = Money.zero(refused.amount().currency());
            pending = balance;
        } else if (opening == null || payload instanceof AccountOpened) {
            throw malformed(sequence, "history", "AccountOpened once, first",
                    event.getPayloadType().getSimpleName() + " at sequence " + sequence);
        } else {
            movement = AccountMovement.of(payload).orElse(AccountMovement.NONE);
            apply(movement, sequence);
        }
        lastSequence = sequence;
        return new ReplayedEvent(sequence, event.getTimestamp(), event.getPayloadType().getSimpleName(),
                movement.change(), movement.transferId(), movement.reason(), balance,
                movement.recordedBalanceAfter(), movement.pendingChange(), pending,
                movement.recordedAvailableAfter(), metadata(event, Correlation.CORRELATION_ID),
                metadata(event, Correlation.CAUSATION_ID), movement.reference(), null);
    }

    /**
     * Applies the next event as the books audit judges it: a finding for each of the balance and the available
     * balance that the event records and that is not the replayed one.
     *
     * @throws MalformedHistory as {@link #apply} does
     */
    List<Mismatch> audit(DomainEventMessage<?> event) {
        ReplayedEvent replayed = apply(event);
        List<Mismatch> findings = new ArrayList<>(2);
        if (replayed.contradictsItsRecordedBalance()) {
            findings.add(new Mismatch(accountId, "balanceAfter", replayed.balanceAfter().minorUnits(),
                    replayed.recordedBalanceAfter().minorUnits(), replayed.sequence()));
        }
        if (replayed.contradictsItsRecordedAvailableBalance()) {
            findings.add(new Mismatch(accountId, "availableAfter", replayed.availableAfter().minorUnits(),
                    replayed.recordedAvailableAfter().minorUnits(), replayed.sequence()));
        }
        return findings;
    }

    private static String metadata(DomainEventMessage<?> event, String key) {
        Object value = event.getMetaData().get(key);
        return value == null ? null : value.toString();
    }

    private void apply(AccountMovement movement, long sequence) {
        if (movement.change() != null) {
            try {
                balance = balance.plus(movement.change());
            } catch (IllegalArgumentException | ArithmeticException e) {
                throw malformed(sequence, "amount",
                        "an amount in " + opening.currency() + " the balance can absorb", movement.change().toString());
            }
        }
        if (movement.pendingChange() != null) {
            pending = held(movement.pendingChange(), sequence);
        }
        if (movement.statusAfter() != null) {
            status = movement.statusAfter();
        }
    }

    // An account never holds less than nothing: a release or capture of more than is held is a broken history.
    private Money held(Money change, long sequence) {
        try {
            Money after = pending.plus(change);
            if (after.minorUnits() >= 0) {
                return after;
            }
        } catch (IllegalArgumentException | ArithmeticException e) {
            // as a negative total: the change cannot be held
        }
        throw malformed(sequence, "pending", "a change in " + opening.currency() + " that leaves pending at 0 or"
                + " more, from " + pending, change.toString());
    }

    String accountId() {
        return accountId;
    }

    boolean isOpened() {
        return opening != null;
    }

    /** The opening event; only once {@link #isOpened()}. */
    AccountOpened opening() {
        return opening;
    }

    Money balance() {
        return balance;
    }

    /** Held for transfers: in the balance, not available. Null exactly when the balance is. */
    Money pending() {
        return pending;
    }

    /** The balance less what is held; only once {@link #isOpened()}. */
    Money available() {
        return balance.minus(pending);
    }

    AccountStatus status() {
        return status;
    }

    long lastSequence() {
        return lastSequence;
    }

    /**
     * A history that cannot be replayed into an account. It carries the finding as the audit reports it: the
     * event, and what a sound history would have had in its place.
     */
    static final class MalformedHistory extends IllegalStateException {

        private static final long serialVersionUID = 1L;

        private final transient Mismatch finding;

        private MalformedHistory(Mismatch finding) {
            super(finding.accountId() + " event " + finding.sequence() + ": expected " + finding.field() + " "
                    + finding.expected() + ", found " + finding.actual());
            this.finding = finding;
        }

        Mismatch finding() {
            return finding;
        }
    }

    private MalformedHistory malformed(long sequence, String field, Object expected, Object actual) {
        return new MalformedHistory(new Mismatch(accountId, field, expected, actual, sequence));
    }
}
