package dev.ledger.app.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.api.access.Requester;
import dev.ledger.api.account.AccountId;
import dev.ledger.api.error.LedgerErrorCode;
import dev.ledger.api.money.Money;
import dev.ledger.api.transfer.CaptureMode;
import dev.ledger.api.transfer.CaptureTransfer;
import dev.ledger.api.transfer.RequestTransfer;
import dev.ledger.api.transfer.TransferId;
import dev.ledger.api.transfer.TransferRequested;
import dev.ledger.api.transfer.VoidTransfer;
import dev.ledger.api.transfer.review.Leg;
import dev.ledger.api.transfer.review.LegEvidence;
import dev.ledger.api.transfer.review.LegState;
import dev.ledger.api.transfer.review.ReviewAction;
import dev.ledger.api.transfer.review.ReviewEvidence;
import dev.ledger.api.transfer.review.TransferResolutionProposed;
import dev.ledger.api.transfer.review.TransferReviewResolved;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.review.LegsThatNeverArrive;
import dev.ledger.app.review.ReviewScenario;
import io.micrometer.core.instrument.MeterRegistry;
import java.lang.reflect.RecordComponent;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Currency;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import kafka.server.BrokerServer;
import org.axonframework.commandhandling.gateway.CommandGateway;
import org.axonframework.eventsourcing.eventstore.EventStore;
import org.axonframework.messaging.Message;
import org.axonframework.serialization.Serializer;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.EmbeddedKafkaKraftBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The Kafka bridge against a real broker (a KRaft broker inside the test JVM), driven through the ledger's
 * REST API with profile {@code kafka}, and read back by the {@link ReferenceConsumer}: every public event
 * arrives on its aggregate's topic, in order per key, with its headers and in the shape its schema describes;
 * an outage of the broker delays events and loses none; and the publisher's lag shows where operators look.
 */
@SpringBootTest(classes = {LedgerApplication.class, LegsThatNeverArrive.class},
        webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {"spring.datasource.url=jdbc:h2:mem:kafka-bridge;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                // Short, so that a transfer whose credit is lost stops in review quickly; legs here answer at once.
                "ledger.transfers.step-timeout=2s"})
@ActiveProfiles("kafka")
@EmbeddedKafka(partitions = 3, topics = {KafkaBridgeTest.ACCOUNTS, KafkaBridgeTest.TRANSFERS},
        bootstrapServersProperty = KafkaBridgeTest.BOOTSTRAP_SERVERS,
        // A restarted broker registers again once the controller has expired its old session (9 s by default).
        brokerProperties = {"broker.heartbeat.interval.ms=200", "broker.session.timeout.ms=1000"})
// No other class shares this context: closing it after the class stops its broker and its publisher at once,
// instead of leaving them to run beside the next classes in this JVM until the context cache lets them go.
@DirtiesContext
@ExtendWith(ForgetTheEmbeddedBroker.class)
class KafkaBridgeTest {

    static final String ACCOUNTS = "ledger.accounts";
    static final String TRANSFERS = "ledger.transfers";
    static final String BOOTSTRAP_SERVERS = "axon.kafka.bootstrap-servers";

    private static final Logger log = LoggerFactory.getLogger(KafkaBridgeTest.class);
    private static final Duration ARRIVAL = Duration.ofSeconds(30);
    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final Requester STAFF = Requester.staff("teller");

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Autowired
    EmbeddedKafkaBroker kafka;

    @Autowired
    EventStore eventStore;

    @Autowired
    MeterRegistry meters;

    @Autowired
    LegsThatNeverArrive lost;

    @Autowired
    CommandGateway commands;

    @Autowired
    @Qualifier("eventSerializer")
    Serializer eventSerializer;

    private final EventContract contract = new EventContract();
    private LedgerClient ledger;

    @BeforeEach
    void connect() {
        ledger = new LedgerClient(port, environment);
    }

