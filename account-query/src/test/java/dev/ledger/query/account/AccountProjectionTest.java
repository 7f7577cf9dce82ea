package dev.ledger.query.account;

import static dev.ledger.query.Events.accountEvent;
import static dev.ledger.query.Events.secondsAfterT0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;

import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountStatus;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.query.AccountView;
import dev.ledger.api.account.query.FindAccount;
import dev.ledger.api.account.query.ListAccounts;
import dev.ledger.api.account.query.ListAccountsByOwner;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.query.EventDelivery;
import dev.ledger.query.ReadModelTest;
import java.time.Instant;
import java.util.Currency;
import java.util.Optional;
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
class AccountProjectionTest {

    private static final Currency EUR = Money.currencyOf("EUR");
    private static final AccountId ALICE = new AccountId("alice-eur");
    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final TransferId OTHER_TRANSFER = new TransferId("transfer-2");
    private static final Money OVERDRAFT = Money.of(10_000, "EUR");
    private static final AccountOpened ALICE_OPENED = new AccountOpened(ALICE, "alice", EUR, OVERDRAFT);

    @Autowired
    AccountViewRepository repository;

    @Autowired
    TestEntityManager entityManager;

    @Autowired
    DataSource dataSource;

    AccountProjection projection;
    EventDelivery processor;

    @BeforeEach
    void createProjection() {
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projection = new AccountProjection(new AccountViewWriter(jdbc), repository, new AccountViewReader(jdbc));
        processor = new EventDelivery(projection, entityManager);
    }

    /**
     * Every event that changes an opened account, each with the balance or status it leaves. The balances
     * after are deliberately not the amount: the view must copy the aggregate's figure, not work one out.
     */
    static Stream<Arguments> changesToAnOpenAccount() {
        Money amount = Money.of(2_500, "EUR");
        return Stream.of(
                Arguments.of(new MoneyDeposited(ALICE, null, amount, "salary", Money.of(12_500, "EUR")),
                        Money.of(12_500, "EUR"), AccountStatus.OPEN),
                Arguments.of(new MoneyWithdrawn(ALICE, null, amount, "cash", Money.of(-2_500, "EUR")),
                        Money.of(-2_500, "EUR"), AccountStatus.OPEN),
                Arguments.of(new AccountDebited(ALICE, TRANSFER, amount, Money.of(7_500, "EUR")),
                        Money.of(7_500, "EUR"), AccountStatus.OPEN),
                Arguments.of(new AccountCredited(ALICE, TRANSFER, amount, Money.of(4_000, "EUR")),
                        Money.of(4_000, "EUR"), AccountStatus.OPEN),
                Arguments.of(new AccountDebitRefunded(ALICE, TRANSFER, amount, LedgerErrorCode.ACCOUNT_FROZEN,
                        Money.of(9_900, "EUR")), Money.of(9_900, "EUR"), AccountStatus.OPEN),
                Arguments.of(new AccountFrozen(ALICE), Money.zero(EUR), AccountStatus.FROZEN),
                Arguments.of(new AccountUnfrozen(ALICE), Money.zero(EUR), AccountStatus.OPEN),
                Arguments.of(new AccountClosed(ALICE), Money.zero(EUR), AccountStatus.CLOSED));
    }

