package dev.ledger.transfer;

import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_NOT_FOUND;
import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.AUTHORIZATION_REQUESTED;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.EXPIRES_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTED_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTER;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.account.CaptureAccountHold;
import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.HoldAccountFunds;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.account.ReleaseAccountHold;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.ExpireTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferAuthorized;
import dev.ledger.api.transfer.MarkTransferExpired;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.transfer.TransferProcess.Stage;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** The decisions of a transfer captured later, as plain calls: every branch of its two phases, no Axon. */
class AuthorizedTransferProcessTest {

    private static final Instant CAPTURED_AT = REQUESTED_AT.plus(Duration.ofDays(3));
    private static final Money PART = Money.of(1000, "EUR");

    private final TransferProcess process = TransferProcess.requested(AUTHORIZATION_REQUESTED, REQUESTED_AT);

    @Test
    void startsByHoldingTheAmountOnTheSourceOnBehalfOfTheRequester() {
        assertThat(process.stage()).isEqualTo(Stage.HOLDING);
        assertThat(process.currentCommand())
                .isEqualTo(new HoldAccountFunds(SOURCE, TRANSFER, AMOUNT, REQUESTER, REQUESTED_AT));
        assertThat(process.expiresAt()).isEqualTo(EXPIRES_AT);
    }

    @Test
    void recordsItsAuthorizationOnceTheHoldIsPlacedThenRestsWithNothingToSend() {
        assertThat(process.decided(Stage.HOLDING, LegDecision.applied())).contains(new MarkTransferAuthorized(TRANSFER));
        assertThat(process.awaitsAnswer()).isTrue();

        process.authorized();

        assertThat(process.stage()).isEqualTo(Stage.AUTHORIZED);
        assertThat(process.awaitsAnswer()).isFalse();
        assertThat(process.timedOut(Stage.AUTHORIZED)).as("nothing to watch while it rests").isEmpty();
    }

    @Test
    void failsWithTheHoldsReasonWhenTheHoldIsRefused() {
        assertThat(process.decided(Stage.HOLDING, LegDecision.rejected(INSUFFICIENT_FUNDS)))
                .contains(new FailTransfer(TRANSFER, INSUFFICIENT_FUNDS));
    }

    @Test
    void recordsItsAuthorizationUntilThatIsHandledNeverGivingUp() {
        process.decided(Stage.HOLDING, LegDecision.applied());
        for (int attempt = 0; attempt < TransferProcess.MAX_ATTEMPTS + 2; attempt++) {
            assertThat(process.timedOut(Stage.AUTHORIZING)).contains(new MarkTransferAuthorized(TRANSFER));
        }
    }

    @Test
    void aCaptureOfPartPostsItFromTheHoldThenCreditsThatPartAsOfTheCapture() {
        authorize();

        assertThat(process.captureRequested(PART, CAPTURED_AT))
                .contains(new CaptureAccountHold(SOURCE, TRANSFER, PART, CAPTURED_AT));
        assertThat(process.decided(Stage.CAPTURING, LegDecision.applied()))
                .contains(new CreditAccount(DESTINATION, TRANSFER, PART, CAPTURED_AT));
        assertThat(process.decided(Stage.CREDITING, LegDecision.applied())).contains(new CompleteTransfer(TRANSFER));
    }

    @Test
    void aCaptureWhoseCreditIsRefusedRefundsWhatWasCaptured() {
        authorize();
        process.captureRequested(PART, CAPTURED_AT);
        process.decided(Stage.CAPTURING, LegDecision.applied());

        assertThat(process.decided(Stage.CREDITING, LegDecision.rejected(ACCOUNT_FROZEN)))
                .contains(new RefundAccountDebit(SOURCE, TRANSFER, PART, ACCOUNT_FROZEN, CAPTURED_AT));
        assertThat(process.decided(Stage.REFUNDING, LegDecision.applied()))
                .contains(new MarkTransferRefunded(TRANSFER, ACCOUNT_FROZEN));
    }

