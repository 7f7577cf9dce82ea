package dev.ledger.transfer;

import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.error.LedgerRuleViolation;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CompleteTransfer;
import dev.ledger.api.transfer.FailTransfer;
import dev.ledger.api.transfer.FlagTransferForReview;
import dev.ledger.api.transfer.MarkTransferExpired;
import dev.ledger.api.transfer.MarkTransferRefunded;
import dev.ledger.api.transfer.MarkTransferVoided;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferVoided;
import java.util.List;
import java.util.stream.Stream;
import org.axonframework.test.aggregate.AggregateTestFixture;
import org.hamcrest.Description;
import org.hamcrest.Matcher;
import org.hamcrest.TypeSafeMatcher;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TransferTest {

    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final AccountId SOURCE = new AccountId("alice-eur");
    private static final AccountId DESTINATION = new AccountId("bob-eur");
    private static final Money AMOUNT = Money.of(2500, "EUR");
    private static final Requester REQUESTER = Requester.owner("alice");
    private static final TransferRequested REQUESTED = new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER);

    private AggregateTestFixture<Transfer> fixture;

    @BeforeEach
    void createFixture() {
        fixture = new AggregateTestFixture<>(Transfer.class);
    }

    /** Each way a transfer can end: the command that ends it and the event it records. */
    static List<Ending> endings() {
        return List.of(
                new Ending(new CompleteTransfer(TRANSFER), new TransferCompleted(TRANSFER)),
                new Ending(new FailTransfer(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS),
                        new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS)),
                new Ending(new MarkTransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN),
                        new TransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN)),
                new Ending(new FlagTransferForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT),
                        new TransferFlaggedForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT)),
                new Ending(new MarkTransferVoided(TRANSFER), new TransferVoided(TRANSFER)),
                new Ending(new MarkTransferExpired(TRANSFER), new TransferExpired(TRANSFER)));
    }

    static Stream<Arguments> everyOtherEnding() {
        return endings().stream().flatMap(reached -> endings().stream()
                .filter(attempted -> !attempted.equals(reached))
                .map(attempted -> arguments(reached, attempted)));
    }

    @Test
    void recordsTheRequestedTransfer() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", REQUESTER))
                .expectEvents(REQUESTED);
    }

    @Test
    void refusesATransferToTheSameAccount() {
        fixture.givenNoPriorActivity()
                .when(new RequestTransfer(TRANSFER, SOURCE, SOURCE, AMOUNT, "rent", REQUESTER))
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.SAME_ACCOUNT));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void endsTheTransferOnItsFinalCommand(Ending ending) {
        fixture.given(REQUESTED)
                .when(ending.command())
                .expectEvents(ending.event());
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("endings")
    void ignoresTheSameFinalCommandOnceTheTransferHasEnded(Ending ending) {
        fixture.given(REQUESTED, ending.event())
                .when(ending.command())
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    @ParameterizedTest(name = "ended with {0}, then {1}")
    @MethodSource("everyOtherEnding")
    void refusesADifferentEndOnceTheTransferHasEnded(Ending reached, Ending attempted) {
        fixture.given(REQUESTED, reached.event())
                .when(attempted.command())
                .expectNoEvents()
                .expectException(aRuleViolation(LedgerErrorCode.TRANSFER_ALREADY_ENDED));
    }

    @Test
    void ignoresARepeatedFailureThatGivesAnotherReason() {
        fixture.given(REQUESTED, new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS))
                .when(new FailTransfer(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN))
                .expectSuccessfulHandlerExecution()
                .expectNoEvents();
    }

    static Matcher<LedgerRuleViolation> aRuleViolation(LedgerErrorCode code) {
        return new TypeSafeMatcher<>() {
            @Override
            protected boolean matchesSafely(LedgerRuleViolation violation) {
                return violation.code() == code;
            }

            @Override
            public void describeTo(Description description) {
                description.appendText("a LedgerRuleViolation with code ").appendValue(code);
            }
        };
    }

    record Ending(Object command, Object event) {

        @Override
        public String toString() {
            return command.getClass().getSimpleName();
        }
    }
}
