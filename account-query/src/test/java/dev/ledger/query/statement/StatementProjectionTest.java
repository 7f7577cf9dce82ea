package dev.ledger.query.statement;

import static dev.ledger.query.Events.accountEvent;
import static dev.ledger.query.Events.secondsAfterT0;
import static org.assertj.core.api.Assertions.assertThat;

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
import dev.ledger.api.account.query.StatementEntryView;
import dev.ledger.api.account.query.StatementPage;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.query.EventDelivery;
import dev.ledger.query.ReadModelTest;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;

@ReadModelTest
class StatementProjectionTest {

    private static final AccountId ALICE = new AccountId("alice-eur");
    private static final AccountId BOB = new AccountId("bob-eur");
    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final Money AMOUNT = Money.of(2_500, "EUR");

    @Autowired
    TestEntityManager entityManager;

    @Autowired
    DataSource dataSource;

    StatementProjection projection;
    EventDelivery processor;

    @BeforeEach
    void createProjection() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projection = new StatementProjection(new StatementEntryWriter(jdbc), new StatementEntryReader(jdbc));
        processor = new EventDelivery(projection, entityManager);
    }

    /**
     * Every money movement, with the entry it must leave: its type, signed amount and transfer, if any, and the
     * reference of cash (a leg's comes from the transfer view, which these tests leave empty).
     */
    static Stream<Arguments> movements() {
        return Stream.of(
                Arguments.of(new MoneyDeposited(ALICE, null, AMOUNT, "salary", Money.of(12_500, "EUR")),
                        EntryType.DEPOSIT, AMOUNT, Money.of(12_500, "EUR"), null, "salary"),
                Arguments.of(new MoneyWithdrawn(ALICE, null, AMOUNT, "cash", Money.of(-2_500, "EUR")),
                        EntryType.WITHDRAWAL, AMOUNT.negate(), Money.of(-2_500, "EUR"), null, "cash"),
                Arguments.of(new AccountDebited(ALICE, TRANSFER, AMOUNT, Money.of(7_500, "EUR")),
                        EntryType.TRANSFER_DEBIT, AMOUNT.negate(), Money.of(7_500, "EUR"), TRANSFER, null),
                Arguments.of(new AccountCredited(ALICE, TRANSFER, AMOUNT, Money.of(4_000, "EUR")),
                        EntryType.TRANSFER_CREDIT, AMOUNT, Money.of(4_000, "EUR"), TRANSFER, null),
                Arguments.of(new AccountDebitRefunded(ALICE, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_FROZEN,
                        Money.of(9_900, "EUR")), EntryType.REFUND, AMOUNT, Money.of(9_900, "EUR"), TRANSFER, null));
    }

    @ParameterizedTest
    @MethodSource("movements")
    void recordsAMovementAsOneEntryWithItsSignedAmount(Object movement, EntryType type, Money signedAmount,
                                                      Money balanceAfter, TransferId transferId, String reference)
            throws Exception {
        DomainEventMessage<?> event = accountEvent(ALICE, 3, secondsAfterT0(3), movement);

        processor.deliver(event);

        assertThat(page(ALICE, 0, 10).content()).containsExactly(new StatementEntryView(event.getIdentifier(),
                ALICE, type, signedAmount, balanceAfter, transferId, secondsAfterT0(3), 3, reference));
    }

    @ParameterizedTest
    @MethodSource("movements")
    void recordsARedeliveredMovementOnce(Object movement) throws Exception {
        DomainEventMessage<?> event = accountEvent(ALICE, 3, secondsAfterT0(3), movement);

        processor.deliver(event, event);

        assertThat(page(ALICE, 0, 10).totalElements()).isEqualTo(1);
    }

    @Test
    void listsEntriesNewestFirstByTheAccountsSequenceNumber() throws Exception {
        // Delivered out of order: neither arrival nor anything but the sequence number gives the order.
        deposits(3, 1, 5, 2, 4);

        assertThat(page(ALICE, 0, 10).content())
                .extracting(StatementEntryView::balanceAfter)
                .containsExactly(balanceAfterDeposit(5), balanceAfterDeposit(4), balanceAfterDeposit(3),
                        balanceAfterDeposit(2), balanceAfterDeposit(1));
    }

    @Test
    void pagesThroughTheStatementCountingEveryEntry() throws Exception {
        deposits(1, 2, 3, 4, 5);

        StatementPage first = page(ALICE, 0, 2);
        StatementPage last = page(ALICE, 2, 2);

        assertThat(first.content()).extracting(StatementEntryView::balanceAfter)
                .containsExactly(balanceAfterDeposit(5), balanceAfterDeposit(4));
        assertThat(page(ALICE, 1, 2).content()).extracting(StatementEntryView::balanceAfter)
                .containsExactly(balanceAfterDeposit(3), balanceAfterDeposit(2));
        assertThat(last.content()).extracting(StatementEntryView::balanceAfter)
                .containsExactly(balanceAfterDeposit(1));
        assertThat(first.page()).isZero();
        assertThat(first.size()).isEqualTo(2);
        assertThat(first.totalElements()).isEqualTo(5);
        assertThat(first.totalPages()).isEqualTo(3);
        assertThat(last.totalElements()).isEqualTo(5);
    }

    @Test
    void returnsAnEmptyPageBeyondTheLastOneWithTheTotalStillCounted() throws Exception {
        deposits(1, 2, 3);

        StatementPage beyond = page(ALICE, 5, 2);

        assertThat(beyond.content()).isEmpty();
        assertThat(beyond.totalElements()).isEqualTo(3);
    }

    @Test
    void listsOnlyTheRequestedAccountsEntries() throws Exception {
        deposits(1, 2);
        processor.deliver(accountEvent(BOB, 1, secondsAfterT0(1),
                new AccountCredited(BOB, TRANSFER, AMOUNT, Money.of(2_500, "EUR"))));

        assertThat(page(ALICE, 0, 10).content()).extracting(StatementEntryView::accountId).containsOnly(ALICE);
        assertThat(page(ALICE, 0, 10).totalElements()).isEqualTo(2);
        assertThat(page(BOB, 0, 10).content()).extracting(StatementEntryView::type)
                .containsExactly(EntryType.TRANSFER_CREDIT);
    }

    @Test
    void forgetsEveryEntryOnReset() throws Exception {
        deposits(1, 2);
        processor.deliver(accountEvent(BOB, 1, secondsAfterT0(1),
                new AccountCredited(BOB, TRANSFER, AMOUNT, Money.of(2_500, "EUR"))));

        processor.reset();

        assertThat(page(ALICE, 0, 10).totalElements()).isZero();
        assertThat(page(BOB, 0, 10).totalElements()).isZero();
    }

    @Test
    void listsAHoldAndItsReleaseAsPendingEntriesOnlyWhenAskedFor() throws Exception {
        DomainEventMessage<?> held = accountEvent(ALICE, 2, secondsAfterT0(2),
                new AccountFundsHeld(ALICE, TRANSFER, AMOUNT, Money.of(7_500, "EUR")));
        DomainEventMessage<?> released = accountEvent(ALICE, 3, secondsAfterT0(3),
                new AccountHoldReleased(ALICE, TRANSFER, AMOUNT, Money.of(10_000, "EUR")));
        processor.deliver(deposit(1, 10_000, 10_000), held, released);

        assertThat(page(ALICE, 0, 10).content()).extracting(StatementEntryView::type)
                .containsExactly(EntryType.DEPOSIT);
        assertThat(page(ALICE, 0, 10).totalElements()).isEqualTo(1);
        assertThat(withPending(ALICE).content()).containsExactly(
                new StatementEntryView(released.getIdentifier(), ALICE, EntryType.HOLD_RELEASE, AMOUNT,
                        Money.of(10_000, "EUR"), TRANSFER, secondsAfterT0(3), 3, null, true, Money.of(10_000, "EUR")),
                new StatementEntryView(held.getIdentifier(), ALICE, EntryType.HOLD, AMOUNT.negate(),
                        Money.of(10_000, "EUR"), TRANSFER, secondsAfterT0(2), 2, null, true, Money.of(7_500, "EUR")),
                withPending(ALICE).content().get(2));
        assertThat(withPending(ALICE).totalElements()).isEqualTo(3);
    }

    @Test
    void postsACaptureAsATransferDebitOfTheCapturedAmountSoThatPostedEntriesAddUpToTheBalance() throws Exception {
        DomainEventMessage<?> captured = accountEvent(ALICE, 3, secondsAfterT0(3), new AccountHoldCaptured(ALICE,
                TRANSFER, Money.of(2_000, "EUR"), Money.of(500, "EUR"), Money.of(8_000, "EUR"),
                Money.of(8_000, "EUR")));
        processor.deliver(deposit(1, 10_000, 10_000), accountEvent(ALICE, 2, secondsAfterT0(2),
                new AccountFundsHeld(ALICE, TRANSFER, AMOUNT, Money.of(7_500, "EUR"))), captured);

        assertThat(page(ALICE, 0, 10).content()).containsExactly(
                new StatementEntryView(captured.getIdentifier(), ALICE, EntryType.TRANSFER_DEBIT,
                        Money.of(-2_000, "EUR"), Money.of(8_000, "EUR"), TRANSFER, secondsAfterT0(3), 3, null, false,
                        Money.of(8_000, "EUR")),
                page(ALICE, 0, 10).content().get(1));
        assertThat(page(ALICE, 0, 10).content().stream().mapToLong(entry -> entry.amount().minorUnits()).sum())
                .isEqualTo(8_000);
    }

    @Test
    void givesAHoldOnAnAccountWithNoEntryYetAPostedBalanceOfZero() throws Exception {
        processor.deliver(accountEvent(ALICE, 1, secondsAfterT0(1),
                new AccountFundsHeld(ALICE, TRANSFER, AMOUNT, Money.of(7_500, "EUR"))));

        assertThat(withPending(ALICE).content()).extracting(StatementEntryView::balanceAfter)
                .containsExactly(Money.zero(Money.currencyOf("EUR")));
    }

    @Test
    void slicesWithoutPendingEntriesUnlessAskedFor() throws Exception {
        processor.deliver(deposit(1, 10_000, 10_000), accountEvent(ALICE, 2, secondsAfterT0(2),
                new AccountFundsHeld(ALICE, TRANSFER, AMOUNT, Money.of(7_500, "EUR"))), deposit(3, 1_000, 11_000));

        assertThat(projection.handle(new ListStatementSlice(ALICE, null, null, null, 10)).items())
                .extracting(StatementEntryView::sequenceNumber).containsExactly(3L, 1L);
        assertThat(projection.handle(new ListStatementSlice(ALICE, null, null, 3L, 10, true)).items())
                .extracting(StatementEntryView::type).containsExactly(EntryType.HOLD, EntryType.DEPOSIT);
    }

    private static DomainEventMessage<?> deposit(long sequence, long amount, long balanceAfter) {
        return accountEvent(ALICE, sequence, secondsAfterT0(sequence),
                new MoneyDeposited(ALICE, null, Money.of(amount, "EUR"), null, Money.of(balanceAfter, "EUR")));
    }

    private StatementPage withPending(AccountId account) {
        return projection.handle(new ListStatementEntries(account, 0, 10, null, null, true));
    }

    /** Delivers one deposit of 1.00 EUR per sequence number, in the order given. */
    private void deposits(long... sequences) throws Exception {
        for (long sequence : sequences) {
            processor.deliver(accountEvent(ALICE, sequence, secondsAfterT0(sequence),
                    new MoneyDeposited(ALICE, null, Money.of(100, "EUR"), "deposit " + sequence,
                            balanceAfterDeposit(sequence))));
        }
    }

    private static Money balanceAfterDeposit(long sequence) {
        return Money.of(100 * sequence, "EUR");
    }

    private StatementPage page(AccountId account, int page, int size) {
        return projection.handle(new ListStatementEntries(account, page, size));
    }
}
