package dev.ledger.query.account;

import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.query.AccountListView;
import dev.ledger.api.account.query.AccountPage;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.FindAccount;
import dev.ledger.api.account.query.ListAccounts;
import dev.ledger.api.account.query.ListAccountsByOwner;
import java.time.Instant;
import java.util.List;
import org.axonframework.config.ProcessingGroup;
import org.axonframework.eventhandling.EventHandler;
import org.axonframework.eventhandling.ResetHandler;
import org.axonframework.eventhandling.SequenceNumber;
import org.axonframework.eventhandling.Timestamp;
import org.axonframework.queryhandling.QueryHandler;
import org.springframework.stereotype.Component;

/**
 * The account read model: balance, pending and available, status, owner and currency per account. Every account
 * event carries its aggregate sequence number, so a redelivered or replayed event is recognised and changes nothing
 * twice. A rejected hold, capture or release changes nothing, so it has no handler here.
 */
@Component
@ProcessingGroup(AccountProjection.PROCESSING_GROUP)
class AccountProjection {

    static final String PROCESSING_GROUP = "account-view";

    private final AccountViewWriter writer;
    private final AccountViewRepository accounts;
    private final AccountViewReader reader;

    AccountProjection(AccountViewWriter writer, AccountViewRepository accounts, AccountViewReader reader) {
        this.writer = writer;
        this.accounts = accounts;
        this.reader = reader;
    }

    @EventHandler
    void on(AccountOpened event, @SequenceNumber long sequence, @Timestamp Instant openedAt) {
        writer.open(event.accountId(), event.owner(), event.overdraftLimit(), openedAt, sequence);
    }

    @EventHandler
    void on(MoneyDeposited event, @SequenceNumber long sequence) {
        writer.balance(event.accountId(), sequence, event.balanceAfter());
    }

    @EventHandler
    void on(MoneyWithdrawn event, @SequenceNumber long sequence) {
        writer.balance(event.accountId(), sequence, event.balanceAfter());
    }

    @EventHandler
    void on(AccountDebited event, @SequenceNumber long sequence) {
        writer.balance(event.accountId(), sequence, event.balanceAfter());
    }

    @EventHandler
    void on(AccountCredited event, @SequenceNumber long sequence) {
        writer.balance(event.accountId(), sequence, event.balanceAfter());
    }

    @EventHandler
    void on(AccountDebitRefunded event, @SequenceNumber long sequence) {
        writer.balance(event.accountId(), sequence, event.balanceAfter());
    }

    @EventHandler
    void on(AccountFundsHeld event, @SequenceNumber long sequence) {
        writer.available(event.accountId(), sequence, event.availableAfter());
    }

    @EventHandler
    void on(AccountHoldCaptured event, @SequenceNumber long sequence) {
        writer.balanceAndAvailable(event.accountId(), sequence, event.balanceAfter(), event.availableAfter());
    }

    @EventHandler
    void on(AccountHoldReleased event, @SequenceNumber long sequence) {
        writer.available(event.accountId(), sequence, event.availableAfter());
    }

    @EventHandler
    void on(AccountFrozen event, @SequenceNumber long sequence) {
        writer.status(event.accountId(), sequence, AccountStatus.FROZEN);
    }

    @EventHandler
    void on(AccountUnfrozen event, @SequenceNumber long sequence) {
        writer.status(event.accountId(), sequence, AccountStatus.OPEN);
    }

    @EventHandler
    void on(AccountClosed event, @SequenceNumber long sequence) {
        writer.status(event.accountId(), sequence, AccountStatus.CLOSED);
    }

    @ResetHandler
    void reset() {
        accounts.deleteAllInBatch();
    }

    /** {@code null} when the read model has no such account: an {@code Optional} cannot cross a remote bus. */
    @QueryHandler
    AccountView handle(FindAccount query) {
        return accounts.findById(query.accountId().value()).map(AccountViewEntity::toView).orElse(null);
    }

    @QueryHandler
    AccountPage handle(ListAccounts query) {
        return reader.list(query);
    }

    @QueryHandler
    AccountListView handle(ListAccountsByOwner query) {
        return new AccountListView(accounts.findByOwnerOrderByOpenedAtAscAccountIdAsc(query.owner()).stream()
                .map(AccountViewEntity::toView)
                .toList());
    }
}