    /**
     * A transfer resolved by hand in review: its proposal and its resolution go out on the transfer's topic, in order
     * with its other events, carrying who decided, who approved and the evidence, as their schemas say.
     */
    @Test
    void aResolutionByHandIsPublishedWithWhoDecidedWhoApprovedAndTheEvidence() {
        ReviewScenario review = new ReviewScenario(ledger.as("admin"), ledger.as("admin2"), lost);
        ReviewScenario.Stopped stopped = review.refundApprovedByASecondAdmin();

        try (ReferenceConsumer consumer = everyPublicEventArrivedAsTheContractSays(topicsOf(
                List.of(stopped.source(), stopped.destination()), List.of(stopped.transferId())))) {
            List<ReferenceConsumer.Received> transfer = consumer.distinct().stream()
                    .filter(record -> record.key().equals(stopped.transferId())).toList();
            assertThat(transfer).extracting(ReferenceConsumer.Received::eventName).containsSubsequence(
                    "TransferFlaggedForReview", "TransferResolutionProposed", "TransferReviewResolved",
                    "TransferRefunded");
            JsonNode resolved = transfer.stream().filter(record -> record.eventName().equals("TransferReviewResolved"))
                    .findFirst().orElseThrow().event();
            assertThat(resolved.path("decidedBy").asString()).isEqualTo("admin");
            assertThat(resolved.path("approvedBy").asString()).isEqualTo("admin2");
            assertThat(resolved.path("evidence").path("legs").valueStream()
                    .filter(leg -> leg.path("leg").asString().equals("DEBIT")).findFirst().orElseThrow()
                    .path("state").asString()).isEqualTo("TAKEN");
        }
    }

    @Test
    void everyPublicEventArrivesOnItsAggregatesTopicInOrderWithItsHeadersAndAsItsSchemaSays() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        String carol = ledger.openAccount("carol", "EUR");
        String dave = ledger.openAccount("dave", "EUR");
        assertThat(ledger.post("/api/accounts/" + alice + "/deposits",
                "{\"amount\":10000,\"reference\":\"payslip – 11\"}").status()).isEqualTo(200);
        assertThat(ledger.post("/api/accounts/" + alice + "/withdrawals", "{\"amount\":1000}").status()).isEqualTo(200);
        String completed = transferEnding(alice, bob, 2_500, "COMPLETED");
        String failed = transferEnding(bob, alice, 9_999, "FAILED");
        assertThat(ledger.post("/api/accounts/" + carol + "/freeze", "").status()).isEqualTo(204);
        String refunded = transferEnding(alice, carol, 1_000, "REFUNDED");
        assertThat(ledger.post("/api/accounts/" + carol + "/unfreeze", "").status()).isEqualTo(204);
        String afterUnfreeze = transferEnding(alice, carol, 500, "COMPLETED");
        assertThat(ledger.post("/api/accounts/" + dave + "/close", "").status()).isEqualTo(204);

