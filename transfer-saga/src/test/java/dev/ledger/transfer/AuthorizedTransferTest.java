package dev.ledger.transfer;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.ExpireTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.MarkTransferAuthorized;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.VoidTransfer;
import java.time.Duration;
import java.time.Instant;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A transfer captured later decides its second phase once: the first of a capture, a void and the lapse of its
 * authorization wins, and the transfer refuses the others with a code that says which came first.
 */
class AuthorizedTransferTest {

    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final AccountId SOURCE = new AccountId("alice-eur");
    private static final AccountId DESTINATION = new AccountId("bob-eur");
    private static final Money AMOUNT = Money.of(2500, "EUR");
    private static final Requester ALICE = Requester.owner("alice");
    private static final Requester STAFF = Requester.staff("admin");
    private static final Instant NOW = Instant.now();
    private static final Instant EXPIRES_AT = NOW.plus(Duration.ofDays(7));
    private static final TransferRequested REQUESTED = new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT,
            null, ALICE, CaptureMode.MANUAL, EXPIRES_AT);
    private static final TransferAuthorized AUTHORIZED = new TransferAuthorized(TRANSFER, EXPIRES_AT);

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    @Test
    void recordsAManualTransferWithItsExpiry() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer(TRANSFER, SOURCE, DESTINATION, AMOUNT, null, ALICE, CaptureMode.MANUAL,
                        EXPIRES_AT))
                .expectEvents(REQUESTED);
    }

    @Test
    void recordsItsAuthorizationOnceWithItsExpiry() {
        fixture.given(REQUESTED)
                .when(new MarkTransferAuthorized(TRANSFER))
                .expectEvents(AUTHORIZED);
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new MarkTransferAuthorized(TRANSFER))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @Test
    void aTransferThatMovesAtOnceIsNeverAuthorized() {
        fixture.given(new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, null, ALICE))
                .when(new MarkTransferAuthorized(TRANSFER))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_AUTHORIZED));
    }

    @Test
    void itsRequesterCapturesAllOfItWhenNoAmountIsGiven() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectEvents(new TransferCaptureRequested(TRANSFER, AMOUNT, ALICE));
    }

    @Test
    void staffCapturePartOfIt() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CaptureTransfer(TRANSFER, Money.of(1000, "EUR"), STAFF))
                .expectEvents(new TransferCaptureRequested(TRANSFER, Money.of(1000, "EUR"), STAFF));
    }

    @Test
    void anotherCustomerFindsNoSuchTransfer() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CaptureTransfer(TRANSFER, null, Requester.owner("bob")))
                .expectNoEvents()
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_FOUND));
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new VoidTransfer(TRANSFER, Requester.owner("bob")))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_FOUND));
    }

    @Test
    void aCaptureIsRefusedForMoreThanTheAuthorizationOrInAnotherCurrency() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CaptureTransfer(TRANSFER, Money.of(2501, "EUR"), ALICE))
                .expectNoEvents()
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.CAPTURE_EXCEEDS_AUTHORIZATION));
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new CaptureTransfer(TRANSFER, Money.of(100, "USD"), ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.CURRENCY_MISMATCH));
    }

    @Test
    void nothingIsCapturedBeforeTheHoldIsPlacedOrOfATransferThatMovedAtOnce() {
        fixture.given(REQUESTED)
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_AUTHORIZED));
        fixture.given(new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, null, ALICE),
                        new TransferCompleted(TRANSFER))
                .when(new VoidTransfer(TRANSFER, ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_AUTHORIZED));
        fixture.given(REQUESTED, new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_NOT_AUTHORIZED));
    }

    @Test
    void aSecondCaptureAndAVoidAfterACaptureAreRefused() {
        TransferCaptureRequested captured = new TransferCaptureRequested(TRANSFER, AMOUNT, ALICE);
        fixture.given(REQUESTED, AUTHORIZED, captured)
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectNoEvents()
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_CAPTURED));
        fixture.given(REQUESTED, AUTHORIZED, captured, new TransferCompleted(TRANSFER))
                .when(new VoidTransfer(TRANSFER, STAFF))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_CAPTURED));
        fixture.given(REQUESTED, AUTHORIZED, captured)
                .when(new ExpireTransfer(TRANSFER))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_CAPTURED));
    }

    @Test
    void aVoidedTransferIsNeitherCapturedNorExpired() {
        TransferVoidRequested voided = new TransferVoidRequested(TRANSFER, ALICE);
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new VoidTransfer(TRANSFER, ALICE))
                .expectEvents(voided);
        fixture.given(REQUESTED, AUTHORIZED, voided)
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_VOIDED));
        fixture.given(REQUESTED, AUTHORIZED, voided)
                .when(new ExpireTransfer(TRANSFER))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_VOIDED));
    }

    /** The race the issue names: the expiry wins if it is decided first, and the capture is then refused. */
    @Test
    void anExpiredTransferIsNeitherCapturedNorVoided() {
        fixture.given(REQUESTED, AUTHORIZED)
                .when(new ExpireTransfer(TRANSFER))
                .expectEvents(new TransferAuthorizationLapsed(TRANSFER));
        fixture.given(REQUESTED, AUTHORIZED, new TransferAuthorizationLapsed(TRANSFER))
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectNoEvents()
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_EXPIRED));
        fixture.given(REQUESTED, AUTHORIZED, new TransferAuthorizationLapsed(TRANSFER))
                .when(new VoidTransfer(TRANSFER, ALICE))
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_EXPIRED));
    }

    /** Between expiresAt and the deadline that lapses it, the authorization is over all the same. */
    @Test
    void aCaptureAfterExpiresAtIsRefusedBeforeTheDeadlineHasFired() {
        fixture.given(REQUESTED, AUTHORIZED)
                .andGivenCurrentTime(EXPIRES_AT.plusMillis(1))
                .when(new CaptureTransfer(TRANSFER, null, ALICE))
                .expectNoEvents()
                .expectException(TransferTest.aRuleViolation(LedgerErrorCode.TRANSFER_EXPIRED));
    }

    @Test
    void anAuthorizedTransferEndsAsTheSagaRecords() {
        fixture.given(REQUESTED, AUTHORIZED, new TransferCaptureRequested(TRANSFER, AMOUNT, ALICE))
                .when(new CompleteTransfer(TRANSFER))
                .expectEvents(new TransferCompleted(TRANSFER));
        fixture.given(REQUESTED)
                .when(new FailTransfer(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .expectEvents(new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS));
    }
}
