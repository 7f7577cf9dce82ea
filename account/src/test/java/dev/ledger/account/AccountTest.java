package dev.ledger.account;

import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_CLOSED;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_EMPTY;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.BALANCE_LIMIT_EXCEEDED;
import static dev.ledger.api.error.LedgerErrorCode.CURRENCY_MISMATCH;
import static dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static dev.ledger.api.error.LedgerErrorCode.MOVEMENT_ID_REUSED;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_TOO_OLD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.allOf;
import static org.hamcrest.Matchers.containsString;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountClosed;
import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.AccountUnfrozen;
import dev.ledger.api.account.CashMovementReceipt;
import dev.ledger.api.account.CloseAccount;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.DepositMoney;
import dev.ledger.api.account.FreezeAccount;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.MovementId;
import dev.ledger.api.account.OpenAccount;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.account.UnfreezeAccount;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Matcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class AccountTest {

    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final Currency EUR = Money.currencyOf("EUR");
    private static final TransferId TRANSFER = new TransferId("tr-1");
    private static final MovementId MOVEMENT = new MovementId("mv-1");
    private static final String OWNER_ID = "owner-1";
    private static final Requester OWNER = Requester.owner(OWNER_ID);
    private static final Requester TELLER = Requester.staff("teller-1");
    /** When the fixture's transfers were requested: the fixture's clock starts at the time the test runs. */
    private static final Instant REQUESTED_AT = Instant.now();
    private static final Duration PAST_THE_WINDOW = LegMemory.WINDOW.plus(LegMemory.CLOCK_SKEW_ALLOWANCE).plusHours(1);

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void opensAnAccountWithTheOverdraftStaffGrant() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, OWNER_ID, EUR, eur(500), TELLER))
                .expectEvents(new AccountOpened(ACCOUNT, OWNER_ID, EUR, eur(500)));
    }

    @Test
    void opensACustomersOwnAccountWithoutAnOverdraft() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, OWNER_ID, EUR, eur(0), OWNER))
                .expectEvents(new AccountOpened(ACCOUNT, OWNER_ID, EUR, eur(0)));
    }

    /** The hole this closes: a customer who grants itself an overdraft can spend the bank's money. */
    @Test
    void refusesAnOverdraftThatACustomerGrantsItself() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, OWNER_ID, EUR, eur(100_000), OWNER))
                .expectNoEvents()
                .expectException(violation(LedgerErrorCode.PROPERTY_NOT_ALLOWED));
    }

    @Test
    void refusesACustomersOpeningForAnotherOwner() {
        fixture.givenNoPriorActivity()
                .when(new OpenAccount(ACCOUNT, "owner-2", EUR, eur(0), OWNER))
                .expectNoEvents()
                .expectException(violation(LedgerErrorCode.PROPERTY_NOT_ALLOWED));
    }

    /** Refused for what it asks before the id is looked at, so the refusal says nothing about whose the id is. */
    @Test
    void refusesACustomersOverdraftBeforeSayingThatTheIdIsTaken() {
        fixture.given(opened())
                .when(new OpenAccount(ACCOUNT, "owner-2", EUR, eur(100), Requester.owner("owner-2")))
                .expectNoEvents()
                .expectException(violation(LedgerErrorCode.PROPERTY_NOT_ALLOWED));
    }

    @Test
    void refusesToOpenAnAccountTwice() {
        fixture.given(opened())
                .when(new OpenAccount(ACCOUNT, "owner-2", EUR, eur(0), TELLER))
                .expectNoEvents()
                .expectException(violation(LedgerErrorCode.ACCOUNT_EXISTS));
    }

    @Test
    void refusesACreditToAnIdThatWasNeverOpenedInThatIdsOwnStream() {
        fixture.givenNoPriorActivity()
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(LedgerErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void opensAnIdWhoseStreamHoldsOnlyRefusedCredits() {
        fixture.given(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .when(new OpenAccount(ACCOUNT, OWNER_ID, EUR, eur(0), OWNER))
                .expectEvents(new AccountOpened(ACCOUNT, OWNER_ID, EUR, eur(0)));
    }

    /** The bug this closes: a transfer refunded for a missing destination must never be credited later too. */
    @Test
    void neverCreditsATransferRefusedBeforeTheAccountWasOpened() {
        fixture.given(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), LedgerErrorCode.ACCOUNT_NOT_FOUND),
                        new AccountOpened(ACCOUNT, OWNER_ID, EUR, eur(0)))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectNoEvents()
                .expectSuccessfulHandlerExecution()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void refusesADirectRequestOnAnIdThatWasNeverOpened() {
        fixture.given(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .when(new DepositMoney(ACCOUNT, null, eur(100), "cash"))
                .expectNoEvents()
                .expectException(violation(LedgerErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void depositsMoneyOntoTheBalance() {
        fixture.given(opened(), funded(1_000))
                .when(new DepositMoney(ACCOUNT, null, eur(250), "cash"))
                .expectEvents(new MoneyDeposited(ACCOUNT, null, eur(250), "cash", eur(1_250)))
                .expectResultMessagePayload(new CashMovementReceipt(2, eur(1_250)));
    }

    @Test
    void acceptsADepositThatReachesTheBalanceLimitExactly() {
        fixture.given(opened(), funded(Account.BALANCE_LIMIT - 10))
                .when(new DepositMoney(ACCOUNT, null, eur(10), "cash"))
                .expectEvents(new MoneyDeposited(ACCOUNT, null, eur(10), "cash", eur(Account.BALANCE_LIMIT)));
    }

    @Test
    void rejectsADepositThatWouldTakeTheBalanceAboveTheLimit() {
        fixture.given(opened(), funded(Account.BALANCE_LIMIT - 10))
                .when(new DepositMoney(ACCOUNT, null, eur(11), "cash"))
                .expectException(violation(BALANCE_LIMIT_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void rejectsADepositThatWouldOverflowTheBalance() {
        fixture.given(opened(), funded(Account.BALANCE_LIMIT))
                .when(new DepositMoney(ACCOUNT, null, eur(Long.MAX_VALUE), "cash"))
                .expectException(violation(BALANCE_LIMIT_EXCEEDED))
                .expectNoEvents();
    }

    @Test
    void rejectsADepositIntoAClosedAccount() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new DepositMoney(ACCOUNT, null, eur(100), "cash"))
                .expectException(violation(ACCOUNT_CLOSED))
                .expectNoEvents();
    }

    @Test
    void rejectsADepositIntoAFrozenAccount() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new DepositMoney(ACCOUNT, null, eur(100), "cash"))
                .expectException(violation(ACCOUNT_FROZEN))
                .expectNoEvents();
    }

    @Test
    void rejectsADepositInAnotherCurrency() {
        fixture.given(opened())
                .when(new DepositMoney(ACCOUNT, null, usd(100), "cash"))
                .expectException(violation(CURRENCY_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void withdrawsMoneyFromTheBalance() {
        fixture.given(opened(), funded(1_000))
                .when(new WithdrawMoney(ACCOUNT, null, eur(400), "atm"))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, null, eur(400), "atm", eur(600)))
                .expectResultMessagePayload(new CashMovementReceipt(2, eur(600)));
    }

    @Test
    void withdrawsIntoTheOverdraftUpToItsLimit() {
        fixture.given(opened(eur(500)), funded(1_000))
                .when(new WithdrawMoney(ACCOUNT, null, eur(1_500), "atm"))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, null, eur(1_500), "atm", eur(-500)));
    }

    @Test
    void rejectsAWithdrawalBeyondBalanceAndOverdraft() {
        fixture.given(opened(eur(500)), funded(1_000))
                .when(new WithdrawMoney(ACCOUNT, null, eur(1_501), "atm"))
                .expectException(violation(INSUFFICIENT_FUNDS))
                .expectNoEvents();
    }

    @Test
    void rejectsAWithdrawalThatWouldOverflowTheBalance() {
        fixture.given(opened(eur(Long.MAX_VALUE)), new MoneyWithdrawn(ACCOUNT, null, eur(100), "atm", eur(-100)))
                .when(new WithdrawMoney(ACCOUNT, null, eur(Long.MAX_VALUE), "atm"))
                .expectException(violation(INSUFFICIENT_FUNDS))
                .expectNoEvents();
    }

    @Test
    void rejectsAWithdrawalFromAClosedAccount() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, null, eur(100), "atm"))
                .expectException(violation(ACCOUNT_CLOSED))
                .expectNoEvents();
    }

    @Test
    void rejectsAWithdrawalFromAFrozenAccount() {
        fixture.given(opened(), funded(1_000), new AccountFrozen(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, null, eur(100), "atm"))
                .expectException(violation(ACCOUNT_FROZEN))
                .expectNoEvents();
    }

    @Test
    void rejectsAWithdrawalInAnotherCurrency() {
        fixture.given(opened(), funded(1_000))
                .when(new WithdrawMoney(ACCOUNT, null, usd(100), "atm"))
                .expectException(violation(CURRENCY_MISMATCH))
                .expectNoEvents();
    }

    @Test
    void recordsTheMovementIdOfADeposit() {
        fixture.given(opened())
                .when(new DepositMoney(ACCOUNT, MOVEMENT, eur(250), "cash"))
                .expectEvents(new MoneyDeposited(ACCOUNT, MOVEMENT, eur(250), "cash", eur(250)))
                .expectResultMessagePayload(new CashMovementReceipt(1, eur(250)));
    }

    /** Its answer was lost and it was sent again: the first receipt, not the balance now, and no second deposit. */
    @Test
    void answersARepeatedDepositWithItsFirstReceiptAndMovesNothing() {
        fixture.given(opened(), new MoneyDeposited(ACCOUNT, MOVEMENT, eur(250), "cash", eur(250)), funded(50))
                .when(new DepositMoney(ACCOUNT, MOVEMENT, eur(250), "cash"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CashMovementReceipt(1, eur(250)));
    }

    /** It moved already, so the rules it passed then are not asked again: it was not refused, and is not now. */
    @Test
    void answersARepeatedWithdrawalFromMemoryEvenOnceTheAccountIsFrozen() {
        fixture.given(opened(), funded(1_000), new MoneyWithdrawn(ACCOUNT, MOVEMENT, eur(400), "atm", eur(600)),
                        new AccountFrozen(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, MOVEMENT, eur(400), "atm"))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(new CashMovementReceipt(2, eur(600)));
    }

    @Test
    void refusesAMovementIdSentAgainForAnotherAmountCurrencyOrDirection() {
        MoneyDeposited first = new MoneyDeposited(ACCOUNT, MOVEMENT, eur(250), "cash", eur(250));
        fixture.given(opened(), first)
                .when(new DepositMoney(ACCOUNT, MOVEMENT, eur(251), "cash"))
                .expectNoEvents()
                .expectException(violation(MOVEMENT_ID_REUSED));
        fixture.given(opened(), first)
                .when(new DepositMoney(ACCOUNT, MOVEMENT, usd(250), "cash"))
                .expectNoEvents()
                .expectException(violation(MOVEMENT_ID_REUSED));
        fixture.given(opened(), first)
                .when(new WithdrawMoney(ACCOUNT, MOVEMENT, eur(250), "cash"))
                .expectNoEvents()
                .expectException(violation(MOVEMENT_ID_REUSED));
    }

    @Test
    void answersARepeatedMovementFromMemoryUntilTheWindowCloses() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGiven(opened(), new MoneyDeposited(ACCOUNT, MOVEMENT, eur(250), "cash", eur(250)))
                .andGivenCurrentTime(REQUESTED_AT.plus(MovementMemory.WINDOW).minusSeconds(60))
                .andGiven(new MoneyDeposited(ACCOUNT, new MovementId("mv-later"), eur(1), "cash", eur(251)))
                .when(new DepositMoney(ACCOUNT, MOVEMENT, eur(250), "cash"))
                .expectNoEvents()
                .expectResultMessagePayload(new CashMovementReceipt(1, eur(250)));
    }

    /**
     * The memory is bounded: a movement is forgotten once the window and the clocks' allowance have passed since it,
     * counted on the latest movement; one without an id is never remembered. Left are the later movement and this one.
     */
    @Test
    void forgetsTheMovementsNoRetryCanReachAnyMore() {
        Instant pastTheWindow = REQUESTED_AT.plus(MovementMemory.WINDOW).plus(LegMemory.CLOCK_SKEW_ALLOWANCE)
                .plusSeconds(60);
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGiven(opened(), new MoneyDeposited(ACCOUNT, MOVEMENT, eur(250), "cash", eur(250)), funded(1))
                .andGivenCurrentTime(pastTheWindow)
                .andGiven(new MoneyWithdrawn(ACCOUNT, new MovementId("mv-later"), eur(1), "cash", eur(250)))
                .when(new DepositMoney(ACCOUNT, new MovementId("mv-now"), eur(5), "cash"))
                .expectEvents(new MoneyDeposited(ACCOUNT, new MovementId("mv-now"), eur(5), "cash", eur(255)))
                .expectState(account -> assertThat(account.movementsRemembered()).isEqualTo(2));
    }

    @Test
    void reportsAFreezeBeforeACurrencyMismatch() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new WithdrawMoney(ACCOUNT, null, usd(100), "atm"))
                .expectException(violation(ACCOUNT_FROZEN));
    }

    @Test
    void reportsACurrencyMismatchBeforeInsufficientFunds() {
        fixture.given(opened())
                .when(new WithdrawMoney(ACCOUNT, null, usd(100), "atm"))
                .expectException(violation(CURRENCY_MISMATCH));
    }

    @Test
    void namesTheAccountAndTheBrokenRuleInTheRefusal() {
        fixture.given(opened())
                .when(new WithdrawMoney(ACCOUNT, null, eur(100), "atm"))
                .expectExceptionMessage(allOf(containsString("acc-1"), containsString("INSUFFICIENT_FUNDS")));
    }

    @Test
    void freezesAnOpenAccount() {
        fixture.given(opened())
                .when(new FreezeAccount(ACCOUNT))
                .expectEvents(new AccountFrozen(ACCOUNT));
    }

    @Test
    void freezingAFrozenAccountChangesNothing() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new FreezeAccount(ACCOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsFreezingAClosedAccount() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new FreezeAccount(ACCOUNT))
                .expectException(violation(ACCOUNT_CLOSED))
                .expectNoEvents();
    }

    @Test
    void unfreezesAFrozenAccount() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new UnfreezeAccount(ACCOUNT))
                .expectEvents(new AccountUnfrozen(ACCOUNT));
    }

    @Test
    void unfreezingAnOpenAccountChangesNothing() {
        fixture.given(opened())
                .when(new UnfreezeAccount(ACCOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void rejectsUnfreezingAClosedAccount() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT), new AccountClosed(ACCOUNT))
                .when(new UnfreezeAccount(ACCOUNT))
                .expectException(violation(ACCOUNT_CLOSED))
                .expectNoEvents();
    }

    @Test
    void acceptsMoneyAgainOnceUnfrozen() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT), new AccountUnfrozen(ACCOUNT))
                .when(new DepositMoney(ACCOUNT, null, eur(100), "cash"))
                .expectEvents(new MoneyDeposited(ACCOUNT, null, eur(100), "cash", eur(100)));
    }

    @Test
    void closesAnAccountAtAZeroBalance() {
        fixture.given(opened(), funded(1_000), new MoneyWithdrawn(ACCOUNT, null, eur(1_000), "atm", eur(0)))
                .when(new CloseAccount(ACCOUNT))
                .expectEvents(new AccountClosed(ACCOUNT));
    }

    @Test
    void closesAFrozenAccountAtAZeroBalance() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new CloseAccount(ACCOUNT))
                .expectEvents(new AccountClosed(ACCOUNT));
    }

    @Test
    void rejectsClosingAnAccountThatStillHoldsMoney() {
        fixture.given(opened(), funded(1))
                .when(new CloseAccount(ACCOUNT))
                .expectException(violation(ACCOUNT_NOT_EMPTY))
                .expectNoEvents();
    }

    @Test
    void rejectsClosingAnOverdrawnAccount() {
        fixture.given(opened(eur(500)), new MoneyWithdrawn(ACCOUNT, null, eur(1), "atm", eur(-1)))
                .when(new CloseAccount(ACCOUNT))
                .expectException(violation(ACCOUNT_NOT_EMPTY))
                .expectNoEvents();
    }

    @Test
    void closingAClosedAccountChangesNothing() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new CloseAccount(ACCOUNT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void debitsATransferFromTheBalance() {
        fixture.given(opened(), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), OWNER, REQUESTED_AT))
                .expectEvents(new AccountDebited(ACCOUNT, TRANSFER, eur(300), eur(700)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void debitsATransferIntoTheOverdraft() {
        fixture.given(opened(eur(500)), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(1_200), OWNER, REQUESTED_AT))
                .expectEvents(new AccountDebited(ACCOUNT, TRANSFER, eur(1_200), eur(-200)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    /** A transfer stored before requesters were recorded fails closed, even on an account whose owner shares the name. */
    @Test
    void refusesALegOfATransferRequestedLongerAgoThanItsLegsAreRemembered() {
        Instant longAgo = REQUESTED_AT.minus(LegMemory.WINDOW).minusSeconds(60);
        fixture.given(opened(), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(100), OWNER, longAgo))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(100), TRANSFER_TOO_OLD))
                .expectResultMessagePayload(LegDecision.rejected(TRANSFER_TOO_OLD));
    }

    @Test
    void refusesALateCreditOrRefundAsTooOldRatherThanApplyingIt() {
        Instant longAgo = REQUESTED_AT.minus(LegMemory.WINDOW).minusSeconds(60);
        fixture.given(opened(), funded(1_000))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(100), longAgo))
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(100), TRANSFER_TOO_OLD));
        fixture.given(opened(), funded(1_000), debited(100, 900))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(100), ACCOUNT_FROZEN, longAgo))
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, eur(100), TRANSFER_TOO_OLD));
    }

    @Test
    void answersARepeatedLegFromMemoryUntilTheWindowCloses() {
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGiven(opened(), funded(1_000), debited(300, 700))
                .andGivenCurrentTime(REQUESTED_AT.plus(LegMemory.WINDOW).minusSeconds(60))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    /**
     * The memory is bounded: the first transfer is forgotten (a remembered one would be answered as decided before),
     * and yet its leg, sent again, moves nothing. What is left is the later transfer and the refusal just recorded.
     */
    @Test
    void aForgottenTransfersLegSentAgainIsRefusedNotAppliedTwice() {
        TransferId later = new TransferId("tr-later");
        fixture.givenCurrentTime(REQUESTED_AT)
                .andGiven(opened(), funded(1_000), new AccountCredited(ACCOUNT, TRANSFER, eur(300), eur(1_300)))
                .andGivenCurrentTime(REQUESTED_AT.plus(PAST_THE_WINDOW))
                .andGiven(new AccountCredited(ACCOUNT, later, eur(1), eur(1_301)))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), TRANSFER_TOO_OLD))
                .expectState(account -> assertThat(account.legsRemembered()).isEqualTo(2));
    }

    @Test
    void refusesTheDebitOfATransferWithoutARecordedRequester() {
        fixture.given(new AccountOpened(ACCOUNT, Requester.UNRECORDED, EUR, eur(0)), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(100), Requester.unrecorded(), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_NOT_FOUND));
    }

    @Test
    void recordsADebitRejectionForInsufficientFunds() {
        fixture.given(opened(eur(500)), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(1_501), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(1_501), INSUFFICIENT_FUNDS))
                .expectResultMessagePayload(LegDecision.rejected(INSUFFICIENT_FUNDS));
    }

    @Test
    void recordsADebitRejectionOnAClosedAccount() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(100), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_CLOSED))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_CLOSED));
    }

    @Test
    void recordsADebitRejectionOnAFrozenAccount() {
        fixture.given(opened(), funded(1_000), new AccountFrozen(ACCOUNT))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(100), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_FROZEN))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_FROZEN));
    }

    @Test
    void recordsADebitRejectionInAnotherCurrency() {
        fixture.given(opened(), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, usd(100), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, usd(100), CURRENCY_MISMATCH))
                .expectResultMessagePayload(LegDecision.rejected(CURRENCY_MISMATCH));
    }

    @Test
    void ignoresARepeatedDebitForTheSameTransfer() {
        fixture.given(opened(), funded(1_000), new AccountDebited(ACCOUNT, TRANSFER, eur(300), eur(700)))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void ignoresARepeatedDebitEvenWhenTheFundsHaveSinceArrived() {
        fixture.given(opened(), new AccountDebitRejected(ACCOUNT, TRANSFER, eur(300), INSUFFICIENT_FUNDS), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), OWNER, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void refusesADebitRequestedByACustomerWhoDoesNotOwnTheAccountAsIfItDidNotExist() {
        fixture.given(opened(), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), Requester.owner("owner-2"), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(300), LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(LedgerErrorCode.ACCOUNT_NOT_FOUND));
    }

    @Test
    void debitsAnyAccountForStaff() {
        fixture.given(opened(), funded(1_000))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(300), Requester.staff("admin"), REQUESTED_AT))
                .expectEvents(new AccountDebited(ACCOUNT, TRANSFER, eur(300), eur(700)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void creditsATransferToTheBalance() {
        fixture.given(opened(), funded(1_000))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectEvents(new AccountCredited(ACCOUNT, TRANSFER, eur(300), eur(1_300)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void recordsACreditRejectionOnAClosedAccount() {
        fixture.given(opened(), new AccountClosed(ACCOUNT))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(100), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_CLOSED))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_CLOSED));
    }

    @Test
    void recordsACreditRejectionOnAFrozenAccount() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(100), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_FROZEN))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_FROZEN));
    }

    @Test
    void recordsACreditRejectionInAnotherCurrency() {
        fixture.given(opened())
                .when(new CreditAccount(ACCOUNT, TRANSFER, usd(100), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, usd(100), CURRENCY_MISMATCH))
                .expectResultMessagePayload(LegDecision.rejected(CURRENCY_MISMATCH));
    }

    @Test
    void recordsACreditRejectionAboveTheBalanceLimit() {
        fixture.given(opened(), funded(Account.BALANCE_LIMIT))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(1), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountCreditRejected(ACCOUNT, TRANSFER, eur(1), BALANCE_LIMIT_EXCEEDED))
                .expectResultMessagePayload(LegDecision.rejected(BALANCE_LIMIT_EXCEEDED));
    }

    @Test
    void ignoresARepeatedCreditForTheSameTransfer() {
        fixture.given(opened(), new AccountCredited(ACCOUNT, TRANSFER, eur(300), eur(300)))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void ignoresARepeatedCreditEvenWhenTheAccountHasSinceBeenUnfrozen() {
        fixture.given(opened(), new AccountFrozen(ACCOUNT),
                        new AccountCreditRejected(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN), new AccountUnfrozen(ACCOUNT))
                .when(new CreditAccount(ACCOUNT, TRANSFER, eur(300), REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void refundsADebitToTheBalance() {
        fixture.given(opened(), funded(1_000), debited(300, 700))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_CLOSED, REQUESTED_AT))
                .expectEvents(new AccountDebitRefunded(ACCOUNT, TRANSFER, eur(300), ACCOUNT_CLOSED, eur(1_000)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void refundsADebitOnAFrozenAccount() {
        fixture.given(opened(), funded(1_000), debited(300, 700), new AccountFrozen(ACCOUNT))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectEvents(new AccountDebitRefunded(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, eur(1_000)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void recordsARefundRejectionOnAClosedAccount() {
        fixture.given(opened(), funded(300), debited(300, 0), new AccountClosed(ACCOUNT))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, eur(300), ACCOUNT_CLOSED))
                .expectResultMessagePayload(LegDecision.rejected(ACCOUNT_CLOSED));
    }

    @Test
    void recordsARefundRejectionForATransferNeverDebitedHere() {
        fixture.given(opened(), funded(1_000))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, eur(300), TRANSFER_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(TRANSFER_NOT_FOUND));
    }

    @Test
    void recordsARefundRejectionForATransferWhoseDebitWasRejected() {
        fixture.given(opened(), new AccountDebitRejected(ACCOUNT, TRANSFER, eur(300), INSUFFICIENT_FUNDS))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, eur(300), TRANSFER_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(TRANSFER_NOT_FOUND));
    }

    @Test
    void recordsARefundRejectionInAnotherCurrency() {
        fixture.given(opened(), funded(1_000), debited(300, 700))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, usd(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, usd(300), CURRENCY_MISMATCH))
                .expectResultMessagePayload(LegDecision.rejected(CURRENCY_MISMATCH));
    }

    @Test
    void recordsARefundRejectionAboveTheBalanceLimit() {
        fixture.given(opened(), funded(300), debited(300, 0),
                        new MoneyDeposited(ACCOUNT, null, eur(Account.BALANCE_LIMIT), "cash", eur(Account.BALANCE_LIMIT)))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectEvents(new AccountRefundRejected(ACCOUNT, TRANSFER, eur(300), BALANCE_LIMIT_EXCEEDED))
                .expectResultMessagePayload(LegDecision.rejected(BALANCE_LIMIT_EXCEEDED));
    }

    @Test
    void ignoresARepeatedRefundForTheSameTransfer() {
        fixture.given(opened(), funded(1_000), debited(300, 700),
                        new AccountDebitRefunded(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, eur(1_000)))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void ignoresARepeatedRefundAfterItWasRejected() {
        fixture.given(opened(), funded(300), debited(300, 0), new AccountClosed(ACCOUNT),
                        new AccountRefundRejected(ACCOUNT, TRANSFER, eur(300), ACCOUNT_CLOSED))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    private static Money eur(long cents) {
        return new Money(cents, EUR);
    }

    private static Money usd(long cents) {
        return Money.of(cents, "USD");
    }

    private static AccountOpened opened() {
        return opened(eur(0));
    }

    private static AccountOpened opened(Money overdraftLimit) {
        return new AccountOpened(ACCOUNT, OWNER_ID, EUR, overdraftLimit);
    }

    /** A first deposit, so the balance afterwards is the amount. */
    private static MoneyDeposited funded(long cents) {
        return new MoneyDeposited(ACCOUNT, null, eur(cents), "opening deposit", eur(cents));
    }

    private static AccountDebited debited(long cents, long balanceAfter) {
        return new AccountDebited(ACCOUNT, TRANSFER, eur(cents), eur(balanceAfter));
    }

    private static Matcher<LedgerRuleViolation> violation(LedgerErrorCode code) {
        return RuleViolations.withCode(code);
    }
}
