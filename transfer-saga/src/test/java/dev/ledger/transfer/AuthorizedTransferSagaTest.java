package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.AUTHORIZATION_REQUESTED;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.EXPIRES_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTED_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTER;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static dev.ledger.transfer.TransferSaga.EXPIRY_DEADLINE;
import static dev.ledger.transfer.TransferSaga.STEP_DEADLINE;

import dev.ledger.api.account.AccountCaptureRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountHoldRejected;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.HoldAccountFunds;
import dev.ledger.api.account.ReleaseAccountHold;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.ExpireTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferAuthorized;
import dev.ledger.api.transfer.MarkTransferExpired;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferVoided;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.ContinuedGivenState;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The saga of a transfer captured later: it holds, records the authorization, rests with a persistent expiry deadline
 * instead of a step watchdog, and takes the second phase the transfer decided.
 */
class AuthorizedTransferSagaTest {

    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final Money PART = Money.of(1000, "EUR");
    private static final Instant CAPTURED_AT = REQUESTED_AT.plus(Duration.ofDays(1));
    private static final AccountFundsHeld HELD = new AccountFundsHeld(SOURCE, TRANSFER, AMOUNT, Money.of(0, "EUR"));

    private SagaTestFixture<TransferSaga> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new SagaTestFixture<>(TransferSaga.class);
        fixture.givenCurrentTime(REQUESTED_AT);
        fixture.registerResource(new TransferStepTimeout(STEP_TIMEOUT));
        fixture.registerResource((StepTimeouts) step -> { });
        fixture.registerResource((TransferEnds) transferId -> Optional.of(0L));
        fixture.registerResource(StepAnswers.AT_ONCE.over(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
    }

    @Test
    void startsByHoldingTheAmountOnTheSource() throws Exception {
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(AUTHORIZATION_REQUESTED)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new HoldAccountFunds(SOURCE, TRANSFER, AMOUNT, REQUESTER, REQUESTED_AT))
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    /** Recorded at once on a local bus: the saga then rests, watching nothing but the expiry. */
    @Test
    void recordsTheAuthorizationAndThenWaitsForTheExpiryOnly() throws Exception {
        givenAHold()
                .whenAggregate(SOURCE.toString()).publishes(HELD)
                .expectDispatchedCommands(new MarkTransferAuthorized(TRANSFER))
                .expectScheduledDeadlineWithName(EXPIRES_AT, EXPIRY_DEADLINE)
                .expectNoScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE)
                .expectActiveSagas(1);
    }

    /** As over a remote bus: the authorization's own event tells the saga. */
    @Test
    void theAuthorizationsEventAlsoSetsTheExpiryOnce() throws Exception {
        fixture.setCallbackBehavior((command, metaData) -> {
            throw new IllegalStateException("answered later");
        });
        givenAHold()
                .andThenAggregate(SOURCE.toString()).published(HELD)
                .whenAggregate(TRANSFER.toString()).publishes(new TransferAuthorized(TRANSFER, EXPIRES_AT))
                .expectNoDispatchedCommands()
                .expectScheduledDeadlineWithName(EXPIRES_AT, EXPIRY_DEADLINE)
                .expectNoScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void failsTheTransferWhenTheHoldIsRejected() throws Exception {
        givenAHold()
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountHoldRejected(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectDispatchedCommands(new FailTransfer(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectActiveSagas(0);
    }

    @Test
    void aCaptureCancelsTheExpiryAndPostsTheHold() throws Exception {
        givenAnAuthorization()
                .andThenTimeElapses(Duration.ofDays(1))
                .whenAggregate(TRANSFER.toString()).publishes(new TransferCaptureRequested(TRANSFER, PART, REQUESTER))
                .expectDispatchedCommands(new CaptureAccountHold(SOURCE, TRANSFER, PART, CAPTURED_AT))
                .expectNoScheduledDeadlineWithName(EXPIRES_AT, EXPIRY_DEADLINE)
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
    }

    @Test
    void aCapturedHoldCreditsTheCapturedPartAndCompletes() throws Exception {
        givenACapture()
                .andThenAggregate(SOURCE.toString()).published(new AccountHoldCaptured(SOURCE, TRANSFER, PART,
                        AMOUNT.minus(PART), Money.of(9000, "EUR"), Money.of(9000, "EUR")))
                .whenAggregate(DESTINATION.toString())
                .publishes(new AccountCredited(DESTINATION, TRANSFER, PART, PART))
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER))
                .expectActiveSagas(0);
    }

    @Test
    void aCaptureAnswersWithTheCreditOfThePart() throws Exception {
        givenACapture()
                .whenAggregate(SOURCE.toString()).publishes(new AccountHoldCaptured(SOURCE, TRANSFER, PART,
                        AMOUNT.minus(PART), Money.of(9000, "EUR"), Money.of(9000, "EUR")))
                .expectDispatchedCommands(new CreditAccount(DESTINATION, TRANSFER, PART, CAPTURED_AT));
    }

    @Test
    void aRefusedCaptureIsLeftForReview() throws Exception {
        givenACapture()
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountCaptureRejected(SOURCE, TRANSFER, PART, LedgerErrorCode.TRANSFER_NOT_FOUND))
                .expectDispatchedCommands(new FlagTransferForReview(TRANSFER, LedgerErrorCode.TRANSFER_NOT_FOUND));
    }

    @Test
    void aVoidReleasesTheHoldAndEndsVoided() throws Exception {
        givenAnAuthorization()
                .andThenTimeElapses(Duration.ofDays(1))
                .andThenAggregate(TRANSFER.toString()).published(new TransferVoidRequested(TRANSFER, REQUESTER))
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountHoldReleased(SOURCE, TRANSFER, AMOUNT, Money.of(10_000, "EUR")))
                .expectDispatchedCommands(new MarkTransferVoided(TRANSFER))
                .expectActiveSagas(0)
                .expectNoScheduledDeadlines();
    }

