package dev.ledger.account;

import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_EMPTY;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION;
import static dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_NOT_FOUND;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_TOO_OLD;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountFrozen;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountOpened;
import dev.ledger.api.account.AccountReleaseRejected;
import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.CloseAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.HoldAccountFunds;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.MoneyDeposited;
import dev.ledger.api.account.MoneyWithdrawn;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.account.ReleaseAccountHold;
import dev.ledger.api.account.WithdrawMoney;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferId;
import java.time.Duration;
import java.time.Instant;
import java.util.Currency;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Money held for transfers captured later: held money stays in the posted balance but is no longer available, to
 * withdrawals, debits and other holds alike; a hold is captured or released once, and a captured hold is a debit
 * from then on.
 */
class AccountHoldTest {

    private static final AccountId ACCOUNT = new AccountId("acc-1");
    private static final Currency EUR = Money.currencyOf("EUR");
    private static final TransferId TRANSFER = new TransferId("tr-1");
    private static final TransferId OTHER = new TransferId("tr-2");
    private static final String OWNER_ID = "owner-1";
    private static final Requester OWNER = Requester.owner(OWNER_ID);
    private static final Instant REQUESTED_AT = Instant.now();
    private static final Duration PAST_THE_WINDOW = LegMemory.WINDOW.plus(LegMemory.CLOCK_SKEW_ALLOWANCE).plusHours(1);

    private AggregateTestFixture<Account> fixture;

    @BeforeEach
    void setUp() {
        fixture = new AggregateTestFixture<>(Account.class);
    }

    @Test
    void aHoldLowersWhatIsAvailableNotTheBalance() {
        fixture.given(opened(0), funded(1_000))
                .when(hold(TRANSFER, 400))
                .expectEvents(new AccountFundsHeld(ACCOUNT, TRANSFER, eur(400), eur(600)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void aHoldIsRefusedForMoreThanIsAvailableCountingOtherHoldsAndTheOverdraft() {
        fixture.given(opened(100), funded(1_000), held(OTHER, 800, 200))
                .when(hold(TRANSFER, 301))
                .expectEvents(new AccountHoldRejected(ACCOUNT, TRANSFER, eur(301), INSUFFICIENT_FUNDS))
                .expectResultMessagePayload(LegDecision.rejected(INSUFFICIENT_FUNDS));
    }

    @Test
    void aHoldUpToTheOverdraftFloorIsTaken() {
        fixture.given(opened(100), funded(1_000), held(OTHER, 800, 200))
                .when(hold(TRANSFER, 300))
                .expectEvents(new AccountFundsHeld(ACCOUNT, TRANSFER, eur(300), eur(-100)));
    }

    @Test
    void aWithdrawalIsHeldToTheAvailableBalance() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 700, 300))
                .when(new WithdrawMoney(ACCOUNT, null, eur(301), null))
                .expectNoEvents()
                .expectException(RuleViolations.withCode(INSUFFICIENT_FUNDS));
    }

