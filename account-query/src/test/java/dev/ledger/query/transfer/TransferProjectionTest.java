package dev.ledger.query.transfer;

import java.time.Instant;
import dev.ledger.api.transfer.TransferVoided;
import dev.ledger.api.transfer.TransferVoidRequested;
import dev.ledger.api.transfer.TransferExpired;
import dev.ledger.api.transfer.TransferCaptureRequested;
import dev.ledger.api.transfer.TransferAuthorized;
import dev.ledger.api.transfer.TransferAuthorizationLapsed;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.account.AccountHoldReleased;
import dev.ledger.api.account.AccountHoldCaptured;
import dev.ledger.api.account.AccountFundsHeld;
import dev.ledger.api.access.Requester;
import static dev.ledger.query.Events.accountEvent;
import static dev.ledger.query.Events.event;
import static dev.ledger.query.Events.secondsAfterT0;
import static dev.ledger.query.Events.transferEvent;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.api.account.AccountCreditRejected;
import dev.ledger.api.account.AccountCredited;
import dev.ledger.api.account.AccountDebitRefunded;
import dev.ledger.api.account.AccountDebitRejected;
import dev.ledger.api.account.AccountDebited;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.account.AccountRefundRejected;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.TransferCompleted;
import dev.ledger.api.transfer.TransferFailed;
import dev.ledger.api.transfer.TransferFlaggedForReview;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRefunded;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.TransferStatus;
import dev.ledger.api.transfer.query.FindTransfer;
import dev.ledger.api.transfer.query.TransferStep;
import dev.ledger.api.transfer.query.TransferView;
import dev.ledger.query.EventDelivery;
import dev.ledger.query.ReadModelTest;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import javax.sql.DataSource;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.messaging.responsetypes.ResponseTypes;
import org.axonframework.messaging.unitofwork.DefaultUnitOfWork;
import org.axonframework.messaging.unitofwork.UnitOfWork;
import org.axonframework.queryhandling.GenericSubscriptionQueryMessage;
import org.axonframework.queryhandling.QueryUpdateEmitter;
import org.axonframework.queryhandling.SimpleQueryUpdateEmitter;
import org.axonframework.queryhandling.UpdateHandlerRegistration;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.jpa.test.autoconfigure.TestEntityManager;
import org.springframework.jdbc.core.simple.JdbcClient;

@ReadModelTest
class TransferProjectionTest {

    private static final TransferId TRANSFER = new TransferId("transfer-1");
    private static final TransferId OTHER_TRANSFER = new TransferId("transfer-2");
    private static final AccountId SOURCE = new AccountId("alice-eur");
    private static final AccountId DESTINATION = new AccountId("bob-eur");
    private static final Money AMOUNT = Money.of(2_500, "EUR");

    private static final TransferRequested REQUESTED =
            new TransferRequested(TRANSFER, SOURCE, DESTINATION, AMOUNT, "rent", Requester.owner("alice"));
    private static final Instant EXPIRES_AT = Instant.parse("2030-01-08T00:00:00Z");
    private static final TransferRequested AUTHORIZATION_REQUESTED = new TransferRequested(TRANSFER, SOURCE,
            DESTINATION, AMOUNT, "deposit", Requester.owner("alice"), CaptureMode.MANUAL, EXPIRES_AT);
    private static final Money PART = Money.of(1_000, "EUR");
    private static final AccountDebited DEBITED = new AccountDebited(SOURCE, TRANSFER, AMOUNT, Money.of(7_500, "EUR"));
    private static final AccountCreditRejected CREDIT_REJECTED =
            new AccountCreditRejected(DESTINATION, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_FROZEN);

    @Autowired
    TestEntityManager entityManager;

    @Autowired
    DataSource dataSource;

    QueryUpdateEmitter updates;
    TransferProjection projection;
    EventDelivery processor;

    @BeforeEach
    void createProjection() {
        updates = SimpleQueryUpdateEmitter.builder().build();
        JdbcClient jdbc = JdbcClient.create(dataSource);
        projection = new TransferProjection(new TransferViewWriter(jdbc), new TransferViewReader(jdbc), updates);
        processor = new EventDelivery(projection, entityManager);
    }

