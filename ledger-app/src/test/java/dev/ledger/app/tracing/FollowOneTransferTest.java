package dev.ledger.app.tracing;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ledger.LedgerApplication;
import dev.ledger.app.LedgerClient;
import dev.ledger.app.kafka.ForgetTheEmbeddedBroker;
import dev.ledger.app.kafka.ReferenceConsumer;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SpanProcessor;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.core.env.Environment;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.springframework.kafka.test.EmbeddedKafkaBroker;
import org.springframework.kafka.test.context.EmbeddedKafka;
import org.springframework.test.context.ActiveProfiles;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Follows one refunded transfer the way an operator would, from the request id the client sent: the transfer's
 * timeline, the audit history and the Kafka headers name it as the correlation id; one trace holds the request,
 * the debit, the refused credit, the compensating refund, the saga's handlers and the Kafka publish; the log
 * lines (JSON, as in production) carry the same correlation id and that trace's id; and the metrics counted one
 * refund.
 */
@SpringBootTest(classes = LedgerApplication.class, webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT,
        properties = {
                "spring.datasource.url=jdbc:h2:mem:follow-one-transfer;MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;"
                        + "DEFAULT_NULL_ORDERING=HIGH;DB_CLOSE_DELAY=-1",
                "logging.structured.format.console=ecs",
                "logging.level.dev.ledger=DEBUG",
                // The one transfer must be sampled to be followed in a trace; production samples a tenth.
                "management.tracing.sampling.probability=1.0"})
@ActiveProfiles("kafka")
@EmbeddedKafka(partitions = 1, topics = {"ledger.accounts", "ledger.transfers"},
        bootstrapServersProperty = "axon.kafka.bootstrap-servers")
@ExtendWith({OutputCaptureExtension.class, ForgetTheEmbeddedBroker.class})
@Import(FollowOneTransferTest.InMemorySpans.class)
class FollowOneTransferTest {

    private static final JsonMapper JSON = JsonMapper.builder().build();
    private static final InMemorySpanExporter SPANS = InMemorySpanExporter.create();

    /** Spans are handed over as each one ends, not in batches, so the test reads them without waiting. */
    @TestConfiguration
    static class InMemorySpans {

        @Bean
        SpanProcessor inMemorySpans() {
            return SimpleSpanProcessor.create(SPANS);
        }
    }

    @LocalServerPort
    int port;

    @Autowired
    Environment environment;