    @Test
    void aWithdrawalOfWhatIsAvailableIsTakenFromTheBalance() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 700, 300))
                .when(new WithdrawMoney(ACCOUNT, null, eur(300), null))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, null, eur(300), null, eur(700)));
    }

    @Test
    void aDebitIsHeldToTheAvailableBalance() {
        fixture.given(opened(0), funded(1_000), held(OTHER, 700, 300))
                .when(new DebitAccount(ACCOUNT, TRANSFER, eur(301), OWNER, REQUESTED_AT))
                .expectEvents(new AccountDebitRejected(ACCOUNT, TRANSFER, eur(301), INSUFFICIENT_FUNDS));
    }

    @Test
    void aHoldIsRefusedOnAFrozenAccountAndForARequesterWhoMayNotDebitIt() {
        fixture.given(opened(0), funded(1_000), new AccountFrozen(ACCOUNT))
                .when(hold(TRANSFER, 100))
                .expectEvents(new AccountHoldRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_FROZEN));
        fixture.given(opened(0), funded(1_000))
                .when(new HoldAccountFunds(ACCOUNT, TRANSFER, eur(100), Requester.owner("someone-else"), REQUESTED_AT))
                .expectEvents(new AccountHoldRejected(ACCOUNT, TRANSFER, eur(100), ACCOUNT_NOT_FOUND));
    }

    @Test
    void aRepeatedHoldHoldsNothingMore() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .when(hold(TRANSFER, 400))
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    /** A hold may last longer than the leg memory; while it is held, its hold sent again is still a repeat. */
    @Test
    void aHoldSentAgainAfterTheLegMemoryForgotItIsStillARepeatWhileHeld() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .andGivenCurrentTime(REQUESTED_AT.plus(PAST_THE_WINDOW))
                .andGiven(held(OTHER, 100, 500))
                .when(hold(TRANSFER, 400))
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
    }

    @Test
    void aCapturePostsTheCapturedAmountAndReleasesTheRest() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(250), REQUESTED_AT))
                .expectEvents(new AccountHoldCaptured(ACCOUNT, TRANSFER, eur(250), eur(150), eur(750), eur(750)))
                .expectResultMessagePayload(LegDecision.applied());
    }

    @Test
    void aCaptureIsTakenOnAFrozenAccountBecauseTheMoneyWasReservedBefore() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), new AccountFrozen(ACCOUNT))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(400), REQUESTED_AT))
                .expectEvents(new AccountHoldCaptured(ACCOUNT, TRANSFER, eur(400), eur(0), eur(600), eur(600)));
    }

    @Test
    void aCaptureWithoutAHoldOrForMoreThanItIsRejected() {
        fixture.given(opened(0), funded(1_000))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(100), REQUESTED_AT))
                .expectEvents(new AccountCaptureRejected(ACCOUNT, TRANSFER, eur(100), TRANSFER_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(TRANSFER_NOT_FOUND));
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(401), REQUESTED_AT))
                .expectEvents(new AccountCaptureRejected(ACCOUNT, TRANSFER, eur(401), CAPTURE_EXCEEDS_AUTHORIZATION));
    }

    @Test
    void aRepeatedCapturePostsNothingMoreAndAReleaseAfterItFindsNoHold() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), captured(TRANSFER, 400, 0, 600))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(400), REQUESTED_AT))
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), captured(TRANSFER, 400, 0, 600))
                .when(new ReleaseAccountHold(ACCOUNT, TRANSFER, REQUESTED_AT))
                .expectEvents(new AccountReleaseRejected(ACCOUNT, TRANSFER, TRANSFER_NOT_FOUND));
    }

    /** A captured hold is a debit from then on: a refused credit refunds it, once. */
    @Test
    void aCapturedHoldIsRefundedLikeADebit() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), captured(TRANSFER, 300, 100, 700))
                .when(new RefundAccountDebit(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, REQUESTED_AT))
                .expectEvents(new AccountDebitRefunded(ACCOUNT, TRANSFER, eur(300), ACCOUNT_FROZEN, eur(1_000)));
    }

    @Test
    void aReleaseGivesTheHoldBackAndIsDecidedOnce() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .when(new ReleaseAccountHold(ACCOUNT, TRANSFER, REQUESTED_AT))
                .expectEvents(new AccountHoldReleased(ACCOUNT, TRANSFER, eur(400), eur(1_000)))
                .expectResultMessagePayload(LegDecision.applied());
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), released(TRANSFER, 400, 1_000))
                .when(new ReleaseAccountHold(ACCOUNT, TRANSFER, REQUESTED_AT))
                .expectNoEvents()
                .expectResultMessagePayload(LegDecision.decidedBefore());
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600), released(TRANSFER, 400, 1_000))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(400), REQUESTED_AT))
                .expectEvents(new AccountCaptureRejected(ACCOUNT, TRANSFER, eur(400), TRANSFER_NOT_FOUND));
    }

    @Test
    void aReleaseWithoutAHoldIsRejected() {
        fixture.given(opened(0), funded(1_000))
                .when(new ReleaseAccountHold(ACCOUNT, TRANSFER, REQUESTED_AT))
                .expectEvents(new AccountReleaseRejected(ACCOUNT, TRANSFER, TRANSFER_NOT_FOUND))
                .expectResultMessagePayload(LegDecision.rejected(TRANSFER_NOT_FOUND));
    }

    @Test
    void aReleasedHoldIsAvailableAgain() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 1_000, 0), released(TRANSFER, 1_000, 1_000))
                .when(new WithdrawMoney(ACCOUNT, null, eur(1_000), null))
                .expectEvents(new MoneyWithdrawn(ACCOUNT, null, eur(1_000), null, eur(0)));
    }

    @Test
    void legsOfASecondPhaseRequestedLongerAgoThanTheMemoryAreRefusedAsTooOld() {
        Instant now = REQUESTED_AT.plus(PAST_THE_WINDOW);
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .andGivenCurrentTime(now)
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(400), REQUESTED_AT))
                .expectEvents(new AccountCaptureRejected(ACCOUNT, TRANSFER, eur(400), TRANSFER_TOO_OLD));
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .andGivenCurrentTime(now)
                .when(new ReleaseAccountHold(ACCOUNT, TRANSFER, REQUESTED_AT))
                .expectEvents(new AccountReleaseRejected(ACCOUNT, TRANSFER, TRANSFER_TOO_OLD));
    }

    /** A capture requested today of a hold placed long ago is a fresh leg: the phase is what counts. */
    @Test
    void aCaptureRequestedNowOfAnOldHoldIsTaken() {
        Instant now = REQUESTED_AT.plus(PAST_THE_WINDOW);
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 400, 600))
                .andGivenCurrentTime(now)
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(400), now))
                .expectEvents(new AccountHoldCaptured(ACCOUNT, TRANSFER, eur(400), eur(0), eur(600), eur(600)));
    }

    /** On an overdraft, the balance can be zero while money is held: the account is not empty. */
    @Test
    void anAccountWithMoneyHeldCannotBeClosed() {
        fixture.given(opened(500), held(TRANSFER, 300, -300))
                .when(new CloseAccount(ACCOUNT))
                .expectNoEvents()
                .expectException(RuleViolations.withCode(ACCOUNT_NOT_EMPTY));
    }

    @Test
    void aHoldCapturedAfterARefundOfAnotherTransferIsStillOnlyItsOwn() {
        fixture.given(opened(0), funded(1_000), held(TRANSFER, 500, 500),
                        new AccountDebited(ACCOUNT, OTHER, eur(500), eur(500)))
                .when(new CaptureAccountHold(ACCOUNT, TRANSFER, eur(500), REQUESTED_AT))
                .expectEvents(new AccountHoldCaptured(ACCOUNT, TRANSFER, eur(500), eur(0), eur(0), eur(0)));
    }

    private static HoldAccountFunds hold(TransferId transferId, long cents) {
        return new HoldAccountFunds(ACCOUNT, transferId, eur(cents), OWNER, REQUESTED_AT);
    }

    private static AccountFundsHeld held(TransferId transferId, long cents, long availableAfter) {
        return new AccountFundsHeld(ACCOUNT, transferId, eur(cents), eur(availableAfter));
    }

    private static AccountHoldCaptured captured(TransferId transferId, long cents, long released, long balanceAfter) {
        return new AccountHoldCaptured(ACCOUNT, transferId, eur(cents), eur(released), eur(balanceAfter),
                eur(balanceAfter));
    }

    private static AccountHoldReleased released(TransferId transferId, long cents, long availableAfter) {
        return new AccountHoldReleased(ACCOUNT, transferId, eur(cents), eur(availableAfter));
    }

    private static Money eur(long cents) {
        return new Money(cents, EUR);
    }

    private static AccountOpened opened(long overdraft) {
        return new AccountOpened(ACCOUNT, OWNER_ID, EUR, eur(overdraft));
    }

    private static MoneyDeposited funded(long cents) {
        return new MoneyDeposited(ACCOUNT, null, eur(cents), "opening deposit", eur(cents));
    }
}