    /** One event of a transfer's story, the aggregate that recorded it, and the status it leaves. */
    record Stage(String aggregateType, String aggregateId, Object payload, TransferStatus statusAfter) {
    }

    /** A transfer from its request to one of its ends, and the failure code that end carries. */
    record Journey(String name, LedgerErrorCode failureCode, List<Stage> stages) {

        /** The stages as messages a second apart, each with a fresh identifier. */
        List<DomainEventMessage<?>> events() {
            return IntStream.range(0, stages.size())
                    .<DomainEventMessage<?>>mapToObj(second -> event(stages.get(second).aggregateType(),
                            stages.get(second).aggregateId(), second, secondsAfterT0(second),
                            UUID.randomUUID().toString(), stages.get(second).payload()))
                    .toList();
        }

        TransferStatus end() {
            return stages.get(stages.size() - 1).statusAfter();
        }

        @Override
        public String toString() {
            return name;
        }
    }

    private static final Stage REQUEST = byTransfer(REQUESTED, TransferStatus.REQUESTED);
    private static final Stage DEBIT = byAccount(SOURCE, DEBITED, TransferStatus.DEBITED);
    private static final Stage CREDIT_REFUSAL = byAccount(DESTINATION, CREDIT_REJECTED, TransferStatus.REFUNDING);
    private static final Stage AUTHORIZATION = byTransfer(AUTHORIZATION_REQUESTED, TransferStatus.REQUESTED);
    private static final Stage HOLD = byAccount(SOURCE, new AccountFundsHeld(SOURCE, TRANSFER, AMOUNT,
            Money.of(7_500, "EUR")), TransferStatus.REQUESTED);
    private static final Stage AUTHORIZED = byTransfer(new TransferAuthorized(TRANSFER, EXPIRES_AT),
            TransferStatus.AUTHORIZED);
    private static final Stage RELEASE = byAccount(SOURCE, new AccountHoldReleased(SOURCE, TRANSFER, AMOUNT,
            Money.of(10_000, "EUR")), TransferStatus.AUTHORIZED);