        try (ReferenceConsumer consumer = everyPublicEventArrivedAsTheContractSays(topicsOf(
                List.of(alice, bob, carol, dave), List.of(completed, failed, refunded, afterUnfreeze)))) {
            assertThat(consumer.distinct()).extracting(ReferenceConsumer.Received::eventName)
                    .doesNotContain("AccountDebitRejected", "AccountCreditRejected", "AccountRefundRejected")
                    .contains("AccountOpened", "MoneyDeposited", "MoneyWithdrawn", "AccountDebited",
                            "AccountCredited", "AccountDebitRefunded", "AccountFrozen", "AccountUnfrozen",
                            "AccountClosed", "TransferRequested", "TransferCompleted", "TransferFailed",
                            "TransferRefunded");

            assertThat(consumer.distinct()).filteredOn(record -> record.eventName().equals("MoneyDeposited")
                            && record.key().equals(alice))
                    .extracting(record -> record.event().path("reference").asString())
                    .containsExactly("payslip – 11");
            assertBalancesEqualTheLedgers(consumer, Map.of(alice, 6_000L, bob, 2_500L, carol, 500L, dave, 0L));
        }
    }

    /**
     * Two-phase transfers, driven through the command bus (the commands are what the REST API sends): a partial
     * capture and a void. Their holds, captures, releases, authorizations, decisions and ends arrive as the other
     * events do, and the consumer's balances and holds, summed from them, equal the ledger's. The expiry's events
     * ({@code TransferAuthorizationLapsed}, {@code TransferExpired}) are checked against their schemas as the
     * serializer writes them, below.
     */
    @Test
    void aTwoPhaseTransfersHoldCaptureAndVoidArriveAsTheContractSays() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 10_000);
        String captured = requestedManually(alice, bob, 3_000, Instant.now().plus(Duration.ofHours(1)));
        assertSettlesAs(captured, "AUTHORIZED");
        commands.sendAndWait(new CaptureTransfer(new TransferId(captured), Money.of(2_000, "EUR"), STAFF));
        assertSettlesAs(captured, "COMPLETED");
        String voided = requestedManually(alice, bob, 1_000, Instant.now().plus(Duration.ofHours(1)));
        assertSettlesAs(voided, "AUTHORIZED");
        commands.sendAndWait(new VoidTransfer(new TransferId(voided), STAFF));
        assertSettlesAs(voided, "VOIDED");

        try (ReferenceConsumer consumer = everyPublicEventArrivedAsTheContractSays(topicsOf(List.of(alice, bob),
                List.of(captured, voided)))) {
            assertThat(consumer.distinct()).extracting(ReferenceConsumer.Received::eventName)
                    .doesNotContain("AccountHoldRejected", "AccountCaptureRejected", "AccountReleaseRejected")
                    .contains("AccountFundsHeld", "AccountHoldCaptured", "AccountHoldReleased", "TransferAuthorized",
                            "TransferCaptureRequested", "TransferVoidRequested", "TransferVoided", "TransferCompleted");
            assertThat(consumer.distinct()).filteredOn(record -> record.eventName().equals("AccountHoldCaptured")
                            && record.key().equals(alice))
                    .extracting(record -> record.event().path("released").path("minorUnits").asLong())
                    .as("a partial capture gives the rest of its hold back").containsExactly(1_000L);
            assertThat(consumer.distinct()).filteredOn(record -> record.eventName().equals("TransferRequested")
                            && List.of(captured, voided).contains(record.key()))
                    .extracting(record -> record.event().path("capture").asString())
                    .containsExactly("MANUAL", "MANUAL");
            // Against the balance the account itself recorded last: the read models learn the holds separately.
            Map.of(alice, 8_000L, bob, 2_000L).forEach((account, balance) -> {
                assertThat(consumer.balanceOf(account)).as("the consumer's balance of " + account).isEqualTo(balance);
                assertThat(lastBalanceAfterOf(consumer, account)).as("the ledger's balance of " + account)
                        .isEqualTo(balance);
            });
            assertThat(consumer.heldOn(alice)).as("every hold was captured or released").isZero();
        }
    }

    @Test
    void aBrokerOutageDelaysTheEventsAndLosesNoneAndThePublishersLagShowsIt() {
        String alice = ledger.openAccount("alice", "EUR");
        String bob = ledger.openAccount("bob", "EUR");
        ledger.deposit(alice, 50_000);
        try (ReferenceConsumer consumer = new ReferenceConsumer(kafka.getBrokersAsString(), ACCOUNTS, TRANSFERS)) {
            Map<String, List<String>> before = publicEventsInTheStore(Set.of(alice, bob));
            assertThat(consumer.pollUntil(() -> allHandled(consumer, before), ARRIVAL)).isTrue();

            BrokerServer broker = broker();
            broker.shutdown();
            broker.awaitShutdown();
            Instant stopped = Instant.now();
            List<String> transfers = new ArrayList<>();
            JsonNode duringOutage;
            try {
                for (int i = 0; i < 5; i++) {
                    transfers.add(transferEnding(alice, bob, 1_000, "COMPLETED"));
                }
                ledger.deposit(bob, 700);
                // Down for longer than a send waits (metadata, then acknowledgement): the publisher fails and retries.
                duringOutage = LedgerClient.eventually(this::publisherProjection,
                        p -> "ERROR".equals(p.path("status").asString()));
                assertThat(duringOutage.path("status").asString()).isEqualTo("ERROR");
                assertThat(duringOutage.path("lag").asLong()).as("events wait in the event store").isPositive();
                assertThat(lagMetric()).isPositive();
            } finally {
                broker.startup();
            }
            Instant restarted = Instant.now();

            Map<String, String> topics = topicsOf(List.of(alice, bob), transfers);
            Map<String, List<String>> stored = publicEventsInTheStore(topics.keySet());
            assertThat(consumer.pollUntil(() -> allHandled(consumer, stored), ARRIVAL)).as("every event arrived").isTrue();
            Instant allArrived = Instant.now();
            assertArrivedInOrderOnTheirTopics(consumer, stored, topics);
            assertBalancesEqualTheLedgers(consumer, Map.of(alice, 45_000L, bob, 5_700L));

            log.info("Kafka outage: broker down {} ms (publisher {} with lag {} meanwhile); every event arrived {} ms "
                            + "after the restart; {} records for {} distinct events, {} duplicates: {}",
                    Duration.between(stopped, restarted).toMillis(), duringOutage.path("status").asString(),
                    duringOutage.path("lag").asLong(), Duration.between(restarted, allArrived).toMillis(),
                    consumer.received().size(), consumer.distinct().size(), consumer.duplicates(),
                    consumer.received().stream().filter(ReferenceConsumer.Received::duplicate)
                            .map(record -> record.eventName() + "@" + record.key()).toList());

            JsonNode recovered = LedgerClient.eventually(this::publisherProjection,
                    p -> p.path("lag").asLong() == 0 && "RUNNING".equals(p.path("status").asString()));
            assertThat(recovered.path("lag").asLong()).isZero();
            assertThat(recovered.path("status").asString()).isEqualTo("RUNNING");
            assertThat(recovered.path("rebuildable").asBoolean(true)).isFalse();
            assertThat(lagMetric()).isZero();
            assertThat(ledger.post("/api/admin/projections/" + KafkaBridgeConfiguration.PROCESSING_GROUP + "/rebuild", "")
                    .status()).as("the publisher is never replayed").isBetween(400, 499);
        }
    }

    @Test
    void commitToConsumptionTimeIsMeasured() {
        String account = ledger.openAccount("erin", "EUR");
        try (ReferenceConsumer consumer = new ReferenceConsumer(kafka.getBrokersAsString(), ACCOUNTS)) {
            List<Long> millis = new ArrayList<>();
            for (int deposit = 1; deposit <= 20; deposit++) {
                long expected = deposit * 100L;
                ledger.deposit(account, 100);
                Instant committed = Instant.now();
                assertThat(consumer.pollUntil(() -> consumer.balanceOf(account) == expected, ARRIVAL)).isTrue();
                millis.add(Duration.between(committed, Instant.now()).toMillis());
            }
            List<Long> sorted = millis.stream().sorted().toList();
            List<Long> sinceEvent = consumer.distinct().stream()
                    .filter(record -> record.eventName().equals("MoneyDeposited"))
                    .map(record -> Duration.between(record.occurredAt(), record.receivedAt()).toMillis())
                    .sorted().toList();
            log.info("Kafka commit to consumption over {} deposits: median {} ms, max {} ms (from the 200 response); "
                            + "from the event's timestamp: median {} ms, max {} ms",
                    sorted.size(), sorted.get(sorted.size() / 2), sorted.get(sorted.size() - 1),
                    sinceEvent.get(sinceEvent.size() / 2), sinceEvent.get(sinceEvent.size() - 1));
        }
    }

    /**
     * Every public event type, as the ledger's own event serializer writes it, conforms to its schema, including
     * those no scenario here produces (a transfer flagged for review, and its resolution by hand): each resolution in
     * every shape its action gives it, and with {@code statusAfter()}, which is no field, left out.
     */
    @Test
    void everyPublicEventTypeAsTheLedgerSerializesItMatchesItsSchema() throws ReflectiveOperationException {
        List<Object> events = new ArrayList<>();
        for (Class<?> type : PublicEvents.PUBLISHED.keySet()) {
            RecordComponent[] components = type.getRecordComponents();
            Object[] values = Arrays.stream(components).map(component -> sampleOf(component.getType())).toArray();
            events.add(type.getDeclaredConstructor(Arrays.stream(components).map(RecordComponent::getType)
                    .toArray(Class<?>[]::new)).newInstance(values));
        }
        // The samples give every field a value, which makes a request MANUAL: the other kind has no expiresAt.
        events.add(new TransferRequested(new TransferId("transfer-2"), new AccountId("acc-1"), new AccountId("acc-2"),
                Money.of(1_250, "EUR"), null, Requester.staff("teller")));
        // The samples resolve by a REFUND, approved; the other actions leave out the approval, the leg, or both.
        ReviewEvidence evidence = (ReviewEvidence) sampleOf(ReviewEvidence.class);
        TransferId reviewed = new TransferId("transfer-1");
        events.add(new TransferResolutionProposed(reviewed, "resolution-2", ReviewAction.COMPLETE, "both legs taken",
                "admin", evidence, Instant.parse("2026-12-08T10:00:00Z")));
        events.add(new TransferReviewResolved(reviewed, "resolution-3", ReviewAction.RETRY,
                LedgerErrorCode.STEP_TIMED_OUT, "admin", "the credit was never seen", null, null, evidence, Leg.CREDIT,
                Money.of(1_250, "EUR")));
        events.add(new TransferReviewResolved(reviewed, "resolution-4", ReviewAction.COMPLETE,
                LedgerErrorCode.STEP_TIMED_OUT, "admin", "both legs taken", "admin2", null, evidence, null, null));
        events.add(new TransferReviewResolved(reviewed, "resolution-5", ReviewAction.FAIL,
                LedgerErrorCode.TRANSFER_TOO_OLD, "admin", "nothing moved", null, null, evidence, null, null));
        for (Object event : events) {
            byte[] json = eventSerializer.serialize(event, byte[].class).getData();

            assertThat(contract.violations(event.getClass().getSimpleName(), JSON.readTree(json)))
                    .as(new String(json)).isEmpty();
        }
    }

    private static Object sampleOf(Class<?> type) {
        return Map.<Class<?>, Object>ofEntries(
                Map.entry(AccountId.class, new AccountId("acc-1")),
                Map.entry(TransferId.class, new TransferId("transfer-1")),
                Map.entry(Money.class, Money.of(1_250, "EUR")),
                Map.entry(Currency.class, Currency.getInstance("EUR")),
                Map.entry(String.class, "alice"),
                Map.entry(LedgerErrorCode.class, LedgerErrorCode.STEP_TIMED_OUT),
                Map.entry(Requester.class, Requester.owner("alice")),
                Map.entry(CaptureMode.class, CaptureMode.MANUAL),
                Map.entry(Instant.class, Instant.parse("2026-12-07T10:00:00.123456Z")),
                // A refund needs four eyes and resumes with the refund leg: the shape with every field set.
                Map.entry(ReviewAction.class, ReviewAction.REFUND),
                Map.entry(Leg.class, Leg.REFUND),
                Map.entry(ReviewEvidence.class, anEvidenceOfEveryState())).get(type);
    }

    // A debit taken, the credit refused by its account, the other legs never seen.
    private static ReviewEvidence anEvidenceOfEveryState() {
        List<LegEvidence> legs = new ArrayList<>();
        for (Leg leg : Leg.values()) {
            legs.add(LegEvidence.neverSeen(leg, new AccountId(leg == Leg.CREDIT ? "acc-2" : "acc-1")));
        }
        legs.set(Leg.DEBIT.ordinal(), new LegEvidence(Leg.DEBIT, new AccountId("acc-1"), LegState.TAKEN,
                Money.of(1_250, "EUR"), null, 3L, Instant.parse("2026-12-07T10:00:00.123456789Z")));
        legs.set(Leg.CREDIT.ordinal(), new LegEvidence(Leg.CREDIT, new AccountId("acc-2"), LegState.REFUSED, null,
                LedgerErrorCode.ACCOUNT_FROZEN, 1L, Instant.parse("2026-12-07T10:00:01Z")));
        return new ReviewEvidence(Instant.parse("2026-12-07T10:05:00Z"), legs);
    }

    /** Requests, as staff, a MANUAL transfer: the saga holds its amount on the source until its second phase. */
    private String requestedManually(String source, String destination, long amount, Instant expiresAt) {
        TransferId transferId = new TransferId("two-phase-" + UUID.randomUUID());
        commands.sendAndWait(new RequestTransfer(transferId, new AccountId(source), new AccountId(destination),
                Money.of(amount, "EUR"), null, STAFF, CaptureMode.MANUAL, expiresAt));
        return transferId.toString();
    }

    // An authorized transfer is at rest, so the server's wait for an end answers at once: this waits for a status.
    private void assertSettlesAs(String transferId, String status) {
        JsonNode transfer = LedgerClient.eventually(() -> ledger.get("/api/transfers/" + transferId).json(),
                view -> view.path("status").asString().equals(status));
        assertThat(transfer.path("status").asString()).as(transfer.toString()).isEqualTo(status);
    }

    /**
     * A consumer that has read every stored public event of these aggregates, each on its topic in store order, with
     * every record as the contract says. The caller closes it.
     */
    private ReferenceConsumer everyPublicEventArrivedAsTheContractSays(Map<String, String> topics) {
        ReferenceConsumer consumer = new ReferenceConsumer(kafka.getBrokersAsString(), ACCOUNTS, TRANSFERS);
        try {
            Map<String, List<String>> stored = publicEventsInTheStore(topics.keySet());
            assertThat(consumer.pollUntil(() -> allHandled(consumer, stored), ARRIVAL)).as("every event arrived").isTrue();
            assertArrivedInOrderOnTheirTopics(consumer, stored, topics);
            assertEveryRecordIsAsTheContractSays(consumer);
            return consumer;
        } catch (RuntimeException | AssertionError failed) {
            consumer.close();
            throw failed;
        }
    }

    /** The {@code balanceAfter} of the account's latest movement read, as the account recorded it. */
    private static long lastBalanceAfterOf(ReferenceConsumer consumer, String account) {
        List<ReferenceConsumer.Received> movements = consumer.distinct().stream()
                .filter(record -> record.key().equals(account) && record.event().has("balanceAfter")).toList();
        return movements.get(movements.size() - 1).event().path("balanceAfter").path("minorUnits").asLong();
    }

    /** Each record has its headers, is on its topic in the AsyncAPI document, and conforms to its schema. */
    private void assertEveryRecordIsAsTheContractSays(ReferenceConsumer consumer) {
        for (ReferenceConsumer.Received record : consumer.received()) {
            assertThat(record.headers()).containsKeys("axon-message-id", "axon-message-type",
                    "axon-message-revision", "axon-message-timestamp", "axon-message-aggregate-id",
                    "axon-message-aggregate-type", "axon-message-aggregate-seq");
            assertThat(record.key()).isEqualTo(record.headers().get("axon-message-aggregate-id"));
            assertThat(record.headers()).containsKey("axon-metadata-correlationId");
            assertThat(record.headers().keySet()).filteredOn(header -> header.startsWith("axon-metadata-"))
                    .as("only allow-listed metadata leaves the ledger")
                    .isSubsetOf(MetadataAllowList.PUBLISHED.stream().map(key -> "axon-metadata-" + key).toList());
            assertThat(contract.messagesOn(record.topic().equals(ACCOUNTS) ? "accounts" : "transfers"))
                    .as("the AsyncAPI document's messages on " + record.topic()).contains(record.eventName());
            assertThat(contract.axonTypeOf(record.eventName())).isEqualTo(record.type());
            assertThat(contract.violations(record.eventName(), record.event())).as(record.event().toString())
                    .isEmpty();
        }
    }

    private String transferEnding(String source, String destination, long amount, String status) {
        String transferId = ledger.transfer(source, destination, amount, "EUR");
        assertThat(ledger.awaitTransfer(transferId).path("status").asString()).isEqualTo(status);
        return transferId;
    }

    /** Each aggregate's topic: accounts on ledger.accounts, transfers on ledger.transfers. */
    private static Map<String, String> topicsOf(List<String> accounts, List<String> transfers) {
        Map<String, String> topics = new LinkedHashMap<>();
        accounts.forEach(account -> topics.put(account, ACCOUNTS));
        transfers.forEach(transfer -> topics.put(transfer, TRANSFERS));
        return topics;
    }

    /** The identifiers of each aggregate's public events, in the order the event store holds them. */
    private Map<String, List<String>> publicEventsInTheStore(Set<String> aggregates) {
        return aggregates.stream().collect(Collectors.toMap(aggregate -> aggregate, aggregate ->
                eventStore.readEvents(aggregate).asStream()
                        .filter(event -> PublicEvents.streamOf(event.getPayloadType()).isPresent())
                        .map(Message::getIdentifier)
                        .toList()));
    }

    private static boolean allHandled(ReferenceConsumer consumer, Map<String, List<String>> stored) {
        return stored.values().stream().flatMap(List::stream).allMatch(consumer::hasHandled);
    }

    /** Per key: exactly the stored public events, first copies in store order, all on one partition of its topic. */
    private static void assertArrivedInOrderOnTheirTopics(ReferenceConsumer consumer, Map<String, List<String>> stored,
                                                         Map<String, String> topics) {
        stored.forEach((aggregate, events) -> {
            List<ReferenceConsumer.Received> records = consumer.received().stream()
                    .filter(record -> record.key().equals(aggregate)).toList();
            assertThat(records.stream().filter(record -> !record.duplicate()).map(ReferenceConsumer.Received::messageId))
                    .as("the events of " + aggregate + ", in order").containsExactlyElementsOf(events);
            assertThat(records).extracting(ReferenceConsumer.Received::topic).containsOnly(topics.get(aggregate));
            assertThat(records.stream().map(ReferenceConsumer.Received::partition).distinct()).hasSize(1);
        });
    }

    private void assertBalancesEqualTheLedgers(ReferenceConsumer consumer, Map<String, Long> expected) {
        expected.forEach((account, balance) -> {
            assertThat(ledger.balanceOnceSettled(account, balance)).as("the ledger's balance of " + account)
                    .isEqualTo(balance);
            assertThat(consumer.balanceOf(account)).as("the consumer's balance of " + account).isEqualTo(balance);
        });
    }

    private JsonNode publisherProjection() {
        JsonNode projections = ledger.get("/api/admin/projections").json().path("content");
        return projections.valueStream()
                .filter(p -> p.path("name").asString().equals(KafkaBridgeConfiguration.PROCESSING_GROUP))
                .findFirst()
                .orElseThrow(() -> new AssertionError("kafka-publisher is not among " + projections));
    }

    private double lagMetric() {
        return meters.get(KafkaPublisherLag.METER).gauge().value();
    }

    private BrokerServer broker() {
        return ((EmbeddedKafkaKraftBroker) kafka).getCluster().brokers().values().iterator().next();
    }
}
