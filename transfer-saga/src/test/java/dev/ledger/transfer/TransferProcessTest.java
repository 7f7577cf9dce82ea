package dev.ledger.transfer;

import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_CLOSED;
import static dev.ledger.api.error.LedgerErrorCode.ACCOUNT_FROZEN;
import static dev.ledger.api.error.LedgerErrorCode.INSUFFICIENT_FUNDS;
import static dev.ledger.api.error.LedgerErrorCode.STEP_TIMED_OUT;
import static dev.ledger.api.error.LedgerErrorCode.TRANSFER_TOO_OLD;
import static dev.ledger.transfer.OneTransfer.AMOUNT;
import static dev.ledger.transfer.OneTransfer.DESTINATION;
import static dev.ledger.transfer.OneTransfer.REQUESTED;
import static dev.ledger.transfer.OneTransfer.REQUESTED_AT;
import static dev.ledger.transfer.OneTransfer.REQUESTER;
import static dev.ledger.transfer.OneTransfer.SOURCE;
import static dev.ledger.transfer.OneTransfer.TRANSFER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.account.CreditAccount;
import dev.ledger.api.account.DebitAccount;
import dev.ledger.api.account.LegDecision;
import dev.ledger.api.account.RefundAccountDebit;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.transfer.TransferProcess.Stage;
import org.junit.jupiter.api.Test;

/** The transfer's decisions on their own, as plain calls: every branch, no Axon. */
class TransferProcessTest {

    private static final DebitAccount DEBIT = new DebitAccount(SOURCE, TRANSFER, AMOUNT, REQUESTER, REQUESTED_AT);
    private static final CreditAccount CREDIT = new CreditAccount(DESTINATION, TRANSFER, AMOUNT, REQUESTED_AT);

    private final TransferProcess process = TransferProcess.requested(REQUESTED, REQUESTED_AT);

    @Test
    void startsByDebitingTheSourceOnBehalfOfTheRequester() {
        assertThat(process.stage()).isEqualTo(Stage.DEBITING);
        assertThat(process.currentCommand()).isEqualTo(DEBIT);
    }

    @Test
    void creditsTheDestinationOnceTheDebitIsTaken() {
        assertThat(process.decided(Stage.DEBITING, LegDecision.applied())).contains(CREDIT);
        assertThat(process.stage()).isEqualTo(Stage.CREDITING);
    }

    @Test
    void failsWithTheDebitsReasonWhenTheDebitIsRefused() {
        assertThat(process.decided(Stage.DEBITING, LegDecision.rejected(INSUFFICIENT_FUNDS)))
                .contains(new FailTransfer(TRANSFER, INSUFFICIENT_FUNDS));
    }

    @Test
    void leavesATooOldDebitForReviewRatherThanFailingIt() {
        assertThat(process.decided(Stage.DEBITING, LegDecision.rejected(TRANSFER_TOO_OLD)))
                .contains(new FlagTransferForReview(TRANSFER, TRANSFER_TOO_OLD));
    }

    @Test
    void completesOnceTheCreditIsMade() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.decided(Stage.CREDITING, LegDecision.applied())).contains(new CompleteTransfer(TRANSFER));
        assertThat(process.stage()).isEqualTo(Stage.FINISHING);
    }

    @Test
    void refundsTheDebitWithTheCreditsReasonWhenTheCreditIsRefused() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.decided(Stage.CREDITING, LegDecision.rejected(ACCOUNT_FROZEN)))
                .contains(new RefundAccountDebit(SOURCE, TRANSFER, AMOUNT, ACCOUNT_FROZEN, REQUESTED_AT));
    }

    @Test
    void leavesATooOldCreditForReviewRatherThanRefundingIt() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.decided(Stage.CREDITING, LegDecision.rejected(TRANSFER_TOO_OLD)))
                .contains(new FlagTransferForReview(TRANSFER, TRANSFER_TOO_OLD));
    }

    @Test
    void marksTheTransferRefundedWithTheCreditsReasonOnceTheRefundIsMade() {
        refunding();
        assertThat(process.decided(Stage.REFUNDING, LegDecision.applied()))
                .contains(new MarkTransferRefunded(TRANSFER, ACCOUNT_FROZEN));
    }

    @Test
    void leavesARefusedRefundForReviewWithTheRefundsReason() {
        refunding();
        assertThat(process.decided(Stage.REFUNDING, LegDecision.rejected(ACCOUNT_CLOSED)))
                .contains(new FlagTransferForReview(TRANSFER, ACCOUNT_CLOSED));
    }

    @Test
    void sendsNothingForAnAnswerToAStepItHasLeft() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.decided(Stage.DEBITING, LegDecision.rejected(INSUFFICIENT_FUNDS))).isEmpty();
        assertThat(process.decided(Stage.REFUNDING, LegDecision.applied())).isEmpty();
        assertThat(process.currentCommand()).isEqualTo(CREDIT);
    }

    @Test
    void waitsForTheEventOfALegTheAccountHadDecidedBefore() {
        assertThat(process.decided(Stage.DEBITING, LegDecision.decidedBefore())).isEmpty();
        assertThat(process.stage()).isEqualTo(Stage.DEBITING);
    }

    @Test
    void ignoresLegAnswersOnceItIsFinishing() {
        process.decided(Stage.DEBITING, LegDecision.rejected(INSUFFICIENT_FUNDS));
        assertThat(process.decided(Stage.FINISHING, LegDecision.applied())).isEmpty();
        assertThat(process.currentCommand()).isEqualTo(new FailTransfer(TRANSFER, INSUFFICIENT_FUNDS));
    }

    @Test
    void sendsAStepAgainWhenItWentAWholeTimeoutUnanswered() {
        assertThat(process.timedOut(Stage.DEBITING)).contains(DEBIT);
        assertThat(process.attempts()).isEqualTo(1);
    }

    @Test
    void watchesAgainWithoutSendingWhenTheStepBeganAfterTheWatchdogWasSet() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.timedOut(Stage.DEBITING)).isEmpty();
        assertThat(process.attempts()).isZero();
    }

    @Test
    void leavesAStepUnansweredAfterItsLastAttemptForReviewNeverForARefund() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        for (int attempt = 1; attempt < TransferProcess.MAX_ATTEMPTS; attempt++) {
            assertThat(process.timedOut(Stage.CREDITING)).contains(CREDIT);
        }
        assertThat(process.timedOut(Stage.CREDITING)).contains(new FlagTransferForReview(TRANSFER, STEP_TIMED_OUT));
    }

    @Test
    void givesEachStepItsOwnAttempts() {
        process.timedOut(Stage.DEBITING);
        process.timedOut(Stage.DEBITING);
        process.decided(Stage.DEBITING, LegDecision.applied());
        assertThat(process.attempts()).isZero();
        assertThat(process.timedOut(Stage.CREDITING)).contains(CREDIT);
    }

    @Test
    void neverGivesUpTheFinalCommand() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        process.decided(Stage.CREDITING, LegDecision.applied());
        for (int attempt = 0; attempt < 3 * TransferProcess.MAX_ATTEMPTS; attempt++) {
            assertThat(process.timedOut(Stage.FINISHING)).contains(new CompleteTransfer(TRANSFER));
        }
    }

    private void refunding() {
        process.decided(Stage.DEBITING, LegDecision.applied());
        process.decided(Stage.CREDITING, LegDecision.rejected(ACCOUNT_FROZEN));
    }
}