    @Test
    void aVoidSendsTheReleaseAsOfItsRequest() throws Exception {
        givenAnAuthorization()
                .andThenTimeElapses(Duration.ofDays(1))
                .whenAggregate(TRANSFER.toString()).publishes(new TransferVoidRequested(TRANSFER, REQUESTER))
                .expectDispatchedCommands(new ReleaseAccountHold(SOURCE, TRANSFER, CAPTURED_AT))
                .expectNoScheduledDeadlineWithName(EXPIRES_AT, EXPIRY_DEADLINE);
    }

    /** The expiry asks the transfer, which arbitrates it against a capture; and asks again until it has decided. */
    @Test
    void atExpiresAtTheTransferIsAskedToLapseAndAskedAgainUntilItDecides() throws Exception {
        givenAnAuthorization()
                .whenTimeAdvancesTo(EXPIRES_AT.plusMillis(1))
                .expectDispatchedCommands(new ExpireTransfer(TRANSFER))
                .expectScheduledDeadlineWithName(EXPIRES_AT.plus(STEP_TIMEOUT), EXPIRY_DEADLINE)
                .expectActiveSagas(1);
    }

    @Test
    void aLapsedAuthorizationReleasesTheHoldAndEndsExpired() throws Exception {
        givenAnAuthorization()
                .andThenTimeElapses(Duration.between(REQUESTED_AT, EXPIRES_AT))
                .andThenAggregate(TRANSFER.toString()).published(new TransferAuthorizationLapsed(TRANSFER))
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountHoldReleased(SOURCE, TRANSFER, AMOUNT, Money.of(10_000, "EUR")))
                .expectDispatchedCommands(new MarkTransferExpired(TRANSFER))
                .expectActiveSagas(0);
    }

    @Test
    void theSagaEndsWithTheTransfersVoidOrExpiry() throws Exception {
        givenAnAuthorization()
                .andThenAggregate(TRANSFER.toString()).published(new TransferVoidRequested(TRANSFER, REQUESTER))
                .whenAggregate(TRANSFER.toString()).publishes(new TransferVoided(TRANSFER))
                .expectActiveSagas(0);
        createFixture();
        givenAnAuthorization()
                .andThenAggregate(TRANSFER.toString()).published(new TransferAuthorizationLapsed(TRANSFER))
                .whenAggregate(TRANSFER.toString()).publishes(new TransferExpired(TRANSFER))
                .expectActiveSagas(0);
    }

    private ContinuedGivenState givenAHold() {
        return fixture.givenAggregate(TRANSFER.toString()).published(AUTHORIZATION_REQUESTED);
    }

    private ContinuedGivenState givenAnAuthorization() {
        return givenAHold()
                .andThenAggregate(SOURCE.toString()).published(HELD)
                .andThenAggregate(TRANSFER.toString()).published(new TransferAuthorized(TRANSFER, EXPIRES_AT));
    }

    private ContinuedGivenState givenACapture() throws Exception {
        return givenAnAuthorization()
                .andThenTimeElapses(Duration.ofDays(1))
                .andThenAggregate(TRANSFER.toString()).published(new TransferCaptureRequested(TRANSFER, PART, REQUESTER));
    }
}
