package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.REQUESTED;
import static dev.ledger.transfer.OneTransfer.REQUESTED_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTER;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static dev.ledger.transfer.TransferSaga.STEP_DEADLINE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.common.lock.DeadlockException;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.modelling.command.AggregateNotFoundException;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

class TransferSagaTest {

    private static final AccountDebited DEBITED = new AccountDebited(SOURCE, TRANSFER, AMOUNT, Money.of(7500, "EUR"));
    private static final AccountCredited CREDITED = new AccountCredited(DESTINATION, TRANSFER, AMOUNT, Money.of(2500, "EUR"));
    private static final AccountCreditRejected CREDIT_REJECTED =
            new AccountCreditRejected(DESTINATION, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_FROZEN);

    private static final DebitAccount DEBIT = new DebitAccount(SOURCE, TRANSFER, AMOUNT, REQUESTER, REQUESTED_AT);
    private static final CreditAccount CREDIT = new CreditAccount(DESTINATION, TRANSFER, AMOUNT, REQUESTED_AT);
    private static final RefundAccountDebit REFUND = new RefundAccountDebit(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_FROZEN, REQUESTED_AT);
    private static final FlagTransferForReview FLAG_TIMED_OUT = new FlagTransferForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT);

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);

    private SagaTestFixture<TransferSaga> fixture;
    private final List<String> stepsTimedOut = new ArrayList<>();
    private final Set<TransferId> transfersEnded = new HashSet<>();

    @BeforeEach
    void createFixture() {
        fixture = new SagaTestFixture<>(TransferSaga.class);
        fixture.givenCurrentTime(REQUESTED_AT);
        fixture.registerResource(new TransferStepTimeout(STEP_TIMEOUT));
        fixture.registerResource((StepTimeouts) stepsTimedOut::add);
        fixture.registerResource((TransferEnds) id -> Optional.of(transfersEnded.contains(id) ? 1L : 0L));
        fixture.registerResource(StepAnswers.AT_ONCE.over(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
        // As the ledger configures every processor: a failing handler fails the batch, which is retried.
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
    }

    static Stream<Object> endsOfATransfer() {
        return Stream.of(
                new TransferCompleted(TRANSFER),
                new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS),
                new TransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN),
                new TransferFlaggedForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT));
    }

    @Test
    void startsByDebitingTheSource() {
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectActiveSagas(1)
                .expectAssociationWith(TransferSaga.TRANSFER_ID, TRANSFER)
                .expectDispatchedCommands(DEBIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    /** As after a processor's token was reset: the transfer's legs were decided by the saga that ended it. */
    @Test
    void aRequestDeliveredAgainAfterItsTransferEndedStartsNothing() {
        transfersEnded.add(TRANSFER);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void creditsTheDestinationOnceTheSourceIsDebited() {
        givenATransferBeingDebited()
                .whenAggregate(SOURCE.toString()).publishes(DEBITED)
                .expectDispatchedCommands(CREDIT);
    }

    @Test
    void keepsOneDeadlineForTheWholeTransfer() throws Exception {
        givenATransferBeingDebited()
                .andThenTimeElapses(STEP_TIMEOUT.dividedBy(3))
                .whenAggregate(SOURCE.toString()).publishes(DEBITED)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT.minus(STEP_TIMEOUT.dividedBy(3)), STEP_DEADLINE)
                .expectNoScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void failsTheTransferWhenTheDebitIsRejected() {
        givenATransferBeingDebited()
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountDebitRejected(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectDispatchedCommands(new FailTransfer(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectActiveSagas(0);
    }

    /** The fixture's command bus handles a command before {@code send} returns, as the local bus does. */
    /** The source no longer remembers the transfer: it may have taken the debit, so failing could lose the money. */
    @Test
    void flagsTheTransferForReviewWhenTheDebitComesTooLate() {
        givenATransferBeingDebited()
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountDebitRejected(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.TRANSFER_TOO_OLD))
                .expectDispatchedCommands(new FlagTransferForReview(TRANSFER, LedgerErrorCode.TRANSFER_TOO_OLD));
    }

    /** The destination may hold the credit already: a refund could pay the same money out twice. */
    @Test
    void flagsTheTransferForReviewInsteadOfRefundingWhenTheCreditComesTooLate() {
        givenATransferBeingCredited()
                .whenAggregate(DESTINATION.toString())
                .publishes(new AccountCreditRejected(DESTINATION, TRANSFER, AMOUNT, LedgerErrorCode.TRANSFER_TOO_OLD))
                .expectDispatchedCommands(new FlagTransferForReview(TRANSFER, LedgerErrorCode.TRANSFER_TOO_OLD));
    }

    @Test
    void completesTheTransferAndEndsOnceTheDestinationIsCredited() {
        givenATransferBeingCredited()
                .whenAggregate(DESTINATION.toString()).publishes(CREDITED)
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    /** As with a remote command bus, which answers later, or a final command that failed. */
    @Test
    void waitsToSeeTheEndWhenTheFinalCommandWasNotHandledAtOnce() {
        theFinalCommandFails();
        givenATransferBeingCredited()
                .whenAggregate(DESTINATION.toString()).publishes(CREDITED)
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER))
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void refundsTheDebitWhenTheCreditIsRejected() {
        givenATransferBeingCredited()
                .whenAggregate(DESTINATION.toString()).publishes(CREDIT_REJECTED)
                .expectDispatchedCommands(REFUND);
    }

    @Test
    void marksTheTransferRefundedOnceTheDebitIsReturned() {
        givenATransferBeingRefunded()
                .whenAggregate(SOURCE.toString()).publishes(refunded(LedgerErrorCode.ACCOUNT_FROZEN))
                .expectDispatchedCommands(new MarkTransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN));
    }

    @Test
    void flagsTheTransferForReviewWhenTheRefundIsRejected() {
        givenATransferBeingRefunded()
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountRefundRejected(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_CLOSED))
                .expectDispatchedCommands(new FlagTransferForReview(TRANSFER, LedgerErrorCode.ACCOUNT_CLOSED));
    }

    /** A local command bus returns each leg's decision with {@code send}: the whole transfer runs in this event. */
    /** Configured to hear answers by events only, as over a remote bus: one step per event, whatever the bus does. */
    @Test
    void takesEachStepOnItsLegsEventWhenAnswersComeByEventsOnly() {
        fixture.registerResource(StepAnswers.BY_EVENTS.over(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
        legsAnswer(LegDecision.applied(), LegDecision.applied(), null);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void runsTheWholeTransferAtOnceWhenEveryLegIsAnsweredAtOnce() {
        legsAnswer(LegDecision.applied(), LegDecision.applied(), null);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT, CREDIT, new CompleteTransfer(TRANSFER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void failsAtOnceWhenTheDebitIsRejectedAtOnce() {
        legsAnswer(LegDecision.rejected(LedgerErrorCode.INSUFFICIENT_FUNDS), null, null);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT, new FailTransfer(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void refundsAtOnceWhenTheCreditIsRejectedAtOnce() {
        legsAnswer(LegDecision.applied(), LegDecision.rejected(LedgerErrorCode.ACCOUNT_FROZEN), LegDecision.applied());
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT, CREDIT, REFUND,
                        new MarkTransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void flagsAtOnceWhenTheRefundIsRejectedAtOnce() {
        legsAnswer(LegDecision.applied(), LegDecision.rejected(LedgerErrorCode.ACCOUNT_FROZEN),
                LegDecision.rejected(LedgerErrorCode.ACCOUNT_CLOSED));
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT, CREDIT, REFUND,
                        new FlagTransferForReview(TRANSFER, LedgerErrorCode.ACCOUNT_CLOSED))
                .expectActiveSagas(0);
    }

    /** As on a remote command bus: the debit's answer came at once, the credit's will come as its event. */
    @Test
    void waitsWithItsWatchdogForALegNotAnsweredAtOnce() {
        legsAnswer(LegDecision.applied(), null, null);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT, CREDIT)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void ignoresTheEventOfALegItHasActedOnAlready() {
        legsAnswer(LegDecision.applied(), null, null);
        fixture.givenAggregate(TRANSFER.toString()).published(REQUESTED)
                .whenAggregate(SOURCE.toString()).publishes(DEBITED)
                .expectNoDispatchedCommands()
                .expectActiveSagas(1);
    }

    @Test
    void goesOnWithTheEventOfALegNotAnsweredAtOnce() {
        legsAnswer(LegDecision.applied(), null, null);
        fixture.givenAggregate(TRANSFER.toString()).published(REQUESTED)
                .whenAggregate(DESTINATION.toString()).publishes(CREDITED)
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    /** A repeated leg changed nothing; what the account decided the first time arrives as that time's event. */
    @Test
    void waitsForTheEventWhenTheAccountHadDecidedTheLegBefore() {
        legsAnswer(LegDecision.decidedBefore(), null, null);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT)
                .expectActiveSagas(1)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endsOfATransfer")
    void endsOnceTheTransferRecordsItsEnd(Object end) {
        givenATransferBeingCredited()
                .whenAggregate(TRANSFER.toString()).publishes(end)
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    @Test
    void ignoresADuplicateDebitWhileCrediting() {
        givenATransferBeingCredited()
                .whenAggregate(SOURCE.toString()).publishes(DEBITED)
                .expectNoDispatchedCommands();
    }

    @Test
    void ignoresARedeliveredRequest() {
        givenATransferBeingCredited()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectNoDispatchedCommands();
    }

    @Test
    void ignoresACreditOnceTheTransferIsFinishing() {
        givenATransferBeingCredited()
                .andThenAggregate(DESTINATION.toString()).published(CREDIT_REJECTED)
                .andThenAggregate(SOURCE.toString()).published(refunded(LedgerErrorCode.ACCOUNT_FROZEN))
                .whenAggregate(DESTINATION.toString()).publishes(CREDITED)
                .expectNoDispatchedCommands();
    }

    @Test
    void failsTheBatchWhenAnAccountLockIsRefusedSoThatTheProcessorRetriesIt() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new DeadlockException("another batch holds the source account");
        });

        assertThatThrownBy(() -> fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED))
                .hasRootCauseInstanceOf(DeadlockException.class);
    }

    @Test
    void leavesAnyOtherFailedCommandToTheDeadline() {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("the account's node is down");
        });

        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(REQUESTED)
                .expectDispatchedCommands(DEBIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void sendsTheDebitAgainWhenItsDeadlinePasses() {
        givenATransferBeingDebited()
                .whenTimeElapses(STEP_TIMEOUT)
                .expectTriggeredDeadlinesWithName(STEP_DEADLINE)
                .expectDispatchedCommands(DEBIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
        assertThat(stepsTimedOut).containsExactly("debiting");
    }

    @Test
    void sendsTheCreditAgainOnceItWentAWholeTimeoutUnanswered() throws Exception {
        givenATransferBeingCredited()
                .andThenTimeElapses(STEP_TIMEOUT)
                .whenTimeElapses(STEP_TIMEOUT)
                .expectDispatchedCommands(CREDIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void givesAStepEnteredLaterAWholeTimeoutOfItsOwn() throws Exception {
        givenATransferBeingDebited()
                .andThenTimeElapses(STEP_TIMEOUT.dividedBy(2))
                .andThenAggregate(SOURCE.toString()).published(DEBITED)
                .whenTimeElapses(STEP_TIMEOUT.dividedBy(2))
                .expectTriggeredDeadlinesWithName(STEP_DEADLINE)
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
        assertThat(stepsTimedOut).as("the transfer moved on: no step timed out").isEmpty();
    }

    @Test
    void flagsTheTransferForReviewWhenTheDebitStaysUnanswered() throws Exception {
        givenATransferBeingDebited()
                .andThenTimeElapses(STEP_TIMEOUT)
                .andThenTimeElapses(STEP_TIMEOUT)
                .whenTimeElapses(STEP_TIMEOUT)
                .expectDispatchedCommands(FLAG_TIMED_OUT)
                .expectActiveSagas(0);
        assertThat(stepsTimedOut).containsExactly("debiting", "debiting", "debiting");
    }

    @Test
    void flagsInsteadOfRefundingWhenTheCreditStaysUnanswered() throws Exception {
        givenATransferBeingCredited()
                .andThenTimeElapses(STEP_TIMEOUT)
                .andThenTimeElapses(STEP_TIMEOUT)
                .andThenTimeElapses(STEP_TIMEOUT)
                .whenTimeElapses(STEP_TIMEOUT)
                .expectDispatchedCommands(FLAG_TIMED_OUT);
    }

    @Test
    void flagsTheTransferForReviewWhenTheRefundStaysUnanswered() throws Exception {
        givenATransferBeingRefunded()
                .andThenTimeElapses(STEP_TIMEOUT)
                .andThenTimeElapses(STEP_TIMEOUT)
                .andThenTimeElapses(STEP_TIMEOUT)
                .whenTimeElapses(STEP_TIMEOUT)
                .expectDispatchedCommands(FLAG_TIMED_OUT);
    }

    /** The first timeout belongs to the debit, whose watchdog finds the refund begun and comes back once more. */
    @Test
    void retriesEveryStepUpToItsLastAttempt() {
        givenATransferBeingRefunded()
                .whenTimeElapses(STEP_TIMEOUT.multipliedBy(TransferProcess.MAX_ATTEMPTS + 1L))
                .expectDispatchedCommands(REFUND, REFUND, FLAG_TIMED_OUT);
    }

    @Test
    void keepsSendingTheFinalCommandUntilTheTransferRecordsIt() {
        theFinalCommandFails();
        givenATransferBeingCredited()
                .andThenAggregate(DESTINATION.toString()).published(CREDITED)
                .whenTimeElapses(STEP_TIMEOUT.multipliedBy(TransferProcess.MAX_ATTEMPTS + 2L))
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER), new CompleteTransfer(TRANSFER),
                        new CompleteTransfer(TRANSFER), new CompleteTransfer(TRANSFER))
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void refundsTheDebitWhenTheDestinationWasNeverOpened() {
        givenATransferBeingCredited()
                .whenAggregate(DESTINATION.toString())
                .publishes(new AccountCreditRejected(DESTINATION, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .expectDispatchedCommands(
                        new RefundAccountDebit(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_NOT_FOUND, REQUESTED_AT));
    }

    /** Only the account may decide a credit; a refund on a failed dispatch could meet a late credit. */
    @Test
    void neverRefundsOnAFailedCreditDispatch() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CreditAccount credit) {
                throw new AggregateNotFoundException(credit.accountId().toString(), "No account " + credit.accountId());
            }
            return null;
        });
        givenATransferBeingCredited()
                .whenTimeElapses(STEP_TIMEOUT.multipliedBy(2))
                .expectDispatchedCommands(CREDIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void leavesAnyOtherFailedCreditToTheDeadline() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CreditAccount) {
                throw new IllegalStateException("The command bus is unavailable");
            }
            return null;
        });
        givenATransferBeingCredited()
                .whenTimeElapses(STEP_TIMEOUT.multipliedBy(2))
                .expectDispatchedCommands(CREDIT)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void ignoresARefundItDidNotAskFor() {
        givenATransferBeingCredited()
                .whenAggregate(SOURCE.toString()).publishes(refunded(LedgerErrorCode.ACCOUNT_NOT_FOUND))
                .expectNoDispatchedCommands();
    }

    /** How the fixture's command bus answers each leg: {@code null} is no answer with {@code send}, as remotely. */
    private void legsAnswer(LegDecision debit, LegDecision credit, LegDecision refund) {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof DebitAccount) {
                return debit;
            }
            if (command instanceof CreditAccount) {
                return credit;
            }
            return command instanceof RefundAccountDebit ? refund : null;
        });
    }

    private void theFinalCommandFails() {
        fixture.setCallbackBehavior((command, metaData) -> {
            if (command instanceof CompleteTransfer) {
                throw new IllegalStateException("The transfer's node is down");
            }
            return null;
        });
    }

    private ContinuedGivenState givenATransferBeingDebited() {
        return fixture.givenAggregate(TRANSFER.toString()).published(REQUESTED);
    }

    private ContinuedGivenState givenATransferBeingCredited() {
        return givenATransferBeingDebited()
                .andThenAggregate(SOURCE.toString()).published(DEBITED);
    }

    private ContinuedGivenState givenATransferBeingRefunded() {
        return givenATransferBeingCredited()
                .andThenAggregate(DESTINATION.toString()).published(CREDIT_REJECTED);
    }

    private static AccountDebitRefunded refunded(LedgerErrorCode reason) {
        return new AccountDebitRefunded(SOURCE, TRANSFER, AMOUNT, reason, Money.of(10000, "EUR"));
    }
}