    @Test
    void opensAnOpenAccountWithAZeroBalanceInItsCurrency() throws Exception {
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED));

        assertThat(find(ALICE))
                .contains(new AccountView(ALICE, "alice", Money.zero(EUR), OVERDRAFT, AccountStatus.OPEN));
    }

    @Test
    void findsNothingForAnAccountItNeverSawOpened() {
        assertThat(find(ALICE)).isEmpty();
    }

    @ParameterizedTest
    @MethodSource("changesToAnOpenAccount")
    void takesTheBalanceAndStatusAnEventLeaves(Object change, Money balance, AccountStatus status) throws Exception {
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED),
                accountEvent(ALICE, 1, secondsAfterT0(1), change));

        assertThat(find(ALICE))
                .contains(new AccountView(ALICE, "alice", balance, OVERDRAFT, status));
    }

    @ParameterizedTest
    @MethodSource("changesToAnOpenAccount")
    void changesNothingWhenAnEventIsDeliveredTwice(Object change) throws Exception {
        DomainEventMessage<?> event = accountEvent(ALICE, 1, secondsAfterT0(1), change);
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED), event);
        AccountView once = find(ALICE).orElseThrow();

        processor.deliver(event);

        assertThat(find(ALICE)).contains(once);
    }

    @ParameterizedTest
    @MethodSource("changesToAnOpenAccount")
    void refusesAnEventForAnAccountItNeverSawOpenedSoThatItIsParkedRatherThanLost(Object change) {
        assertThatThrownBy(() -> processor.deliver(accountEvent(ALICE, 1, secondsAfterT0(1), change)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining(ALICE.value());
    }

    @Test
    void followsTheStatusThroughFreezingUnfreezingAndClosing() throws Exception {
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED),
                accountEvent(ALICE, 1, secondsAfterT0(1), new AccountFrozen(ALICE)));
        assertThat(status()).isEqualTo(AccountStatus.FROZEN);

        processor.deliver(accountEvent(ALICE, 2, secondsAfterT0(2), new AccountUnfrozen(ALICE)));
        assertThat(status()).isEqualTo(AccountStatus.OPEN);

        processor.deliver(accountEvent(ALICE, 3, secondsAfterT0(3), new AccountClosed(ALICE)));
        assertThat(status()).isEqualTo(AccountStatus.CLOSED);
    }

    @Test
    void skipsARedeliveredMovementSoThatALaterBalanceIsNotUndone() throws Exception {
        DomainEventMessage<?> deposit = accountEvent(ALICE, 1, secondsAfterT0(1),
                new MoneyDeposited(ALICE, null, Money.of(5_000, "EUR"), "salary", Money.of(5_000, "EUR")));
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED), deposit,
                accountEvent(ALICE, 2, secondsAfterT0(2),
                        new MoneyWithdrawn(ALICE, null, Money.of(1_000, "EUR"), "cash", Money.of(4_000, "EUR"))));

        processor.deliver(deposit);

        assertThat(balance()).isEqualTo(Money.of(4_000, "EUR"));
    }

    @Test
    void skipsAnEventAtTheLastAppliedSequenceNumber() throws Exception {
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED),
                accountEvent(ALICE, 1, secondsAfterT0(1),
                        new MoneyDeposited(ALICE, null, Money.of(5_000, "EUR"), "salary", Money.of(5_000, "EUR"))));

        processor.deliver(accountEvent(ALICE, 1, secondsAfterT0(2),
                new MoneyDeposited(ALICE, null, Money.of(7_000, "EUR"), "bonus", Money.of(7_000, "EUR"))));

        assertThat(balance()).isEqualTo(Money.of(5_000, "EUR"));
    }

    @Test
    void skipsARedeliveredStatusChangeSoThatALaterStatusIsNotUndone() throws Exception {
        DomainEventMessage<?> frozen = accountEvent(ALICE, 1, secondsAfterT0(1), new AccountFrozen(ALICE));
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED), frozen,
                accountEvent(ALICE, 2, secondsAfterT0(2), new AccountUnfrozen(ALICE)));

        processor.deliver(frozen);

        assertThat(status()).isEqualTo(AccountStatus.OPEN);
    }

    @Test
    void keepsTheBalanceWhenTheOpeningIsRedelivered() throws Exception {
        DomainEventMessage<?> opened = accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED);
        processor.deliver(opened, accountEvent(ALICE, 1, secondsAfterT0(1),
                new MoneyDeposited(ALICE, null, Money.of(5_000, "EUR"), "salary", Money.of(5_000, "EUR"))));

        processor.deliver(opened);

        assertThat(balance()).isEqualTo(Money.of(5_000, "EUR"));
    }

    @Test
    void listsOnlyTheOwnersAccountsOldestFirst() throws Exception {
        // Ids sort against opening order, and the accounts are delivered out of it, so only opened_at can
        // produce the expected order; the two opened in the same second fall back to id order.
        openAccount("alice-a", "alice", secondsAfterT0(20));
        openAccount("bob-a", "bob", secondsAfterT0(5));
        openAccount("alice-b", "alice", secondsAfterT0(10));
        openAccount("alice-d", "alice", secondsAfterT0(20));
        openAccount("alice-c", "alice", secondsAfterT0(20));

        assertThat(projection.handle(new ListAccountsByOwner("alice")).accounts())
                .extracting(view -> view.accountId().value())
                .containsExactly("alice-b", "alice-a", "alice-c", "alice-d");
        assertThat(projection.handle(new ListAccountsByOwner("carol")).accounts()).isEmpty();
    }

    @Test
    void forgetsEveryAccountOnResetAndRebuildsFromTheOpeningOnReplay() throws Exception {
        DomainEventMessage<?> opened = accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED);
        processor.deliver(opened, accountEvent(ALICE, 1, secondsAfterT0(1),
                new MoneyDeposited(ALICE, null, Money.of(5_000, "EUR"), "salary", Money.of(5_000, "EUR"))));
        openAccount("bob-a", "bob", secondsAfterT0(2));

        processor.reset();

        assertThat(find(ALICE)).isEmpty();
        assertThat(projection.handle(new ListAccountsByOwner("bob")).accounts()).isEmpty();
        processor.deliver(opened);
        assertThat(balance()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void holdsMoneyAsPendingWithoutTouchingThePostedBalance() throws Exception {
        depositThenHold();

        assertThat(find(ALICE)).contains(new AccountView(ALICE, "alice", eur(10_000), eur(2_500), OVERDRAFT,
                AccountStatus.OPEN));
        assertThat(find(ALICE).orElseThrow().available()).isEqualTo(eur(7_500));
    }

    @Test
    void postsACapturedPartOfAHoldAndReleasesItsRestWhileAnotherHoldStays() throws Exception {
        depositThenHold();
        processor.deliver(accountEvent(ALICE, 3, secondsAfterT0(3),
                        new AccountFundsHeld(ALICE, OTHER_TRANSFER, eur(1_000), eur(6_500))),
                accountEvent(ALICE, 4, secondsAfterT0(4),
                        new AccountHoldCaptured(ALICE, TRANSFER, eur(2_000), eur(500), eur(8_000), eur(7_000))));

        AccountView view = find(ALICE).orElseThrow();
        assertThat(view.balance()).isEqualTo(eur(8_000));
        assertThat(view.pending()).isEqualTo(eur(1_000));
        assertThat(view.available()).isEqualTo(eur(7_000));
    }

    @Test
    void givesAReleasedHoldBackToTheAvailableBalance() throws Exception {
        depositThenHold();
        processor.deliver(accountEvent(ALICE, 3, secondsAfterT0(3),
                new AccountHoldReleased(ALICE, TRANSFER, eur(2_500), eur(10_000))));

        assertThat(find(ALICE)).contains(new AccountView(ALICE, "alice", eur(10_000), OVERDRAFT, AccountStatus.OPEN));
    }

    @Test
    void skipsARedeliveredHoldSoThatItsReleaseIsNotUndone() throws Exception {
        DomainEventMessage<?> held = depositThenHold();
        processor.deliver(accountEvent(ALICE, 3, secondsAfterT0(3),
                new AccountHoldReleased(ALICE, TRANSFER, eur(2_500), eur(10_000))));

        processor.deliver(held);

        assertThat(find(ALICE).orElseThrow().pending()).isEqualTo(Money.zero(EUR));
    }

    @Test
    void keepsWhatIsHeldWhenALaterMovementPostsOnlyItsBalance() throws Exception {
        depositThenHold();
        processor.deliver(accountEvent(ALICE, 3, secondsAfterT0(3),
                new MoneyWithdrawn(ALICE, null, eur(1_000), "cash", eur(9_000))));

        AccountView view = find(ALICE).orElseThrow();
        assertThat(view.pending()).isEqualTo(eur(2_500));
        assertThat(view.available()).isEqualTo(eur(6_500));
    }

    @Test
    void listsAccountsWithWhatTheyHold() throws Exception {
        depositThenHold();

        assertThat(projection.handle(new ListAccounts(null, null, null, null, 10)).items())
                .extracting(AccountView::pending, AccountView::available)
                .containsExactly(tuple(eur(2_500), eur(7_500)));
    }

    /** Opens alice's account, deposits 100.00 and holds 25.00 of it for {@link #TRANSFER}: the hold's event. */
    private DomainEventMessage<?> depositThenHold() throws Exception {
        DomainEventMessage<?> held = accountEvent(ALICE, 2, secondsAfterT0(2),
                new AccountFundsHeld(ALICE, TRANSFER, eur(2_500), eur(7_500)));
        processor.deliver(accountEvent(ALICE, 0, secondsAfterT0(0), ALICE_OPENED),
                accountEvent(ALICE, 1, secondsAfterT0(1), new MoneyDeposited(ALICE, null, eur(10_000), "salary",
                        eur(10_000))),
                held);
        return held;
    }

    private static Money eur(long cents) {
        return Money.of(cents, "EUR");
    }

    private void openAccount(String id, String owner, Instant at) throws Exception {
        AccountId account = new AccountId(id);
        processor.deliver(accountEvent(account, 0, at, new AccountOpened(account, owner, EUR, OVERDRAFT)));
    }

    private Money balance() {
        return find(ALICE).orElseThrow().balance();
    }

    private AccountStatus status() {
        return find(ALICE).orElseThrow().status();
    }

    private Optional<AccountView> find(AccountId account) {
        return Optional.ofNullable(projection.handle(new FindAccount(account)));
    }
}