    /** The transfer decided the capture and the hold was placed: an account that refuses it disagrees with both. */
    @Test
    void aRefusedCaptureIsLeftForReview() {
        authorize();
        process.captureRequested(AMOUNT, CAPTURED_AT);

        assertThat(process.decided(Stage.CAPTURING, LegDecision.rejected(TRANSFER_NOT_FOUND)))
                .contains(new FlagTransferForReview(TRANSFER, TRANSFER_NOT_FOUND));
    }

    @Test
    void aVoidReleasesTheHoldAndEndsVoided() {
        authorize();

        assertThat(process.releaseRequested(TransferStatus.VOIDED, CAPTURED_AT))
                .contains(new ReleaseAccountHold(SOURCE, TRANSFER, CAPTURED_AT));
        assertThat(process.decided(Stage.RELEASING, LegDecision.applied())).contains(new MarkTransferVoided(TRANSFER));
    }

    @Test
    void aLapseReleasesTheHoldAndEndsExpired() {
        authorize();

        assertThat(process.expiryReached()).contains(new ExpireTransfer(TRANSFER));
        assertThat(process.releaseRequested(TransferStatus.EXPIRED, EXPIRES_AT))
                .contains(new ReleaseAccountHold(SOURCE, TRANSFER, EXPIRES_AT));
        assertThat(process.decided(Stage.RELEASING, LegDecision.applied())).contains(new MarkTransferExpired(TRANSFER));
    }

    @Test
    void aRefusedReleaseIsLeftForReview() {
        authorize();
        process.releaseRequested(TransferStatus.VOIDED, CAPTURED_AT);

        assertThat(process.decided(Stage.RELEASING, LegDecision.rejected(TRANSFER_NOT_FOUND)))
                .contains(new FlagTransferForReview(TRANSFER, TRANSFER_NOT_FOUND));
    }

    /** The transfer decides one second phase; a second one reaching the process is a redelivery, and sends nothing. */
    @Test
    void onlyTheFirstSecondPhaseIsTakenAndTheExpiryNoLongerFiresOnceItIs() {
        authorize();
        process.captureRequested(AMOUNT, CAPTURED_AT);

        assertThat(process.captureRequested(AMOUNT, CAPTURED_AT)).isEmpty();
        assertThat(process.releaseRequested(TransferStatus.VOIDED, CAPTURED_AT)).isEmpty();
        assertThat(process.expiryReached()).isEmpty();
        assertThat(process.stage()).isEqualTo(Stage.CAPTURING);
    }

    @Test
    void aSecondPhaseCanOvertakeTheAnswerToTheAuthorization() {
        process.decided(Stage.HOLDING, LegDecision.applied());

        assertThat(process.releaseRequested(TransferStatus.VOIDED, CAPTURED_AT))
                .contains(new ReleaseAccountHold(SOURCE, TRANSFER, CAPTURED_AT));
    }

    @Test
    void nothingButARestingTransferIsCapturedOrExpired() {
        assertThat(process.captureRequested(AMOUNT, CAPTURED_AT)).isEmpty();
        assertThat(process.expiryReached()).isEmpty();
        assertThat(process.stage()).isEqualTo(Stage.HOLDING);
    }

    @Test
    void anUnansweredCaptureIsSentAgainThenLeftForReview() {
        authorize();
        process.captureRequested(AMOUNT, CAPTURED_AT);

        assertThat(process.timedOut(Stage.CAPTURING))
                .contains(new CaptureAccountHold(SOURCE, TRANSFER, AMOUNT, CAPTURED_AT));
        process.timedOut(Stage.CAPTURING);
        assertThat(process.timedOut(Stage.CAPTURING)).containsInstanceOf(FlagTransferForReview.class);
    }

    private void authorize() {
        process.decided(Stage.HOLDING, LegDecision.applied());
        process.authorized();
    }
}
