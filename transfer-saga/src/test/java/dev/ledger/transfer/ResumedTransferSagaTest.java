package dev.ledger.transfer;

import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static dev.ledger.transfer.TransferSaga.STEP_DEADLINE;

import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import org.axonframework.commandhandling.gateway.DefaultCommandGateway;
import org.axonframework.eventhandling.PropagatingErrorHandler;
import org.axonframework.test.saga.SagaTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A refund or retry resolved in review is a new saga for the transfer: it sends the leg the resolution resumes with,
 * dated at the resolution, watches it like any step, and ends the transfer as the leg's answer decides. A failure or
 * completion starts nothing, nor does a resolution delivered again after the transfer moved on.
 */
class ResumedTransferSagaTest {

    private static final Instant RESOLVED_AT = Instant.parse("2026-12-03T10:00:00Z");
    private static final Duration STEP_TIMEOUT = Duration.ofSeconds(30);
    private static final ReviewEvidence DEBITED_ONLY = Evidence.streams().taken(Leg.DEBIT).read();

    private SagaTestFixture<TransferSaga> fixture;
    private long lastEventOfTheTransfer;

    @BeforeEach
    void createFixture() {
        fixture = new SagaTestFixture<>(TransferSaga.class);
        fixture.givenCurrentTime(RESOLVED_AT);
        fixture.registerResource(new TransferStepTimeout(STEP_TIMEOUT));
        fixture.registerResource((StepTimeouts) stage -> { });
        fixture.registerResource((TransferEnds) id -> Optional.of(lastEventOfTheTransfer));
        fixture.registerResource(StepAnswers.AT_ONCE.over(
                DefaultCommandGateway.builder().commandBus(fixture.getCommandBus()).build()));
        fixture.registerListenerInvocationErrorHandler(PropagatingErrorHandler.instance());
    }

    private static TransferReviewResolved resolved(ReviewAction action, Leg leg, Money amount) {
        return new TransferReviewResolved(TRANSFER, "r-1", action, LedgerErrorCode.STEP_TIMED_OUT, "admin",
                "checked", action.needsFourEyes() ? "admin2" : null, null, DEBITED_ONLY, leg, amount);
    }

    @Test
    void aRefundResolvedInReviewRefundsTheSourceAndEndsRefunded() {
        TransferReviewResolved refund = resolved(ReviewAction.REFUND, Leg.REFUND, AMOUNT);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(refund)
                .expectActiveSagas(1)
                .expectDispatchedCommands(new RefundAccountDebit(SOURCE, TRANSFER, AMOUNT,
                        LedgerErrorCode.STEP_TIMED_OUT, RESOLVED_AT))
                .expectScheduledDeadlineWithName(STEP_TIMEOUT, STEP_DEADLINE);
        fixture.givenAggregate(TRANSFER.toString()).published(refund)
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountDebitRefunded(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.STEP_TIMED_OUT,
                        Money.of(10000, "EUR")))
                .expectDispatchedCommands(new MarkTransferRefunded(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT))
                .expectActiveSagas(0);
    }

    @Test
    void aRetriedCreditCompletesTheTransfer() {
        TransferReviewResolved retry = resolved(ReviewAction.RETRY, Leg.CREDIT, AMOUNT);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(retry)
                .expectDispatchedCommands(new CreditAccount(DESTINATION, TRANSFER, AMOUNT, RESOLVED_AT));
        fixture.givenAggregate(TRANSFER.toString()).published(retry)
                .whenAggregate(DESTINATION.toString())
                .publishes(new AccountCredited(DESTINATION, TRANSFER, AMOUNT, AMOUNT))
                .expectDispatchedCommands(new CompleteTransfer(TRANSFER))
                .expectActiveSagas(0);
    }

    /** Retried, and unanswered again: the watchdog gives up as for any step, and the transfer is back in review. */
    @Test
    void aRetryThatGoesUnansweredStopsInReviewAgain() throws Exception {
        fixture.givenAggregate(TRANSFER.toString()).published(resolved(ReviewAction.RETRY, Leg.CREDIT, AMOUNT))
                .andThenTimeElapses(STEP_TIMEOUT.multipliedBy(TransferProcess.MAX_ATTEMPTS - 1))
                .whenTimeElapses(STEP_TIMEOUT)
                .expectDispatchedCommands(new FlagTransferForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT));
    }

    @Test
    void aRetriedCaptureCapturesTheDecidedAmountAndCreditsIt() {
        Money captured = Money.of(2000, "EUR");
        TransferReviewResolved retry = resolved(ReviewAction.RETRY, Leg.CAPTURE, captured);
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(retry)
                .expectDispatchedCommands(new CaptureAccountHold(SOURCE, TRANSFER, captured, RESOLVED_AT));
        fixture.givenAggregate(TRANSFER.toString()).published(retry)
                .whenAggregate(SOURCE.toString())
                .publishes(new AccountHoldCaptured(SOURCE, TRANSFER, captured, Money.of(500, "EUR"), Money.of(8000, "EUR"),
                        Money.of(8000, "EUR")))
                .expectDispatchedCommands(new CreditAccount(DESTINATION, TRANSFER, captured, RESOLVED_AT));
    }

    @Test
    void aFailureOrCompletionResolvedInReviewStartsNothing() {
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(resolved(ReviewAction.FAIL, null, null))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands()
                .expectNoScheduledDeadlines();
    }

    /** As after the saga processor's token was reset: the transfer's stream has moved on past the resolution. */
    @Test
    void aResolutionDeliveredAgainAfterTheTransferMovedOnStartsNothing() {
        lastEventOfTheTransfer = 3;
        fixture.givenNoPriorActivity()
                .whenAggregate(TRANSFER.toString()).publishes(resolved(ReviewAction.REFUND, Leg.REFUND, AMOUNT))
                .expectActiveSagas(0)
                .expectNoDispatchedCommands();
    }
}