    static Stream<Journey> journeys() {
        return Stream.of(
                journey("completed", null,
                        REQUEST, DEBIT,
                        byAccount(DESTINATION, new AccountCredited(DESTINATION, TRANSFER, AMOUNT, AMOUNT),
                                TransferStatus.DEBITED),
                        byTransfer(new TransferCompleted(TRANSFER), TransferStatus.COMPLETED)),
                journey("failed", LedgerErrorCode.INSUFFICIENT_FUNDS,
                        REQUEST,
                        byAccount(SOURCE, new AccountDebitRejected(SOURCE, TRANSFER, AMOUNT,
                                LedgerErrorCode.INSUFFICIENT_FUNDS), TransferStatus.REQUESTED),
                        byTransfer(new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS),
                                TransferStatus.FAILED)),
                journey("refunded", LedgerErrorCode.ACCOUNT_FROZEN,
                        REQUEST, DEBIT, CREDIT_REFUSAL,
                        byAccount(SOURCE, new AccountDebitRefunded(SOURCE, TRANSFER, AMOUNT,
                                LedgerErrorCode.ACCOUNT_FROZEN, Money.of(10_000, "EUR")), TransferStatus.REFUNDING),
                        byTransfer(new TransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN),
                                TransferStatus.REFUNDED)),
                // The source closed while the credit failed: the refund is refused and a person takes over.
                journey("flagged for review", LedgerErrorCode.ACCOUNT_CLOSED,
                        REQUEST, DEBIT, CREDIT_REFUSAL,
                        byAccount(SOURCE, new AccountRefundRejected(SOURCE, TRANSFER, AMOUNT,
                                LedgerErrorCode.ACCOUNT_CLOSED), TransferStatus.REFUNDING),
                        byTransfer(new TransferFlaggedForReview(TRANSFER, LedgerErrorCode.ACCOUNT_CLOSED),
                                TransferStatus.MANUAL_REVIEW)),
                journey("captured in part", null,
                        AUTHORIZATION, HOLD, AUTHORIZED,
                        byTransfer(new TransferCaptureRequested(TRANSFER, PART, Requester.owner("alice")),
                                TransferStatus.AUTHORIZED),
                        byAccount(SOURCE, new AccountHoldCaptured(SOURCE, TRANSFER, PART, AMOUNT.minus(PART),
                                Money.of(9_000, "EUR"), Money.of(9_000, "EUR")), TransferStatus.DEBITED),
                        byAccount(DESTINATION, new AccountCredited(DESTINATION, TRANSFER, PART, PART),
                                TransferStatus.DEBITED),
                        byTransfer(new TransferCompleted(TRANSFER), TransferStatus.COMPLETED)),
                journey("voided", null,
                        AUTHORIZATION, HOLD, AUTHORIZED,
                        byTransfer(new TransferVoidRequested(TRANSFER, Requester.owner("alice")),
                                TransferStatus.AUTHORIZED),
                        RELEASE, byTransfer(new TransferVoided(TRANSFER), TransferStatus.VOIDED)),
                journey("expired", null,
                        AUTHORIZATION, HOLD, AUTHORIZED,
                        byTransfer(new TransferAuthorizationLapsed(TRANSFER), TransferStatus.AUTHORIZED),
                        RELEASE, byTransfer(new TransferExpired(TRANSFER), TransferStatus.EXPIRED)));
    }

    @Test
    void showsHowATransferCapturesWhenItExpiresAndHowMuchWasCaptured() throws Exception {
        processor.deliver(byTransferAt(0, AUTHORIZATION_REQUESTED));
        TransferView requested = find(TRANSFER).orElseThrow();
        processor.deliver(byTransferAt(1, new TransferCaptureRequested(TRANSFER, PART, Requester.owner("alice"))));

        assertThat(requested.capture()).isEqualTo(CaptureMode.MANUAL);
        assertThat(requested.expiresAt()).isEqualTo(EXPIRES_AT);
        assertThat(requested.captured()).isNull();
        assertThat(find(TRANSFER).orElseThrow().captured()).isEqualTo(PART);
    }

    @Test
    void recordsARequestedTransferWithItsRequestAsTheFirstStep() throws Exception {
        processor.deliver(byTransferAt(0, REQUESTED));

        assertThat(find(TRANSFER)).contains(new TransferView(TRANSFER, SOURCE, DESTINATION, AMOUNT,
                TransferStatus.REQUESTED, null, List.of(new TransferStep("TransferRequested", secondsAfterT0(0))),
                null, secondsAfterT0(0), "rent"));
    }

    @Test
    void findsNothingForATransferItNeverSawRequested() {
        assertThat(find(TRANSFER)).isEmpty();
    }

    @Test
    void startsRefundingWithTheReasonWhenTheCreditIsRejected() throws Exception {
        processor.deliver(byTransferAt(0, REQUESTED), byAccountAt(SOURCE, 1, DEBITED),
                byAccountAt(DESTINATION, 2, CREDIT_REJECTED));

        TransferView view = find(TRANSFER).orElseThrow();
        assertThat(view.status()).isEqualTo(TransferStatus.REFUNDING);
        assertThat(view.failureCode()).isEqualTo(LedgerErrorCode.ACCOUNT_FROZEN);
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void takesEachStatusOfTheJourneyAndRecordsAStepPerEvent(Journey journey) throws Exception {
        List<DomainEventMessage<?>> events = journey.events();

        for (int i = 0; i < events.size(); i++) {
            processor.deliver(events.get(i));
            assertThat(find(TRANSFER).orElseThrow().status())
                    .as("status after %s", events.get(i).getPayloadType().getSimpleName())
                    .isEqualTo(journey.stages().get(i).statusAfter());
        }

        TransferView view = find(TRANSFER).orElseThrow();
        assertThat(view.failureCode()).isEqualTo(journey.failureCode());
        assertThat(view.steps()).containsExactlyElementsOf(events.stream()
                .map(event -> new TransferStep(event.getPayloadType().getSimpleName(), event.getTimestamp()))
                .toList());
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void addsNoSecondStepWhenAnEventIsRedelivered(Journey journey) throws Exception {
        List<DomainEventMessage<?>> events = journey.events();
        deliverAll(events);
        TransferView once = find(TRANSFER).orElseThrow();

        deliverAll(events);

        assertThat(find(TRANSFER)).contains(once);
    }

    @ParameterizedTest
    @MethodSource("journeys")
    void staysAtItsEndWhenInFlightEventsArriveLate(Journey journey) throws Exception {
        List<DomainEventMessage<?>> events = journey.events();
        deliverAll(events);

        // Replays of the whole journey, and late events never seen before, in-flight and terminal alike.
        deliverAll(events.subList(0, events.size() - 1));
        processor.deliver(byAccountAt(SOURCE, 10, DEBITED), byAccountAt(DESTINATION, 11, CREDIT_REJECTED),
                byTransferAt(12, new TransferFlaggedForReview(TRANSFER, LedgerErrorCode.STEP_TIMED_OUT)));

        TransferView view = find(TRANSFER).orElseThrow();
        assertThat(view.status()).isEqualTo(journey.end());
        assertThat(view.failureCode()).isEqualTo(journey.failureCode());
    }

    @Test
    void ordersStepsOldestFirstWhateverOrderTheyArrivedIn() throws Exception {
        // Event ids sort against time, so only the timestamps can give this order.
        processor.deliver(
                event("Transfer", TRANSFER.value(), 0, secondsAfterT0(0), "c-requested", REQUESTED),
                event("Account", DESTINATION.value(), 3, secondsAfterT0(2), "a-credited",
                        new AccountCredited(DESTINATION, TRANSFER, AMOUNT, AMOUNT)),
                event("Account", SOURCE.value(), 4, secondsAfterT0(1), "b-debited", DEBITED));

        assertThat(find(TRANSFER).orElseThrow().steps()).containsExactly(
                new TransferStep("TransferRequested", secondsAfterT0(0)),
                new TransferStep("AccountDebited", secondsAfterT0(1)),
                new TransferStep("AccountCredited", secondsAfterT0(2)));
    }

    /** The event store keeps timestamps to the millisecond; a saga that runs a transfer in one transaction fills one. */
    @Test
    void ordersStepsOfOneMillisecondAsTheSagaCausedThem() throws Exception {
        // Event ids sort against the saga's order, so only the order of causes can give this one.
        processor.deliver(
                event("Transfer", TRANSFER.value(), 0, secondsAfterT0(0), "e-requested", REQUESTED),
                event("Transfer", TRANSFER.value(), 1, secondsAfterT0(1), "a-refunded",
                        new TransferRefunded(TRANSFER, LedgerErrorCode.ACCOUNT_FROZEN)),
                event("Account", SOURCE.value(), 4, secondsAfterT0(1), "b-debit-refunded",
                        new AccountDebitRefunded(SOURCE, TRANSFER, AMOUNT, LedgerErrorCode.ACCOUNT_FROZEN,
                                Money.of(10_000, "EUR"))),
                event("Account", DESTINATION.value(), 3, secondsAfterT0(1), "c-credit-rejected", CREDIT_REJECTED),
                event("Account", SOURCE.value(), 3, secondsAfterT0(1), "d-debited", DEBITED));

        assertThat(find(TRANSFER).orElseThrow().steps()).extracting(TransferStep::name).containsExactly(
                "TransferRequested", "AccountDebited", "AccountCreditRejected", "AccountDebitRefunded",
                "TransferRefunded");
    }

    @Test
    void sendsTheEndOfATransferToSubscribersOfThatTransferOnly() throws Exception {
        List<TransferView> received = subscribe(TRANSFER);
        List<TransferView> receivedByOther = subscribe(OTHER_TRANSFER);

        processor.deliver(byTransferAt(0, REQUESTED), byAccountAt(SOURCE, 1, DEBITED),
                byAccountAt(DESTINATION, 2, new AccountCredited(DESTINATION, TRANSFER, AMOUNT, Money.of(2_500, "EUR"))),
                byTransferAt(3, new TransferCompleted(TRANSFER)));

        assertThat(received).extracting(TransferView::status).containsExactly(TransferStatus.COMPLETED);
        assertThat(received.get(0)).isEqualTo(find(TRANSFER).orElseThrow());
        assertThat(receivedByOther).isEmpty();
    }

    @Test
    void sendsTheEndOnlyOnceItsBatchIsCommittedAndToClientsThatSubscribedMeanwhile() throws Exception {
        processor.deliver(byTransferAt(0, REQUESTED), byAccountAt(SOURCE, 1, DEBITED),
                byAccountAt(DESTINATION, 2, new AccountCredited(DESTINATION, TRANSFER, AMOUNT, Money.of(2_500, "EUR"))));
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        processor.deliver(byTransferAt(3, new TransferCompleted(TRANSFER)));
        // This client subscribed after the end was handled but before it was committed: it must not miss it.
        List<TransferView> received = subscribe(TRANSFER);
        assertThat(received).isEmpty();

        batch.commit();

        assertThat(received).extracting(TransferView::status).containsExactly(TransferStatus.COMPLETED);
    }

    @Test
    void sendsNothingWhenTheBatchIsRolledBack() throws Exception {
        processor.deliver(byTransferAt(0, REQUESTED));
        List<TransferView> received = subscribe(TRANSFER);
        UnitOfWork<?> batch = DefaultUnitOfWork.startAndGet(null);
        processor.deliver(byTransferAt(1, new TransferFailed(TRANSFER, LedgerErrorCode.INSUFFICIENT_FUNDS)));

        batch.rollback();

        assertThat(received).isEmpty();
    }

    @Test
    void forgetsEveryTransferAndStepOnReset() throws Exception {
        DomainEventMessage<?> requested = byTransferAt(0, REQUESTED);
        processor.deliver(requested, byAccountAt(SOURCE, 1, DEBITED),
                byTransferAt(2, new TransferRequested(OTHER_TRANSFER, SOURCE, DESTINATION, AMOUNT, "gift", Requester.owner("alice"))));

        processor.reset();

        assertThat(find(TRANSFER)).isEmpty();
        assertThat(find(OTHER_TRANSFER)).isEmpty();
        // A replay rebuilds the timeline from scratch: no step survives the reset to be shown again.
        processor.deliver(requested);
        assertThat(find(TRANSFER).orElseThrow().steps()).hasSize(1);
    }

    private static Journey journey(String name, LedgerErrorCode failureCode, Stage... stages) {
        return new Journey(name, failureCode, List.of(stages));
    }

    private static Stage byTransfer(Object payload, TransferStatus statusAfter) {
        return new Stage("Transfer", TRANSFER.value(), payload, statusAfter);
    }

    private static Stage byAccount(AccountId account, Object payload, TransferStatus statusAfter) {
        return new Stage("Account", account.value(), payload, statusAfter);
    }

    private static DomainEventMessage<?> byTransferAt(long second, Object payload) {
        return transferEvent(TRANSFER, second, secondsAfterT0(second), payload);
    }

    private static DomainEventMessage<?> byAccountAt(AccountId account, long second, Object payload) {
        return accountEvent(account, second, secondsAfterT0(second), payload);
    }

    private void deliverAll(List<DomainEventMessage<?>> events) throws Exception {
        processor.deliver(events.toArray(DomainEventMessage<?>[]::new));
    }

    private List<TransferView> subscribe(TransferId transfer) {
        UpdateHandlerRegistration<TransferView> registration = updates.registerUpdateHandler(
                new GenericSubscriptionQueryMessage<>(new FindTransfer(transfer),
                        ResponseTypes.instanceOf(TransferView.class),
                        ResponseTypes.instanceOf(TransferView.class)),
                16);
        List<TransferView> received = new ArrayList<>();
        registration.getUpdates().subscribe(update -> received.add(update.getPayload()));
        return received;
    }

    private Optional<TransferView> find(TransferId transfer) {
        return Optional.ofNullable(projection.handle(new FindTransfer(transfer)));
    }
}