    @Test
    void oneRefundedTransferCanBeFollowedThroughTimelineHistoryKafkaTraceLogsAndMetrics(CapturedOutput output,
            @Autowired EmbeddedKafkaBroker kafka, @Autowired MeterRegistry meters) {
        LedgerClient ledger = new LedgerClient(port, environment);
        String source = ledger.openAccount("alice", "EUR");
        String destination = ledger.openAccount("bob", "EUR");
        ledger.deposit(source, 10_000);
        assertThat(ledger.post("/api/accounts/" + destination + "/freeze", "").status()).isEqualTo(204);

        String requestId = "follow-" + UUID.randomUUID();
        LedgerClient.Response requested = ledger.post("/api/transfers", "{\"sourceAccountId\":\"" + source
                        + "\",\"destinationAccountId\":\"" + destination + "\",\"amount\":1000,\"currency\":\"EUR\"}",
                "Idempotency-Key", UUID.randomUUID().toString(), "X-Request-Id", requestId);
        assertThat(requested.status()).as(requested.raw()).isEqualTo(202);
        assertThat(requested.header("X-Request-Id")).isEqualTo(requestId);
        String transferId = requested.json().path("transferId").asString();
        String unusable = ledger.send(HttpRequest.newBuilder(URI.create("http://localhost:" + port
                + "/api/accounts/" + source)).header("X-Request-Id", "not an id; " + requestId).GET())
                .header("X-Request-Id");
        assertThat(unusable).as("an unusable request id is replaced, not refused").matches("[0-9a-f-]{36}");

        // The timeline: every step names the request, and the refund is one of them.
        JsonNode transfer = ledger.awaitTransfer(transferId);
        assertThat(transfer.path("status").asString()).isEqualTo("REFUNDED");
        assertThat(transfer.path("correlationId").asString()).isEqualTo(requestId);
        List<String> stepNames = new ArrayList<>();
        for (JsonNode step : transfer.path("steps")) {
            stepNames.add(step.path("name").asString());
            assertThat(step.path("correlationId").asString()).as(step.toString()).isEqualTo(requestId);
            assertThat(step.path("causationId").asString()).as(step.toString()).isNotBlank();
        }
        assertThat(stepNames).contains("TransferRequested", "AccountDebited", "AccountCreditRejected",
                "AccountDebitRefunded", "TransferRefunded");

        // The audit history of the source: the debit and its refund carry the request's id.
        JsonNode history = ledger.get("/api/accounts/" + source + "/history").json();
        List<JsonNode> legs = StreamSupport.stream(history.path("events").spliterator(), false)
                .filter(event -> transferId.equals(event.path("transferId").asString(null)))
                .toList();
        assertThat(legs).extracting(event -> event.path("type").asString())
                .containsExactly("AccountDebited", "AccountDebitRefunded");
        assertThat(legs).allSatisfy(event -> assertThat(event.path("correlationId").asString()).isEqualTo(requestId));

        // Kafka: the transfer's public events carry the request's id, and only allow-listed metadata leaves.
        try (ReferenceConsumer consumer = new ReferenceConsumer(kafka.getBrokersAsString(), "ledger.accounts",
                "ledger.transfers")) {
            assertThat(consumer.pollUntil(() -> eventsOf(consumer, requestId).size() >= 4, Duration.ofSeconds(30)))
                    .as("the transfer's public events arrived").isTrue();
            assertThat(eventsOf(consumer, requestId)).extracting(ReferenceConsumer.Received::eventName)
                    .contains("TransferRequested", "AccountDebited", "AccountDebitRefunded", "TransferRefunded");
            for (ReferenceConsumer.Received record : consumer.received()) {
                assertThat(record.headers().keySet()).filteredOn(header -> header.startsWith("axon-metadata-"))
                        .isSubsetOf("axon-metadata-correlationId", "axon-metadata-causationId",
                                "axon-metadata-traceparent");
            }
        }

        // The trace: one, connected, from the HTTP request to the publish of the refund.
        String traceId = traceOfTheRequest(requestId);
        List<SpanData> trace = LedgerClient.eventually(() -> spansOf(traceId),
                spans -> names(spans).contains("KafkaPublisher.send(ledger.transfers)(TransferRefunded)"));
        Set<String> names = names(trace);
        assertThat(names).as(describe(trace)).contains(
                "http post /api/transfers",
                "CommandBus.handleCommand(RequestTransfer)",
                "CommandBus.handleCommand(DebitAccount)",
                "CommandBus.handleCommand(CreditAccount)",
                "CommandBus.handleCommand(RefundAccountDebit)",
                "CommandBus.handleCommand(MarkTransferRefunded)",
                "SagaManager.invokeSaga(TransferSaga)(TransferRequested)",
                "KafkaPublisher.send(ledger.accounts)(AccountDebited)",
                "KafkaPublisher.send(ledger.accounts)(AccountDebitRefunded)",
                "KafkaPublisher.send(ledger.transfers)(TransferRefunded)");
        // On the local command bus every leg answers with its command, so the saga ran the whole transfer in one
        // invocation and was gone before the legs' events came.
        assertThat(names).as(describe(trace)).doesNotContain(
                "SagaManager.invokeSaga(TransferSaga)(AccountDebited)",
                "SagaManager.invokeSaga(TransferSaga)(AccountCreditRejected)",
                "SagaManager.invokeSaga(TransferSaga)(AccountDebitRefunded)");
        Set<String> spanIds = trace.stream().map(SpanData::getSpanId).collect(Collectors.toSet());
        assertThat(trace).as("every span hangs off another span of the same trace, or is its root")
                .allSatisfy(span -> assertThat(!span.getParentSpanContext().isValid()
                        || spanIds.contains(span.getParentSpanId())).as(span.getName()).isTrue());
        assertThat(trace.stream().filter(span -> !span.getParentSpanContext().isValid())).hasSize(1);
        assertThat(SPANS.getFinishedSpanItems().stream()
                .filter(span -> requestId.equals(span.getAttributes().get(AXON_CORRELATION_ID)))
                .map(SpanData::getTraceId)
                .distinct()).as("no message of this request ran in another trace").containsExactly(traceId);

        // The logs: JSON lines with the request's id, in the trace, from the request thread and the processors.
        List<JsonNode> lines = output.getOut().lines()
                .filter(line -> line.startsWith("{"))
                .map(JSON::readTree)
                .filter(line -> requestId.equals(line.path("correlationId").asString(null)))
                .toList();
        assertThat(lines).extracting(line -> line.path("message").asString())
                .anyMatch(message -> message.contains("in REFUNDING sends RefundAccountDebit"))
                .anyMatch(message -> message.contains(transferId + " ended REFUNDED"));
        assertThat(lines).allSatisfy(line -> {
            assertThat(line.path("traceId").asString()).as(line.toString()).isEqualTo(traceId);
            assertThat(line.path("spanId").asString()).as(line.toString()).isNotBlank();
        });

        // The metrics: one refund, one compensation, as Prometheus shows them.
        assertThat(meters.get("ledger.transfers.ended").tag("outcome", "REFUNDED").counter().count()).isEqualTo(1);
        assertThat(meters.get("ledger.transfer.duration").tag("outcome", "REFUNDED").timer().count()).isEqualTo(1);
        assertThat(meters.get("ledger.saga.compensations").tag("reason", "ACCOUNT_FROZEN").counter().count())
                .isEqualTo(1);
        assertThat(meters.get("ledger.saga.steps").tags("step", "refund", "outcome", "accepted").counter().count())
                .isEqualTo(1);
        String prometheus = ledger.get("/actuator/prometheus").raw();
        assertThat(prometheus)
                .contains("ledger_transfers_ended_total{outcome=\"REFUNDED\"} 1.0")
                .contains("ledger_transfer_duration_seconds_count{outcome=\"REFUNDED\"} 1")
                .contains("ledger_saga_compensations_total{reason=\"ACCOUNT_FROZEN\"} 1.0")
                .contains("ledger_processor_lag_events{processing_group=\"transfer-saga\"}")
                .contains("ledger_dead_letters{processing_group=\"transfer-view\"} 0.0");
    }

