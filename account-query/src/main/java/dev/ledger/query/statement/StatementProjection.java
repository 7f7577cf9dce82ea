package dev.ledger.query.statement;

import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.query.EntryType;
import dev.ledger.api.account.query.ListStatementEntries;
import dev.ledger.api.account.query.ListStatementSlice;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.account.query.StatementSlice;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.EventMessage;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The statement read model: one entry per money movement on an account, with its signed amount (negative
 * for money leaving the account), the balance after it and the client's reference of a deposit or withdrawal
 * (a transfer leg's comes from the transfer, see {@link StatementEntryReader}). An entry's id is its event's id, so
 * a redelivered event writes nothing twice.
 *
 * <p>A hold and its release are pending entries ({@link EntryType#HOLD}, {@link EntryType#HOLD_RELEASE}): listed
 * only when asked for, they move the available balance and leave the posted one as it was. A capture is the posted
 * {@code TRANSFER_DEBIT} of the captured amount; the same event gives back the rest of the hold, which its
 * available balance after shows.
 */
@Component
@ProcessingGroup(StatementProjection.PROCESSING_GROUP)
class StatementProjection {

    static final String PROCESSING_GROUP = "statement";

    private final StatementEntryWriter writer;
    private final StatementEntryReader reader;

    StatementProjection(StatementEntryWriter writer, StatementEntryReader reader) {
        this.writer = writer;
        this.reader = reader;
    }

    @EventHandler
    void on(MoneyDeposited event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.DEPOSIT, event.amount(), event.balanceAfter(), null,
                event.reference());
    }

    @EventHandler
    void on(MoneyWithdrawn event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.WITHDRAWAL, event.amount().negate(),
                event.balanceAfter(), null, event.reference());
    }

    @EventHandler
    void on(AccountDebited event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.TRANSFER_DEBIT, event.amount().negate(),
                event.balanceAfter(), event.transferId(), null);
    }

    @EventHandler
    void on(AccountCredited event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.TRANSFER_CREDIT, event.amount(),
                event.balanceAfter(), event.transferId(), null);
    }

    @EventHandler
    void on(AccountDebitRefunded event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.REFUND, event.amount(), event.balanceAfter(),
                event.transferId(), null);
    }

    @EventHandler
    void on(AccountFundsHeld event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.HOLD, event.amount().negate(), null,
                event.availableAfter(), event.transferId());
    }

    @EventHandler
    void on(AccountHoldReleased event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.HOLD_RELEASE, event.amount(), null,
                event.availableAfter(), event.transferId());
    }

    @EventHandler
    void on(AccountHoldCaptured event, EventMessage<?> message, @SequenceNumber long sequence) {
        record(message, event.accountId(), sequence, EntryType.TRANSFER_DEBIT, event.amount().negate(),
                event.balanceAfter(), event.availableAfter(), event.transferId());
    }

    @ResetHandler
    void reset() {
        writer.deleteAll();
    }

    @QueryHandler
    StatementPage handle(ListStatementEntries query) {
        return reader.page(query);
    }

    @QueryHandler
    StatementSlice handle(ListStatementSlice query) {
        return reader.slice(query);
    }

    private void record(EventMessage<?> message, AccountId accountId, long sequence, EntryType type,
                        Money signedAmount, Money balanceAfter, TransferId transferId, String reference) {
        writer.record(message.getIdentifier(), accountId, sequence, type, signedAmount, balanceAfter, null,
                transferId, reference, message.getTimestamp());
    }

    /** An entry of a hold's life, whose event records the available balance after it. */
    private void record(EventMessage<?> message, AccountId accountId, long sequence, EntryType type,
                        Money signedAmount, Money balanceAfter, Money availableAfter, TransferId transferId) {
        writer.record(message.getIdentifier(), accountId, sequence, type, signedAmount, balanceAfter, availableAfter,
                transferId, null, message.getTimestamp());
    }
}