    private static final AttributeKey<String> AXON_CORRELATION_ID = AttributeKey.stringKey("axon_metadata_correlationId");

    private static List<ReferenceConsumer.Received> eventsOf(ReferenceConsumer consumer, String requestId) {
        return consumer.received().stream()
                .filter(record -> requestId.equals(record.headers().get("axon-metadata-correlationId")))
                .toList();
    }

    /** The request's own span is tagged with its id by the request-id filter. */
    private static String traceOfTheRequest(String requestId) {
        AttributeKey<String> tag = AttributeKey.stringKey("correlationId");
        List<String> traces = SPANS.getFinishedSpanItems().stream()
                .filter(span -> requestId.equals(span.getAttributes().get(tag)))
                .map(SpanData::getTraceId)
                .distinct()
                .toList();
        assertThat(traces).as("spans: " + describe(SPANS.getFinishedSpanItems())).hasSize(1);
        return traces.get(0);
    }

    private static List<SpanData> spansOf(String traceId) {
        return SPANS.getFinishedSpanItems().stream().filter(span -> span.getTraceId().equals(traceId)).toList();
    }

    private static Set<String> names(List<SpanData> spans) {
        return spans.stream().map(SpanData::getName).collect(Collectors.toSet());
    }

    private static String describe(List<SpanData> spans) {
        return spans.stream()
                .map(span -> span.getTraceId().substring(0, 8) + " " + span.getName() + " " + span.getAttributes())
                .collect(Collectors.joining("\n"));
    }
}
